import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A release or plant rollout whose step became a dead letter: the dead letter's id and reason, and
 * for a rollout the state it stalled in, which a replay resumes. Bulk replays of dead letters, each
 * item with its outcome, so a replay job survives a crash and is not repeated.
 */
export class StalledSteps1766100000000 implements MigrationInterface {
  name = 'StalledSteps1766100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE process_api.engineering_releases
        ADD COLUMN stalled_dead_letter_id uuid,
        ADD COLUMN stalled_reason text,
        ADD COLUMN stalled_at timestamptz`);
    await runner.query(`
      ALTER TABLE process_api.plant_rollouts
        ADD COLUMN stalled_from text,
        ADD COLUMN dead_letter_id uuid`);
    await runner.query(`
      CREATE TABLE process_api.dead_letter_replays (
        id uuid PRIMARY KEY,
        filter jsonb NOT NULL,
        reason text NOT NULL,
        requested_by text NOT NULL,
        rate_per_second integer NOT NULL,
        state text NOT NULL,
        total integer NOT NULL,
        created_at timestamptz NOT NULL,
        finished_at timestamptz
      )`);
    await runner.query(`
      CREATE TABLE process_api.dead_letter_replay_items (
        replay_id uuid NOT NULL REFERENCES process_api.dead_letter_replays (id),
        position integer NOT NULL,
        dead_letter_id uuid NOT NULL,
        outcome text,
        detail text,
        done_at timestamptz,
        CONSTRAINT dead_letter_replay_items_pk PRIMARY KEY (replay_id, position)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE process_api.dead_letter_replay_items');
    await runner.query('DROP TABLE process_api.dead_letter_replays');
    await runner.query('ALTER TABLE process_api.plant_rollouts DROP COLUMN stalled_from, DROP COLUMN dead_letter_id');
    await runner.query('ALTER TABLE process_api.engineering_releases DROP COLUMN stalled_dead_letter_id, DROP COLUMN stalled_reason, DROP COLUMN stalled_at');
  }
}
