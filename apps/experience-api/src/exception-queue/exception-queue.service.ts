import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, keysetCursor } from '@threadline/platform';
import { ExceptionGroupDto, ExceptionQueuePageDto, ExceptionQueueSummaryDto, OpenExceptionCaseDto } from './exception-queue.dto';
import { AGE_BUCKETS, AgeBucket, CaseFilter, ExceptionQueueRepository, OpenCaseRow } from './exception-queue.repository';

const HOUR = 3600;

export function ageBucketOf(ageSeconds: number): AgeBucket {
  if (ageSeconds < HOUR) return 'lt_1h';
  if (ageSeconds < 24 * HOUR) return '1h_to_24h';
  if (ageSeconds < 7 * 24 * HOUR) return '1d_to_7d';
  return 'gt_7d';
}

/** "2 d 3 h", "1 h 30 min", "4 min": how long, in words a planner reads at a glance. */
export function durationWords(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const h = Math.floor(m / 60);
  const d = Math.floor(h / 24);
  if (d > 0) return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
  if (h > 0) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  return m > 0 ? `${m} min` : 'less than a minute';
}

export function toOpenCase(row: OpenCaseRow, now: Date): OpenExceptionCaseDto {
  const ageSeconds = Math.max(Math.floor((now.getTime() - new Date(row.opened_at).getTime()) / 1000), 0);
  const order = row.work_order_number ? ` (work order ${row.work_order_number})` : '';
  return {
    caseId: row.case_id,
    plant: row.plant,
    kind: row.kind,
    severity: row.severity,
    owner: row.owner,
    itemNumber: row.item_number,
    workOrderNumber: row.work_order_number,
    changeNumber: row.change_number,
    openedAt: new Date(row.opened_at).toISOString(),
    ageSeconds,
    ageBucket: ageBucketOf(ageSeconds),
    summary: `${row.kind.replace(/-/g, ' ')} at ${row.plant} on ${row.item_number}${order}, open ${durationWords(ageSeconds)}, ${row.owner}'s queue`,
  };
}

/** The open exception cases by plant, kind, owner and age, from the process API's case events. */
@Injectable()
export class ExceptionQueueService {
  constructor(private readonly cases: ExceptionQueueRepository) {}

  /** Open cases, oldest first. */
  async list(filter: CaseFilter, page: { limit?: number; cursor?: string } = {}): Promise<ExceptionQueuePageDto> {
    const limit = page.limit ?? 50;
    const after = decodeCursor<{ t: string; id: string }>(page.cursor, keysetCursor('t', 'id'));
    const [rows, total] = await Promise.all([this.cases.listOpen(filter, after && { openedAt: after.t, caseId: after.id }, limit + 1), this.cases.countOpen(filter)]);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const now = new Date();
    return {
      total,
      items: items.map((r) => toOpenCase(r, now)),
      nextCursor: rows.length > limit && last ? encodeCursor({ t: new Date(last.opened_at).toISOString(), id: last.case_id }) : null,
    };
  }

  /** Counts of the open cases: in all, per age bucket, per owner, and per plant, kind and age bucket. */
  async summary(filter: CaseFilter): Promise<ExceptionQueueSummaryDto> {
    const rows = await this.cases.summary(filter);
    const byAge = Object.fromEntries(AGE_BUCKETS.map((a) => [a, 0])) as Record<AgeBucket, number>;
    const byOwner = new Map<string, number>();
    const groups = new Map<string, ExceptionGroupDto>();
    for (const r of rows) {
      byAge[r.age] += r.count;
      byOwner.set(r.owner, (byOwner.get(r.owner) ?? 0) + r.count);
      const key = `${r.plant}|${r.kind}|${r.age}`;
      const oldest = new Date(r.oldest).toISOString();
      const g = groups.get(key);
      if (g) {
        g.count += r.count;
        if (oldest < g.oldestOpenedAt) g.oldestOpenedAt = oldest;
      } else {
        groups.set(key, { plant: r.plant, kind: r.kind, ageBucket: r.age, count: r.count, oldestOpenedAt: oldest });
      }
    }
    const order = (g: ExceptionGroupDto) => `${g.plant}|${g.kind}|${AGE_BUCKETS.indexOf(g.ageBucket)}`;
    return {
      total: rows.reduce((n, r) => n + r.count, 0),
      byAge,
      byOwner: [...byOwner].sort(([a], [b]) => a.localeCompare(b)).map(([owner, count]) => ({ owner, count })),
      groups: [...groups.values()].sort((a, b) => order(a).localeCompare(order(b))),
    };
  }
}
