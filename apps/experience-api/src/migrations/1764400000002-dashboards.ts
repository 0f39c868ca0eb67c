import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboards' read models besides revision adoption, each fed by the process API's events:
 * impacted orders per change and plant, the exception queue, release transitions with the stage
 * times derived from them, and integration health per backend and plant.
 */
export class Dashboards1764400000002 implements MigrationInterface {
  name = 'Dashboards1764400000002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE experience_api.impacted_plant (
        change_number text NOT NULL,
        plant text NOT NULL,
        release_id uuid NOT NULL,
        effective_from timestamptz,
        assessed_at timestamptz NOT NULL,
        work_orders_total integer NOT NULL,
        work_orders_by_status jsonb NOT NULL DEFAULT '{}',
        purchase_orders_total integer NOT NULL,
        CONSTRAINT impacted_plant_pk PRIMARY KEY (change_number, plant)
      )`);
    // kind: work-order (line 0) or purchase-order (its line); the first N of each per plant, as the impact lists them.
    await runner.query(`
      CREATE TABLE experience_api.impacted_order (
        change_number text NOT NULL,
        plant text NOT NULL,
        kind text NOT NULL,
        number text NOT NULL,
        line integer NOT NULL,
        item_number text,
        open_quantity numeric,
        delivery_date text,
        suggestion text,
        suggested_quantity numeric,
        CONSTRAINT impacted_order_pk PRIMARY KEY (change_number, plant, kind, number, line)
      )`);
    // Opened and resolved may arrive in either order: a resolution first leaves a row with only resolved_at.
    await runner.query(`
      CREATE TABLE experience_api.exception_case (
        case_id uuid PRIMARY KEY,
        plant text NOT NULL,
        kind text,
        severity text,
        owner text,
        item_number text,
        work_order_number text,
        change_number text,
        opened_at timestamptz,
        resolved_at timestamptz,
        resolution text
      )`);
    await runner.query(`CREATE INDEX exception_case_open_idx ON experience_api.exception_case (opened_at, case_id) WHERE resolved_at IS NULL`);
    await runner.query(`
      CREATE TABLE experience_api.release_timeline (
        change_number text PRIMARY KEY,
        release_id uuid NOT NULL,
        target_plants text[],
        plm_released_at timestamptz,
        received_at timestamptz
      )`);
    await runner.query(`
      CREATE TABLE experience_api.release_transition (
        change_number text NOT NULL,
        plant text NOT NULL DEFAULT '',
        from_state text,
        to_state text NOT NULL,
        at timestamptz NOT NULL,
        reason text NOT NULL,
        not_before timestamptz,
        effective_from timestamptz,
        CONSTRAINT release_transition_pk PRIMARY KEY (change_number, plant, to_state, at)
      )`);
    // Derived from release_timeline and release_transition on every transition (lead-time.rules.ts).
    await runner.query(`
      CREATE TABLE experience_api.rollout_lead_time (
        change_number text NOT NULL,
        plant text NOT NULL,
        release_id uuid NOT NULL,
        state text NOT NULL,
        state_since timestamptz,
        status text NOT NULL,
        started_at timestamptz,
        completed_at timestamptz,
        lead_seconds double precision,
        validation_seconds double precision,
        impact_seconds double precision,
        approval_wait_seconds double precision,
        release_window_wait_seconds double precision,
        erp_seconds double precision,
        scheduler_seconds double precision,
        updated_at timestamptz NOT NULL,
        CONSTRAINT rollout_lead_time_pk PRIMARY KEY (change_number, plant)
      )`);
    await runner.query(`CREATE INDEX rollout_lead_time_completed_idx ON experience_api.rollout_lead_time (plant, completed_at) WHERE completed_at IS NOT NULL`);
    await runner.query(`CREATE INDEX rollout_lead_time_updated_idx ON experience_api.rollout_lead_time (updated_at DESC, change_number DESC, plant DESC)`);
    // plant '' stands for calls that name no plant (PLM).
    await runner.query(`
      CREATE TABLE experience_api.backend_calls (
        backend text NOT NULL,
        plant text NOT NULL,
        minute timestamptz NOT NULL,
        calls integer NOT NULL,
        failed_calls integer NOT NULL,
        unavailable_calls integer NOT NULL,
        CONSTRAINT backend_calls_pk PRIMARY KEY (backend, plant, minute)
      )`);
    await runner.query(`CREATE INDEX backend_calls_minute_idx ON experience_api.backend_calls (minute)`);
    await runner.query(`
      CREATE TABLE experience_api.backend_steps (
        backend text NOT NULL,
        plant text NOT NULL,
        retrying_steps integer NOT NULL,
        oldest_retry_since timestamptz,
        dead_letters integer NOT NULL,
        last_error_class text,
        reported_at timestamptz NOT NULL,
        CONSTRAINT backend_steps_pk PRIMARY KEY (backend, plant)
      )`);
    await runner.query(`
      CREATE TABLE experience_api.health_reports (
        reporter text PRIMARY KEY,
        reported_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['health_reports', 'backend_steps', 'backend_calls', 'rollout_lead_time', 'release_transition', 'release_timeline', 'exception_case', 'impacted_order', 'impacted_plant']) {
      await runner.query(`DROP TABLE experience_api.${table}`);
    }
  }
}
