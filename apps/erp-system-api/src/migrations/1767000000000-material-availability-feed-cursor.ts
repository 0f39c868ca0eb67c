import { MigrationInterface, QueryRunner } from 'typeorm';
import { ERP_SYSTEM_API_SCHEMA } from '../erp-system-api.schema';

const TABLE = `${ERP_SYSTEM_API_SCHEMA}.material_availability_feed_cursor`;

/**
 * Where the material availability feed has got to in each plant: every change before
 * `changed_at` is announced (changes at it may be read again; their event ids make that harmless).
 */
export class ErpSystemApiMaterialAvailabilityFeedCursor1767000000000 implements MigrationInterface {
  name = 'ErpSystemApiMaterialAvailabilityFeedCursor1767000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE ${TABLE} (
        plant text PRIMARY KEY,
        changed_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${TABLE}`);
  }
}
