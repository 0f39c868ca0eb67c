import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EngineeringReleaseStartedV1, ReleaseTransitionedV1 } from '@threadline/canonical';
import { DataSource, EntityManager } from 'typeorm';
import { EXPERIENCE_SCHEMA } from '../experience-api.schema';
import { ReleaseTimeline, rolloutTimes, Transition } from './lead-time.rules';

const TIMELINE = `${EXPERIENCE_SCHEMA}.release_timeline`;
const TRANSITIONS = `${EXPERIENCE_SCHEMA}.release_transition`;
const ROLLOUTS = `${EXPERIENCE_SCHEMA}.rollout_lead_time`;

export interface RolloutLeadTimeRow {
  change_number: string;
  plant: string;
  release_id: string;
  state: string;
  state_since: Date | null;
  status: string;
  started_at: Date | null;
  completed_at: Date | null;
  lead_seconds: number | null;
  validation_seconds: number | null;
  impact_seconds: number | null;
  approval_wait_seconds: number | null;
  release_window_wait_seconds: number | null;
  erp_seconds: number | null;
  scheduler_seconds: number | null;
  updated_at: Date;
}

export interface PlantLeadTimeRow {
  plant: string;
  completed: number;
  lead_p50: number;
  lead_p95: number;
  lead_mean: number;
  [stageStat: string]: number | string | null;
}

export const STAGE_COLUMNS = {
  validation: 'validation_seconds',
  impact: 'impact_seconds',
  approvalWait: 'approval_wait_seconds',
  releaseWindowWait: 'release_window_wait_seconds',
  erp: 'erp_seconds',
  scheduler: 'scheduler_seconds',
} as const;

/**
 * Release transitions as the process API published them, and what is derived from them per
 * plant: the stage times and the state in words (recomputed from all of a change's transitions on
 * each one, under a per-change lock, so order and redelivery do not matter).
 */
@Injectable()
export class LeadTimeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async recordStarted(em: EntityManager, r: EngineeringReleaseStartedV1): Promise<void> {
    await this.lock(em, r.changeNumber);
    await em.query(
      `INSERT INTO ${TIMELINE} (change_number, release_id, target_plants, plm_released_at, received_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (change_number) DO UPDATE SET release_id = EXCLUDED.release_id, target_plants = EXCLUDED.target_plants,
         plm_released_at = EXCLUDED.plm_released_at, received_at = EXCLUDED.received_at`,
      [r.changeNumber, r.releaseId, r.targetPlants, r.plmReleasedAt ?? null, r.startedAt],
    );
    await this.derive(em, r.changeNumber, r.releaseId);
  }

  async recordTransition(em: EntityManager, t: ReleaseTransitionedV1): Promise<void> {
    await this.lock(em, t.changeNumber);
    await em.query(
      `INSERT INTO ${TRANSITIONS} (change_number, plant, from_state, to_state, at, reason, not_before, effective_from)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [t.changeNumber, t.plant ?? '', t.from, t.to, t.at, t.reason, t.notBefore ?? null, t.effectiveFrom ?? null],
    );
    // A rollout's transition changes only its plant's row; the release's own change every plant's.
    await this.derive(em, t.changeNumber, t.releaseId, t.plant ?? undefined);
  }

  private async lock(em: EntityManager, changeNumber: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('experience_api.lead_time:' || $1))`, [changeNumber]);
  }

  private async derive(em: EntityManager, changeNumber: string, releaseId: string, onlyPlant?: string): Promise<void> {
    const timelineRows: { release_id: string; target_plants: string[] | null; plm_released_at: Date | null; received_at: Date | null }[] = await em.query(
      `SELECT release_id, target_plants, plm_released_at, received_at FROM ${TIMELINE} WHERE change_number = $1`,
      [changeNumber],
    );
    const transitionRows: { plant: string; from_state: string | null; to_state: string; at: Date; reason: string; not_before: Date | null; effective_from: Date | null }[] =
      await em.query(`SELECT plant, from_state, to_state, at, reason, not_before, effective_from FROM ${TRANSITIONS} WHERE change_number = $1`, [changeNumber]);
    const t = timelineRows[0];
    const timeline: ReleaseTimeline = {
      changeNumber,
      releaseId: t?.release_id ?? releaseId,
      targetPlants: t?.target_plants ?? null,
      plmReleasedAt: t?.plm_released_at ?? null,
      receivedAt: t?.received_at ?? null,
    };
    const transitions: Transition[] = transitionRows.map((r) => ({
      plant: r.plant,
      from: r.from_state,
      to: r.to_state,
      at: r.at,
      reason: r.reason,
      notBefore: r.not_before,
      effectiveFrom: r.effective_from,
    }));
    for (const r of rolloutTimes(timeline, transitions, new Date()).filter((x) => !onlyPlant || x.plant === onlyPlant)) {
      await em.query(
        `INSERT INTO ${ROLLOUTS} (change_number, plant, release_id, state, state_since, status, started_at, completed_at, lead_seconds,
           validation_seconds, impact_seconds, approval_wait_seconds, release_window_wait_seconds, erp_seconds, scheduler_seconds, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, date_trunc('milliseconds', now()))
         ON CONFLICT (change_number, plant) DO UPDATE SET release_id = EXCLUDED.release_id, state = EXCLUDED.state, state_since = EXCLUDED.state_since,
           status = EXCLUDED.status, started_at = EXCLUDED.started_at, completed_at = EXCLUDED.completed_at, lead_seconds = EXCLUDED.lead_seconds,
           validation_seconds = EXCLUDED.validation_seconds, impact_seconds = EXCLUDED.impact_seconds, approval_wait_seconds = EXCLUDED.approval_wait_seconds,
           release_window_wait_seconds = EXCLUDED.release_window_wait_seconds, erp_seconds = EXCLUDED.erp_seconds,
           scheduler_seconds = EXCLUDED.scheduler_seconds, updated_at = date_trunc('milliseconds', now())`,
        [
          changeNumber,
          r.plant,
          timeline.releaseId,
          r.state,
          r.stateSince,
          r.status.slice(0, 4000),
          r.startedAt,
          r.completedAt,
          r.leadSeconds,
          r.stages.validation,
          r.stages.impact,
          r.stages.approvalWait,
          r.stages.releaseWindowWait,
          r.stages.erp,
          r.stages.scheduler,
        ],
      );
    }
  }

  /**
   * Per plant, over the rollouts completed since `since`: how many, the lead time's p50, p95 and
   * mean, and each stage's p50 and mean. By plant, strictly after `afterPlant`.
   */
  summary(since: Date, plant: string | undefined, afterPlant: string | undefined, limit: number): Promise<PlantLeadTimeRow[]> {
    const stages = Object.entries(STAGE_COLUMNS)
      .map(([stage, col]) => `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${col}) AS "${stage}_p50", avg(${col}) AS "${stage}_mean"`)
      .join(', ');
    return this.dataSource.query(
      `SELECT plant, count(*)::int AS completed,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY lead_seconds) AS lead_p50,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY lead_seconds) AS lead_p95,
              avg(lead_seconds) AS lead_mean, ${stages}
         FROM ${ROLLOUTS}
        WHERE completed_at IS NOT NULL AND completed_at >= $1 AND ($2::text IS NULL OR plant = $2) AND ($3::text IS NULL OR plant > $3)
        GROUP BY plant ORDER BY plant LIMIT $4`,
      [since, plant ?? null, afterPlant ?? null, limit],
    );
  }

  /** Rollouts, most recently changed first, strictly after (updated_at, change_number, plant) `after`. */
  rollouts(
    filter: { changeNumber?: string; plant?: string; completed?: boolean },
    after: { updatedAt: string; changeNumber: string; plant: string } | undefined,
    limit: number,
  ): Promise<RolloutLeadTimeRow[]> {
    return this.dataSource.query(
      `SELECT * FROM ${ROLLOUTS}
        WHERE ($1::text IS NULL OR change_number = $1) AND ($2::text IS NULL OR plant = $2)
          AND ($3::boolean IS NULL OR (completed_at IS NOT NULL) = $3)
          AND ($4::timestamptz IS NULL OR (updated_at, change_number, plant) < ($4::timestamptz, $5::text, $6::text))
        ORDER BY updated_at DESC, change_number DESC, plant DESC LIMIT $7`,
      [filter.changeNumber ?? null, filter.plant ?? null, filter.completed ?? null, after?.updatedAt ?? null, after?.changeNumber ?? null, after?.plant ?? null, limit],
    );
  }
}
