import { MigrationInterface, QueryRunner } from 'typeorm';
import { SCHEDULING_SYSTEM_API_SCHEMA } from '../scheduling-system-api.schema';

const TABLE = `${SCHEDULING_SYSTEM_API_SCHEMA}.announced_exception`;

/**
 * Every scheduler exception announced, by plant and the scheduler's id, with its event's id: what
 * the webhook and reconciliation paths check before announcing. The outbox cannot be that record,
 * as published events are swept from it after their retention while the scheduler may still
 * report the exception.
 */
export class SchedulingSystemApiAnnouncedExceptions1766400000000 implements MigrationInterface {
  name = 'SchedulingSystemApiAnnouncedExceptions1766400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE ${TABLE} (
        plant text NOT NULL,
        exception_id text NOT NULL,
        event_id uuid NOT NULL,
        announced_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (plant, exception_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${TABLE}`);
  }
}
