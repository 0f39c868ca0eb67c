import { MigrationInterface, QueryRunner } from 'typeorm';

/** Validation outcome, impact, governance decision and approvals; per-plant effective dates and release windows. */
export class GovernedRelease1764300000001 implements MigrationInterface {
  name = 'GovernedRelease1764300000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE process_api.engineering_releases
        ADD COLUMN rejection jsonb,
        ADD COLUMN impact jsonb,
        ADD COLUMN governance text`);
    await runner.query(`
      ALTER TABLE process_api.plant_rollouts
        ADD COLUMN effective_from timestamptz,
        ADD COLUMN not_before timestamptz`);
    await runner.query(`
      CREATE TABLE process_api.release_approvals (
        id bigserial PRIMARY KEY,
        release_id uuid NOT NULL REFERENCES process_api.engineering_releases (id),
        approver text NOT NULL,
        client_id text NOT NULL,
        decision text NOT NULL,
        comment text,
        at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT release_approvals_once_per_approver UNIQUE (release_id, approver)
      )`);
    await runner.query(
      `CREATE INDEX engineering_releases_items_idx ON process_api.engineering_releases USING gin (items jsonb_path_ops)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX process_api.engineering_releases_items_idx');
    await runner.query('DROP TABLE process_api.release_approvals');
    await runner.query('ALTER TABLE process_api.plant_rollouts DROP COLUMN effective_from, DROP COLUMN not_before');
    await runner.query('ALTER TABLE process_api.engineering_releases DROP COLUMN rejection, DROP COLUMN impact, DROP COLUMN governance');
  }
}
