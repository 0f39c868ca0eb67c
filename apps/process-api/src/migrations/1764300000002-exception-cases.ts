import { MigrationInterface, QueryRunner } from 'typeorm';

/** Exception cases opened from scheduler exceptions, with their history. */
export class ExceptionCases1764300000002 implements MigrationInterface {
  name = 'ExceptionCases1764300000002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE process_api.exception_cases (
        id uuid PRIMARY KEY,
        plant text NOT NULL,
        source_exception_id text NOT NULL,
        kind text NOT NULL,
        severity text NOT NULL,
        state text NOT NULL,
        owner text NOT NULL,
        job_id text NOT NULL,
        work_order_number text,
        item_number text NOT NULL,
        resource_id text,
        change_number text,
        release_id uuid,
        detail text NOT NULL,
        late_hours numeric,
        erp_hold text,
        resolution text,
        resolved_by text,
        raised_at timestamptz NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT exception_cases_source_key UNIQUE (plant, source_exception_id)
      )`);
    await runner.query('CREATE INDEX exception_cases_queue_idx ON process_api.exception_cases (owner, state, opened_at DESC)');
    await runner.query(`
      CREATE TABLE process_api.exception_case_events (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES process_api.exception_cases (id),
        what text NOT NULL,
        actor text NOT NULL,
        note text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX exception_case_events_case_idx ON process_api.exception_case_events (case_id, id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE process_api.exception_case_events');
    await runner.query('DROP TABLE process_api.exception_cases');
  }
}
