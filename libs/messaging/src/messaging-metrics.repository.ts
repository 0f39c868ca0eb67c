import type { DataSource } from 'typeorm';
import { LEDGER_SCHEMA } from './step-ledger.repository';

export interface OutboxFigures {
  pending: number;
  /** Age of the oldest unpublished row; 0 when none. */
  lagSeconds: number;
}

export interface StepFigures {
  flow: string;
  tier: number;
  retrying: number;
  oldestRetrySeconds: number;
  deadOpen: number;
}

export interface QueueFigures {
  queue: string;
  state: string;
  jobs: number;
}

/** The pg-boss job states counted as a queue's depth: waiting, waiting to retry, running. */
export const QUEUE_DEPTH_STATES = ['created', 'retry', 'active'] as const;

/** The SQL behind the messaging gauges, read when Prometheus scrapes (read-only). */
export class MessagingMetricsRepository {
  constructor(
    private readonly dataSource: DataSource,
    /** The app's schema, quoted. */
    private readonly schema: string,
    /** pg-boss's job table, quoted schema and name. */
    private readonly jobTable: string,
  ) {}

  async outbox(): Promise<OutboxFigures> {
    const [row]: { pending: string; lag: string | null }[] = await this.dataSource.query(
      `SELECT count(*) AS pending, EXTRACT(EPOCH FROM now() - min(created_at)) AS lag FROM ${this.schema}.outbox WHERE published_at IS NULL`,
    );
    return { pending: Number(row.pending), lagSeconds: Math.max(Number(row.lag ?? 0), 0) };
  }

  /** Retrying steps and open dead letters of one app, per flow and tier (only those that have some). */
  async steps(app: string): Promise<StepFigures[]> {
    const rows: { flow: string; tier: number; retrying: string; oldest: string | null; dead: string }[] = await this.dataSource.query(
      `SELECT flow, tier,
              count(*) FILTER (WHERE state = 'retrying') AS retrying,
              EXTRACT(EPOCH FROM now() - min(first_failed_at) FILTER (WHERE state = 'retrying')) AS oldest,
              count(*) FILTER (WHERE state = 'dead') AS dead
         FROM ${LEDGER_SCHEMA}.steps WHERE app = $1 AND state IN ('retrying', 'dead') GROUP BY flow, tier`,
      [app],
    );
    return rows.map((r) => ({ flow: r.flow, tier: r.tier, retrying: Number(r.retrying), oldestRetrySeconds: Math.max(Number(r.oldest ?? 0), 0), deadOpen: Number(r.dead) }));
  }

  /** Jobs per queue and state, of these queues (only the states that have some). */
  async queues(queues: string[]): Promise<QueueFigures[]> {
    if (queues.length === 0) return [];
    const rows: { name: string; state: string; jobs: string }[] = await this.dataSource.query(
      `SELECT name, state::text AS state, count(*) AS jobs FROM ${this.jobTable}
        WHERE name = ANY($1) AND state::text = ANY($2) GROUP BY name, state`,
      [queues, QUEUE_DEPTH_STATES],
    );
    return rows.map((r) => ({ queue: r.name, state: r.state, jobs: Number(r.jobs) }));
  }
}
