import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProcessInit1764300000000 implements MigrationInterface {
  name = 'ProcessInit1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE process_api.engineering_releases (
        id uuid PRIMARY KEY,
        change_number text NOT NULL,
        title text NOT NULL,
        state text NOT NULL,
        failure_reason text,
        failure_code text,
        effective_from timestamptz NOT NULL,
        target_plants text[] NOT NULL,
        items jsonb NOT NULL,
        change jsonb NOT NULL,
        boms jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT engineering_releases_change_number_key UNIQUE (change_number)
      )`);
    await runner.query('CREATE INDEX engineering_releases_state_idx ON process_api.engineering_releases (state, created_at)');
    await runner.query(`
      CREATE TABLE process_api.plant_rollouts (
        release_id uuid NOT NULL REFERENCES process_api.engineering_releases (id),
        plant text NOT NULL,
        state text NOT NULL,
        erp_applied_at timestamptz,
        scheduled_at timestamptz,
        late_jobs integer,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT plant_rollouts_pk PRIMARY KEY (release_id, plant)
      )`);
    await runner.query(`
      CREATE TABLE process_api.release_transitions (
        id bigserial PRIMARY KEY,
        release_id uuid NOT NULL REFERENCES process_api.engineering_releases (id),
        plant text,
        from_state text,
        to_state text NOT NULL,
        actor text NOT NULL,
        reason text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX release_transitions_release_idx ON process_api.release_transitions (release_id, id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE process_api.release_transitions');
    await runner.query('DROP TABLE process_api.plant_rollouts');
    await runner.query('DROP TABLE process_api.engineering_releases');
  }
}
