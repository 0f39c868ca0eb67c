import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EngineeringReleaseStartedV1, PlantRolloutCompletedV1, ReleasedItemDto } from '@threadline/canonical';
import { DataSource, EntityManager } from 'typeorm';
import { EXPERIENCE_SCHEMA } from '../experience-api.schema';

const REVISION_ADOPTION = `${EXPERIENCE_SCHEMA}.revision_adoption`;
const PLANT_ADOPTION = `${EXPERIENCE_SCHEMA}.plant_adoption`;

export interface AdoptionRow {
  change_number: string;
  release_id: string;
  title: string | null;
  items: ReleasedItemDto[];
  target_plants: string[] | null;
  release_state: string;
  updated_at: Date;
  plants: { plant: string; adopted_at: string; effective_from: string | null; impacted_work_orders: string[] | null; late_jobs: number }[] | null;
}

const ROWS_SQL = `SELECT r.*, (SELECT json_agg(json_build_object('plant', p.plant, 'adopted_at', p.adopted_at, 'effective_from', p.effective_from,
                      'impacted_work_orders', p.impacted_work_orders, 'late_jobs', p.late_jobs) ORDER BY p.plant)
                      FROM ${PLANT_ADOPTION} p WHERE p.change_number = r.change_number) AS plants
         FROM ${REVISION_ADOPTION} r`;

/**
 * The revision-adoption read model: one row per change, one per plant that adopted it. Writes
 * are upserts that only fill in what they know, because events may arrive in any order or twice.
 */
@Injectable()
export class RevisionAdoptionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async recordStarted(em: EntityManager, release: EngineeringReleaseStartedV1): Promise<void> {
    await em.query(
      `INSERT INTO ${REVISION_ADOPTION} (change_number, release_id, title, items, target_plants, release_state, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'RECEIVED', $6)
       ON CONFLICT (change_number) DO UPDATE SET title = EXCLUDED.title, items = EXCLUDED.items,
         target_plants = EXCLUDED.target_plants, updated_at = GREATEST(revision_adoption.updated_at, EXCLUDED.updated_at)`,
      [release.changeNumber, release.releaseId, release.title, JSON.stringify(release.items), release.targetPlants, release.startedAt],
    );
  }

  /** The plant's adoption, once; the change's row is created (ROLLING_OUT) if its start has not arrived yet. */
  async recordPlantAdopted(em: EntityManager, adoption: PlantRolloutCompletedV1): Promise<void> {
    await em.query(
      `INSERT INTO ${REVISION_ADOPTION} (change_number, release_id, items, release_state, updated_at)
       VALUES ($1, $2, $3, 'ROLLING_OUT', $4)
       ON CONFLICT (change_number) DO UPDATE SET updated_at = GREATEST(revision_adoption.updated_at, EXCLUDED.updated_at)`,
      [adoption.changeNumber, adoption.releaseId, JSON.stringify(adoption.items), adoption.completedAt],
    );
    await em.query(
      `INSERT INTO ${PLANT_ADOPTION} (change_number, plant, adopted_at, late_jobs, effective_from, impacted_work_orders)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (change_number, plant) DO NOTHING`,
      [adoption.changeNumber, adoption.plant, adoption.completedAt, adoption.lateJobs, adoption.effectiveFrom ?? null, adoption.impactedWorkOrders],
    );
  }

  async recordReleaseState(em: EntityManager, changeNumber: string, releaseId: string, state: 'COMPLETED' | 'FAILED'): Promise<void> {
    await em.query(
      `INSERT INTO ${REVISION_ADOPTION} (change_number, release_id, release_state, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (change_number) DO UPDATE SET release_state = EXCLUDED.release_state, updated_at = now()`,
      [changeNumber, releaseId, state],
    );
  }

  /** Newest first, optionally one change. */
  list(changeNumber: string | undefined, limit: number): Promise<AdoptionRow[]> {
    return this.dataSource.query(`${ROWS_SQL} WHERE ($1::text IS NULL OR r.change_number = $1) ORDER BY r.updated_at DESC LIMIT $2`, [
      changeNumber ?? null,
      limit,
    ]);
  }

  /** Keyset page, newest change first: up to `limit` rows after (updated_at, change_number) `after`. */
  listAfter(changeNumber: string | undefined, after: { updatedAt: string; changeNumber: string } | undefined, limit: number): Promise<AdoptionRow[]> {
    return this.dataSource.query(
      `${ROWS_SQL} WHERE ($1::text IS NULL OR r.change_number = $1)
          AND ($2::timestamptz IS NULL OR (r.updated_at, r.change_number) < ($2::timestamptz, $3::text))
        ORDER BY r.updated_at DESC, r.change_number DESC LIMIT $4`,
      [changeNumber ?? null, after?.updatedAt ?? null, after?.changeNumber ?? null, limit],
    );
  }
}
