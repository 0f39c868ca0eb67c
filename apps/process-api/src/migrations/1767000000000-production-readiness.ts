import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Production readiness: the items whose availability ERP announced changed and that wait for the
 * next push to their plant's scheduler (one row per plant and item, so a burst coalesces), and
 * the log of pushes made.
 */
export class ProductionReadiness1767000000000 implements MigrationInterface {
  name = 'ProductionReadiness1767000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE process_api.material_availability_pending (
        plant text NOT NULL,
        item_number text NOT NULL,
        -- The latest announcement: a push that read the item before it leaves the row for the next one.
        changed_at timestamptz NOT NULL,
        PRIMARY KEY (plant, item_number)
      )`);
    await runner.query(`
      CREATE TABLE process_api.material_availability_pushes (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        plant text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('changes', 'reconciliation')),
        components integer NOT NULL,
        applied integer NOT NULL,
        unknown integer NOT NULL,
        plan_run_id text,
        pushed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX ix_material_availability_pushes_plant ON process_api.material_availability_pushes (plant, pushed_at DESC)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE process_api.material_availability_pushes');
    await runner.query('DROP TABLE process_api.material_availability_pending');
  }
}
