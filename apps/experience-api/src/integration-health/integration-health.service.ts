import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, keysetCursor } from '@threadline/platform';
import { iso } from '../dashboards/dashboard-query';
import { whenWords } from '../lead-time/lead-time.rules';
import { BackendHealthDto, HealthState, IntegrationHealthDto } from './integration-health.dto';
import { BackendHealthRow, IntegrationHealthRepository } from './integration-health.repository';

/** Over this share of failed calls a backend counts as degraded. */
const DEGRADED_ERROR_RATE = 0.05;
const WAITING_CLASSES = new Set(['backend-unavailable', 'credentials']);

const ratio = (n: number, of: number): number | null => (of === 0 ? null : Math.round((n / of) * 1000) / 1000);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function toBackendHealth(row: BackendHealthRow, windowMinutes: number): BackendHealthDto {
  const errorRate = ratio(row.failed_calls, row.calls);
  const availability = row.calls === 0 ? null : Math.round((1 - row.unavailable_calls / row.calls) * 1000) / 1000;
  const state: HealthState =
    row.retrying_steps > 0 && row.last_error_class !== null && WAITING_CLASSES.has(row.last_error_class)
      ? 'down'
      : row.retrying_steps > 0 || row.dead_letters > 0 || (errorRate ?? 0) > DEGRADED_ERROR_RATE
        ? 'degraded'
        : 'ok';
  const where = `${row.backend}${row.plant ? ` at ${row.plant}` : ''}`;
  const parts: string[] = [];
  if (row.retrying_steps > 0) {
    const since = row.oldest_retry_since ? ` since ${whenWords(new Date(row.oldest_retry_since))}` : '';
    const why = row.last_error_class ? ` (${row.last_error_class.replace(/-/g, ' ')})` : '';
    parts.push(`${plural(row.retrying_steps, 'step')} retrying${since}${why}`);
  }
  if (row.dead_letters > 0) parts.push(`${plural(row.dead_letters, 'dead letter')} for an operator`);
  parts.push(
    row.calls === 0
      ? `no calls in the last ${windowMinutes} min`
      : row.failed_calls === 0
        ? `${plural(row.calls, 'call')} in the last ${windowMinutes} min, none failed`
        : `${row.failed_calls} of ${plural(row.calls, 'call')} failed in the last ${windowMinutes} min`,
  );
  return {
    backend: row.backend,
    plant: row.plant || null,
    calls: row.calls,
    failedCalls: row.failed_calls,
    errorRate,
    availability,
    retryingSteps: row.retrying_steps,
    oldestRetrySince: iso(row.oldest_retry_since),
    deadLetters: row.dead_letters,
    lastErrorClass: row.last_error_class,
    state,
    summary: `${where}: ${state === 'ok' ? 'healthy, ' : ''}${parts.join('; ')}`,
  };
}

/** Integration health per backend and plant, from the process API's health reports. */
@Injectable()
export class IntegrationHealthService {
  constructor(private readonly health: IntegrationHealthRepository) {}

  async summary(filter: { minutes?: number; backend?: string; plant?: string } = {}, page: { limit?: number; cursor?: string } = {}): Promise<IntegrationHealthDto> {
    const windowMinutes = filter.minutes ?? 60;
    const limit = page.limit ?? 50;
    const after = decodeCursor<{ b: string; p: string }>(page.cursor, (v) => keysetCursor('b')(v) && typeof (v as { p?: unknown }).p === 'string');
    const since = new Date(Date.now() - windowMinutes * 60_000);
    // Bounded: three backends times the plants; paged here rather than in SQL so the totals cover every page.
    const [rows, lastReportAt] = await Promise.all([this.health.health(since, filter), this.health.lastReportAt()]);
    const rest = after ? rows.filter((r) => r.backend > after.b || (r.backend === after.b && r.plant > after.p)) : rows;
    const items = rest.slice(0, limit);
    const last = items[items.length - 1];
    return {
      windowMinutes,
      lastReportAt: iso(lastReportAt),
      totals: {
        calls: rows.reduce((n, r) => n + r.calls, 0),
        failedCalls: rows.reduce((n, r) => n + r.failed_calls, 0),
        retryingSteps: rows.reduce((n, r) => n + r.retrying_steps, 0),
        deadLetters: rows.reduce((n, r) => n + r.dead_letters, 0),
      },
      items: items.map((r) => toBackendHealth(r, windowMinutes)),
      nextCursor: rest.length > limit && last ? encodeCursor({ b: last.backend, p: last.plant }) : null,
    };
  }
}
