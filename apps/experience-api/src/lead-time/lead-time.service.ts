import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, keysetCursor } from '@threadline/platform';
import { iso } from '../dashboards/dashboard-query';
import { LeadTimeSummaryDto, PlantLeadTimeDto, RolloutLeadTimeDto, RolloutLeadTimesPageDto, StageTimesDto } from './lead-time.dto';
import { LeadTimeRepository, PlantLeadTimeRow, RolloutLeadTimeRow, STAGE_COLUMNS } from './lead-time.repository';
import { Stage, STAGES } from './lead-time.rules';

const DAY_MS = 86_400_000;
const round = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);

export function toPlantLeadTime(row: PlantLeadTimeRow): PlantLeadTimeDto {
  const stageSeconds = Object.fromEntries(STAGES.map((s) => [s, { p50: round(row[`${s}_p50`]), mean: round(row[`${s}_mean`]) }])) as unknown as StageTimesDto;
  return {
    plant: row.plant,
    completed: row.completed,
    leadTimeSeconds: { p50: round(row.lead_p50)!, p95: round(row.lead_p95)!, mean: round(row.lead_mean)! },
    stageSeconds,
  };
}

export function toRolloutLeadTime(row: RolloutLeadTimeRow, now = new Date()): RolloutLeadTimeDto {
  const stageSeconds = Object.fromEntries(
    (Object.entries(STAGE_COLUMNS) as [Stage, keyof RolloutLeadTimeRow][]).map(([stage, col]) => [stage, round(row[col])]),
  ) as Record<Stage, number | null>;
  // Stored as of the last transition: a wait for the release window still under way goes on counting.
  if (row.state === 'WAITING_FOR_WINDOW' && stageSeconds.releaseWindowWait !== null) {
    stageSeconds.releaseWindowWait = round(stageSeconds.releaseWindowWait + Math.max(now.getTime() - new Date(row.updated_at).getTime(), 0) / 1000);
  }
  return {
    changeNumber: row.change_number,
    releaseId: row.release_id,
    plant: row.plant,
    state: row.state,
    stateSince: iso(row.state_since),
    status: row.status,
    startedAt: iso(row.started_at),
    completedAt: iso(row.completed_at),
    leadTimeSeconds: round(row.lead_seconds),
    stageSeconds,
    updatedAt: iso(row.updated_at)!,
  };
}

/** Lead time from PLM release to production-effective per plant, and where it went, from the process API's release transitions. */
@Injectable()
export class LeadTimeService {
  constructor(private readonly leadTimes: LeadTimeRepository) {}

  /** Per plant over the rollouts completed in the last `days` days: p50, p95 and mean, and each stage's p50 and mean. */
  async summary(filter: { plant?: string; days?: number } = {}, page: { limit?: number; cursor?: string } = {}): Promise<LeadTimeSummaryDto> {
    const limit = page.limit ?? 50;
    const after = decodeCursor<{ p: string }>(page.cursor, keysetCursor('p'));
    const since = new Date(Date.now() - (filter.days ?? 30) * DAY_MS);
    const rows = await this.leadTimes.summary(since, filter.plant, after?.p, limit + 1);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { since: since.toISOString(), plants: items.map(toPlantLeadTime), nextCursor: rows.length > limit && last ? encodeCursor({ p: last.plant }) : null };
  }

  /** Each plant's rollout of each change: its state in words and the seconds each stage took. */
  async rollouts(
    filter: { changeNumber?: string; plant?: string; progress?: 'in-progress' | 'completed' } = {},
    page: { limit?: number; cursor?: string } = {},
  ): Promise<RolloutLeadTimesPageDto> {
    const limit = page.limit ?? 50;
    const after = decodeCursor<{ t: string; c: string; p: string }>(page.cursor, keysetCursor('t', 'c', 'p'));
    const completed = filter.progress === undefined ? undefined : filter.progress === 'completed';
    const rows = await this.leadTimes.rollouts(
      { changeNumber: filter.changeNumber, plant: filter.plant, completed },
      after && { updatedAt: after.t, changeNumber: after.c, plant: after.p },
      limit + 1,
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => toRolloutLeadTime(r)),
      nextCursor: rows.length > limit && last ? encodeCursor({ t: new Date(last.updated_at).toISOString(), c: last.change_number, p: last.plant }) : null,
    };
  }
}
