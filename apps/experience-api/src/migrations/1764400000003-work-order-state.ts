import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Impacted orders that leave the old revision: each work order's latest status and revision from
 * ERP's change feed (in any order with the impact), and the change's items (which revision is old).
 */
export class WorkOrderState1764400000003 implements MigrationInterface {
  name = 'WorkOrderState1764400000003';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE experience_api.impacted_plant ADD COLUMN items jsonb NOT NULL DEFAULT '[]'`);
    await runner.query(`
      CREATE TABLE experience_api.work_order_state (
        plant text NOT NULL,
        number text NOT NULL,
        item_number text NOT NULL,
        revision text NOT NULL,
        status text NOT NULL,
        changed_at timestamptz NOT NULL,
        CONSTRAINT work_order_state_pk PRIMARY KEY (plant, number)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE experience_api.work_order_state');
    await runner.query('ALTER TABLE experience_api.impacted_plant DROP COLUMN items');
  }
}
