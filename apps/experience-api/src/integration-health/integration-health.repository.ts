import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { IntegrationHealthReportedV1 } from '@threadline/canonical';
import { DataSource, EntityManager } from 'typeorm';
import { EXPERIENCE_SCHEMA } from '../experience-api.schema';

const CALLS = `${EXPERIENCE_SCHEMA}.backend_calls`;
const STEPS = `${EXPERIENCE_SCHEMA}.backend_steps`;
const REPORTS = `${EXPERIENCE_SCHEMA}.health_reports`;

/** Call counts are kept per minute this long: the dashboard's window is at most a day. */
const KEEP_CALLS = '8 days';

export interface BackendHealthRow {
  backend: string;
  /** '' for calls that name no plant. */
  plant: string;
  calls: number;
  failed_calls: number;
  unavailable_calls: number;
  retrying_steps: number;
  oldest_retry_since: Date | null;
  dead_letters: number;
  last_error_class: string | null;
}

/**
 * Integration health per backend and plant from the process API's periodic reports: call counts
 * add up per minute (several process API instances each report their own calls); the failing
 * steps are a gauge of the shared step ledger, so the newest report says how many there are now.
 */
@Injectable()
export class IntegrationHealthRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async recordReport(em: EntityManager, report: IntegrationHealthReportedV1): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('experience_api.integration_health'))`);
    await em.query(
      `INSERT INTO ${REPORTS} (reporter, reported_at) VALUES ($1, $2)
       ON CONFLICT (reporter) DO UPDATE SET reported_at = GREATEST(${REPORTS}.reported_at, EXCLUDED.reported_at)`,
      [report.reporter, report.reportedAt],
    );
    const withCalls = report.backends.filter((b) => b.calls > 0);
    if (withCalls.length > 0) {
      await em.query(
        `INSERT INTO ${CALLS} (backend, plant, minute, calls, failed_calls, unavailable_calls)
         SELECT b, p, date_trunc('minute', $1::timestamptz), c, f, u FROM unnest($2::text[], $3::text[], $4::int[], $5::int[], $6::int[]) AS x(b, p, c, f, u)
         ON CONFLICT (backend, plant, minute) DO UPDATE SET calls = ${CALLS}.calls + EXCLUDED.calls,
           failed_calls = ${CALLS}.failed_calls + EXCLUDED.failed_calls, unavailable_calls = ${CALLS}.unavailable_calls + EXCLUDED.unavailable_calls`,
        [
          report.reportedAt,
          withCalls.map((b) => b.backend),
          withCalls.map((b) => b.plant ?? ''),
          withCalls.map((b) => b.calls),
          withCalls.map((b) => b.failedCalls),
          withCalls.map((b) => b.unavailableCalls),
        ],
      );
    }
    const b = report.backends;
    await em.query(
      `INSERT INTO ${STEPS} (backend, plant, retrying_steps, oldest_retry_since, dead_letters, last_error_class, reported_at)
       SELECT b, p, r, o, d, e, $1 FROM unnest($2::text[], $3::text[], $4::int[], $5::timestamptz[], $6::int[], $7::text[]) AS x(b, p, r, o, d, e)
       ON CONFLICT (backend, plant) DO UPDATE SET retrying_steps = EXCLUDED.retrying_steps, oldest_retry_since = EXCLUDED.oldest_retry_since,
         dead_letters = EXCLUDED.dead_letters, last_error_class = EXCLUDED.last_error_class, reported_at = EXCLUDED.reported_at
       WHERE ${STEPS}.reported_at <= EXCLUDED.reported_at`,
      [
        report.reportedAt,
        b.map((x) => x.backend),
        b.map((x) => x.plant ?? ''),
        b.map((x) => x.retryingSteps),
        b.map((x) => x.oldestRetrySince),
        b.map((x) => x.deadLetters),
        b.map((x) => x.lastErrorClass),
      ],
    );
    // A pair the newest report does not list has no failing step any more.
    await em.query(
      `UPDATE ${STEPS} SET retrying_steps = 0, oldest_retry_since = NULL, dead_letters = 0, reported_at = $1
        WHERE reported_at < $1 AND (retrying_steps > 0 OR dead_letters > 0)`,
      [report.reportedAt],
    );
    await em.query(`DELETE FROM ${CALLS} WHERE minute < now() - interval '${KEEP_CALLS}'`);
  }

  /** Every backend and plant with calls in the window or failing steps now, by backend and plant. */
  health(since: Date, filter: { backend?: string; plant?: string }): Promise<BackendHealthRow[]> {
    return this.dataSource.query(
      `WITH calls AS (
         SELECT backend, plant, sum(calls)::int AS calls, sum(failed_calls)::int AS failed_calls, sum(unavailable_calls)::int AS unavailable_calls
           FROM ${CALLS} WHERE minute >= date_trunc('minute', $1::timestamptz) GROUP BY backend, plant)
       SELECT COALESCE(c.backend, s.backend) AS backend, COALESCE(c.plant, s.plant) AS plant,
              COALESCE(c.calls, 0) AS calls, COALESCE(c.failed_calls, 0) AS failed_calls, COALESCE(c.unavailable_calls, 0) AS unavailable_calls,
              COALESCE(s.retrying_steps, 0) AS retrying_steps, s.oldest_retry_since, COALESCE(s.dead_letters, 0) AS dead_letters, s.last_error_class
         FROM calls c FULL OUTER JOIN ${STEPS} s ON s.backend = c.backend AND s.plant = c.plant
        WHERE (c.calls > 0 OR s.retrying_steps > 0 OR s.dead_letters > 0)
          AND ($2::text IS NULL OR COALESCE(c.backend, s.backend) = $2) AND ($3::text IS NULL OR COALESCE(c.plant, s.plant) = $3)
        ORDER BY 1, 2`,
      [since, filter.backend ?? null, filter.plant ?? null],
    );
  }

  async lastReportAt(): Promise<Date | null> {
    const rows: { at: Date | null }[] = await this.dataSource.query(`SELECT max(reported_at) AS at FROM ${REPORTS}`);
    return rows[0]?.at ?? null;
  }
}
