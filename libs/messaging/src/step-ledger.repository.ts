import type { DataSource, EntityManager } from 'typeorm';
import type { ErrorClass, StepFailure } from './step-failure';
import type { Tier } from './tiers';

/**
 * The ledger's schema. Like pg-boss's own schema it belongs to the transport, not to one app:
 * every app on the database writes its failing steps here, so operators see all of them in one place.
 */
export const LEDGER_SCHEMA = 'messaging';

export type StepState = 'retrying' | 'dead' | 'replaying' | 'discarded' | 'recovered';

/** One unit of work (a job, or one consumer's handling of one event) that has failed at least once. */
export interface StepRecord {
  workId: string;
  app: string;
  queue: string;
  flow: string;
  tier: Tier;
  plant: string | null;
  changeNumber: string | null;
  payload: unknown;
  state: StepState;
  attempts: number;
  errorClass: ErrorClass;
  errorCode: string | null;
  backend: string | null;
  lastError: string;
  firstFailedAt: Date;
  lastFailedAt: Date;
  nextAttemptAt: Date | null;
  jobId: string | null;
  correlationId: string | null;
  traceId: string | null;
  /** The W3C trace context of its last attempt, which a replay continues. */
  traceparent: string | null;
  deadAt: Date | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolution: string | null;
  replays: number;
}

export interface StepAttempt {
  attempt: number;
  jobId: string | null;
  errorClass: ErrorClass;
  errorCode: string | null;
  backend: string | null;
  error: string;
  outcome: 'retry' | 'dead-letter';
  at: Date;
}

export interface StepFilter {
  states: StepState[];
  flow?: string;
  plant?: string;
  backend?: string;
  errorClass?: ErrorClass;
  changeNumber?: string;
  /** Last failure at or after / before. */
  from?: string;
  to?: string;
}

export interface FailedAttempt {
  workId: string;
  app: string;
  queue: string;
  flow: string;
  tier: Tier;
  labels: { plant?: string | null; changeNumber?: string | null };
  payload: unknown;
  attempt: number;
  jobId: string;
  failure: StepFailure;
  correlationId: string | null;
  traceId: string | null;
  traceparent: string | null;
  outcome: { kind: 'retry'; nextAttemptAt: Date; nextJobId: string | null } | { kind: 'dead-letter' };
}

const COLUMNS = `work_id, app, queue, flow, tier, plant, change_number, payload, state, attempts, error_class, error_code, backend, last_error,
  first_failed_at, last_failed_at, next_attempt_at, job_id, correlation_id, trace_id, traceparent, dead_at, resolved_at, resolved_by, resolution, replays`;

interface StepRow {
  work_id: string;
  app: string;
  queue: string;
  flow: string;
  tier: number;
  plant: string | null;
  change_number: string | null;
  payload: unknown;
  state: StepState;
  attempts: number;
  error_class: ErrorClass;
  error_code: string | null;
  backend: string | null;
  last_error: string;
  first_failed_at: Date;
  last_failed_at: Date;
  next_attempt_at: Date | null;
  job_id: string | null;
  correlation_id: string | null;
  trace_id: string | null;
  traceparent: string | null;
  dead_at: Date | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution: string | null;
  replays: number;
}

const toRecord = (r: StepRow): StepRecord => ({
  workId: r.work_id,
  app: r.app,
  queue: r.queue,
  flow: r.flow,
  tier: r.tier as Tier,
  plant: r.plant,
  changeNumber: r.change_number,
  payload: r.payload,
  state: r.state,
  attempts: r.attempts,
  errorClass: r.error_class,
  errorCode: r.error_code,
  backend: r.backend,
  lastError: r.last_error,
  firstFailedAt: r.first_failed_at,
  lastFailedAt: r.last_failed_at,
  nextAttemptAt: r.next_attempt_at,
  jobId: r.job_id,
  correlationId: r.correlation_id,
  traceId: r.trace_id,
  traceparent: r.traceparent,
  deadAt: r.dead_at,
  resolvedAt: r.resolved_at,
  resolvedBy: r.resolved_by,
  resolution: r.resolution,
  replays: r.replays,
});

const T = `${LEDGER_SCHEMA}.steps`;
const A = `${LEDGER_SCHEMA}.step_attempts`;

/** All of the ledger's SQL. */
export class StepLedgerRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates the ledger's tables once per database, whichever app starts first (idempotent, serialised). */
  async ensureTables(): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('${T}'))`);
      await em.query(`CREATE SCHEMA IF NOT EXISTS ${LEDGER_SCHEMA}`);
      await em.query(`
        CREATE TABLE IF NOT EXISTS ${T} (
          work_id uuid PRIMARY KEY,
          app text NOT NULL,
          queue text NOT NULL,
          flow text NOT NULL,
          tier integer NOT NULL,
          plant text,
          change_number text,
          payload jsonb NOT NULL,
          state text NOT NULL,
          attempts integer NOT NULL,
          error_class text NOT NULL,
          error_code text,
          backend text,
          last_error text NOT NULL,
          first_failed_at timestamptz NOT NULL,
          last_failed_at timestamptz NOT NULL,
          next_attempt_at timestamptz,
          job_id uuid,
          correlation_id text,
          trace_id text,
          dead_at timestamptz,
          resolved_at timestamptz,
          resolved_by text,
          resolution text,
          replays integer NOT NULL DEFAULT 0,
          updated_at timestamptz NOT NULL DEFAULT now()
        )`);
      // Added with tracing (issue 11): the ledgers of databases from before get the column here.
      await em.query(`ALTER TABLE ${T} ADD COLUMN IF NOT EXISTS traceparent text`);
      await em.query(`CREATE INDEX IF NOT EXISTS steps_state_failed_idx ON ${T} (state, last_failed_at DESC, work_id DESC)`);
      await em.query(`
        CREATE TABLE IF NOT EXISTS ${A} (
          id bigserial PRIMARY KEY,
          work_id uuid NOT NULL REFERENCES ${T} (work_id) ON DELETE CASCADE,
          attempt integer NOT NULL,
          job_id uuid,
          error_class text NOT NULL,
          error_code text,
          backend text,
          error text NOT NULL,
          outcome text NOT NULL,
          at timestamptz NOT NULL DEFAULT now()
        )`);
      await em.query(`CREATE INDEX IF NOT EXISTS step_attempts_work_idx ON ${A} (work_id, id)`);
    });
  }

  /** Records a failed attempt and what happens next, in the caller's transaction. */
  async recordFailure(em: EntityManager, f: FailedAttempt): Promise<void> {
    const dead = f.outcome.kind === 'dead-letter';
    await em.query(
      `INSERT INTO ${T} (work_id, app, queue, flow, tier, plant, change_number, payload, state, attempts, error_class, error_code, backend, last_error,
                         first_failed_at, last_failed_at, next_attempt_at, job_id, correlation_id, trace_id, dead_at, updated_at, traceparent)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11, $12, $13, now(), now(), $14, $15, $16, $17, $18, now(), $19)
       ON CONFLICT (work_id) DO UPDATE SET
         state = EXCLUDED.state, attempts = ${T}.attempts + 1, error_class = EXCLUDED.error_class, error_code = EXCLUDED.error_code,
         backend = EXCLUDED.backend, last_error = EXCLUDED.last_error, last_failed_at = now(), next_attempt_at = EXCLUDED.next_attempt_at,
         job_id = EXCLUDED.job_id, plant = COALESCE(EXCLUDED.plant, ${T}.plant), change_number = COALESCE(EXCLUDED.change_number, ${T}.change_number),
         dead_at = EXCLUDED.dead_at, resolved_at = NULL, resolved_by = NULL, resolution = NULL, updated_at = now(),
         traceparent = EXCLUDED.traceparent`,
      [
        f.workId,
        f.app,
        f.queue,
        f.flow,
        f.tier,
        f.labels.plant ?? null,
        f.labels.changeNumber ?? null,
        JSON.stringify(f.payload),
        dead ? 'dead' : 'retrying',
        f.failure.errorClass,
        f.failure.code,
        f.failure.backend,
        f.failure.message,
        f.outcome.kind === 'retry' ? f.outcome.nextAttemptAt : null,
        f.outcome.kind === 'retry' ? f.outcome.nextJobId : null,
        f.correlationId,
        f.traceId,
        dead ? new Date() : null,
        f.traceparent,
      ],
    );
    await em.query(
      `INSERT INTO ${A} (work_id, attempt, job_id, error_class, error_code, backend, error, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [f.workId, f.attempt, f.jobId, f.failure.errorClass, f.failure.code, f.failure.backend, f.failure.message, dead ? 'dead-letter' : 'retry'],
    );
  }

  /** A step that had failed has now succeeded. */
  async recordRecovered(em: EntityManager, workId: string): Promise<void> {
    await em.query(
      `UPDATE ${T} SET state = 'recovered', next_attempt_at = NULL, job_id = NULL, resolved_at = COALESCE(resolved_at, now()), updated_at = now()
        WHERE work_id = $1 AND state IN ('retrying', 'replaying')`,
      [workId],
    );
  }

  async find(workId: string, em?: EntityManager): Promise<StepRecord | null> {
    const rows: StepRow[] = await (em ?? this.dataSource.manager).query(`SELECT ${COLUMNS} FROM ${T} WHERE work_id = $1`, [workId]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findMany(workIds: string[]): Promise<StepRecord[]> {
    if (workIds.length === 0) return [];
    const rows: StepRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM ${T} WHERE work_id = ANY($1::uuid[])`, [workIds]);
    return rows.map(toRecord);
  }

  /** The step, locked until the caller's transaction ends. */
  async lock(em: EntityManager, workId: string): Promise<StepRecord | null> {
    const rows: StepRow[] = await em.query(`SELECT ${COLUMNS} FROM ${T} WHERE work_id = $1 FOR UPDATE`, [workId]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async attempts(workId: string): Promise<StepAttempt[]> {
    const rows: { attempt: number; job_id: string | null; error_class: ErrorClass; error_code: string | null; backend: string | null; error: string; outcome: 'retry' | 'dead-letter'; at: Date }[] =
      await this.dataSource.query(`SELECT attempt, job_id, error_class, error_code, backend, error, outcome, at FROM ${A} WHERE work_id = $1 ORDER BY id`, [workId]);
    return rows.map((r) => ({ attempt: r.attempt, jobId: r.job_id, errorClass: r.error_class, errorCode: r.error_code, backend: r.backend, error: r.error, outcome: r.outcome, at: r.at }));
  }

  async markReplaying(em: EntityManager, workId: string, jobId: string, by: string, reason: string): Promise<void> {
    await em.query(
      `UPDATE ${T} SET state = 'replaying', job_id = $2, next_attempt_at = now(), replays = replays + 1, resolved_at = now(), resolved_by = $3, resolution = $4, updated_at = now()
        WHERE work_id = $1`,
      [workId, jobId, by, reason],
    );
  }

  async markDiscarded(em: EntityManager, workId: string, by: string, reason: string): Promise<void> {
    await em.query(
      `UPDATE ${T} SET state = 'discarded', next_attempt_at = NULL, job_id = NULL, resolved_at = now(), resolved_by = $2, resolution = $3, updated_at = now()
        WHERE work_id = $1`,
      [workId, by, reason],
    );
  }

  /** Newest failure first, keyset by (last_failed_at, work_id). */
  async list(filter: StepFilter, after: { t: string; id: string } | undefined, limit: number): Promise<StepRecord[]> {
    const { where, params } = this.where(filter);
    if (after) {
      params.push(after.t, after.id);
      where.push(`(last_failed_at, work_id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit);
    const rows: StepRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${T} WHERE ${where.join(' AND ')} ORDER BY last_failed_at DESC, work_id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toRecord);
  }

  /** How many steps match, per error class. */
  async countByErrorClass(filter: StepFilter): Promise<Partial<Record<ErrorClass, number>>> {
    const { where, params } = this.where(filter);
    const rows: { error_class: ErrorClass; n: string }[] = await this.dataSource.query(
      `SELECT error_class, count(*) AS n FROM ${T} WHERE ${where.join(' AND ')} GROUP BY error_class ORDER BY error_class`,
      params,
    );
    return Object.fromEntries(rows.map((r) => [r.error_class, Number(r.n)]));
  }

  private where(filter: StepFilter): { where: string[]; params: unknown[] } {
    const params: unknown[] = [filter.states];
    const where = ['state = ANY($1)'];
    const add = (column: string, value: string | undefined, op = '=', cast = '') => {
      if (value === undefined) return;
      params.push(value);
      where.push(`${column} ${op} $${params.length}${cast}`);
    };
    add('flow', filter.flow);
    add('plant', filter.plant);
    add('backend', filter.backend);
    add('error_class', filter.errorClass);
    add('change_number', filter.changeNumber);
    add('last_failed_at', filter.from, '>=', '::timestamptz');
    add('last_failed_at', filter.to, '<', '::timestamptz');
    return { where, params };
  }
}
