import { MigrationInterface, QueryRunner } from 'typeorm';

/** Read models for the dashboards, fed by the process API's events. */
export class ExperienceInit1764400000000 implements MigrationInterface {
  name = 'ExperienceInit1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE experience_api.revision_adoption (
        change_number text PRIMARY KEY,
        release_id uuid NOT NULL,
        title text,
        items jsonb NOT NULL DEFAULT '[]',
        target_plants text[],
        release_state text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX revision_adoption_updated_idx ON experience_api.revision_adoption (updated_at DESC)');
    await runner.query(`
      CREATE TABLE experience_api.plant_adoption (
        change_number text NOT NULL,
        plant text NOT NULL,
        adopted_at timestamptz NOT NULL,
        late_jobs integer NOT NULL DEFAULT 0,
        CONSTRAINT plant_adoption_pk PRIMARY KEY (change_number, plant)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE experience_api.plant_adoption');
    await runner.query('DROP TABLE experience_api.revision_adoption');
  }
}
