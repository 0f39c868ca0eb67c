import { MigrationInterface, QueryRunner } from 'typeorm';
import { ERP_SYSTEM_API_SCHEMA } from '../erp-system-api.schema';

const TABLE = `${ERP_SYSTEM_API_SCHEMA}.work_order_feed_cursor`;

/**
 * Where the work-order change feed has got to in each plant, in ERP's change order: the change
 * time (milliseconds, as ERP reports it) and, among the orders changed at that time, the highest
 * number announced (null: none of them yet). Advanced in the transaction that writes the
 * announcements to the outbox.
 */
export class ErpSystemApiWorkOrderFeedCursor1766300000000 implements MigrationInterface {
  name = 'ErpSystemApiWorkOrderFeedCursor1766300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE ${TABLE} (
        plant text PRIMARY KEY,
        changed_at timestamptz NOT NULL,
        order_number text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${TABLE}`);
  }
}
