import { MigrationInterface, QueryRunner } from 'typeorm';

/** Per plant: when the change takes effect, the work orders it touched, and late jobs after re-planning. */
export class AdoptionDetails1764400000001 implements MigrationInterface {
  name = 'AdoptionDetails1764400000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE experience_api.plant_adoption
        ADD COLUMN effective_from timestamptz,
        ADD COLUMN impacted_work_orders text[] NOT NULL DEFAULT '{}'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE experience_api.plant_adoption DROP COLUMN effective_from, DROP COLUMN impacted_work_orders');
  }
}
