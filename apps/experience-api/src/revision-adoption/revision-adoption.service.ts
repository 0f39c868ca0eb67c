import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ReleasedItemDto, RevisionAdoptionDto } from '@threadline/canonical';
import { DataSource } from 'typeorm';

interface AdoptionRow {
  change_number: string;
  release_id: string;
  title: string | null;
  items: ReleasedItemDto[];
  target_plants: string[] | null;
  release_state: string;
  updated_at: Date;
  plants: { plant: string; adopted_at: string; effective_from: string | null; impacted_work_orders: string[] | null; late_jobs: number }[] | null;
}

/** Pure: one read-model row to the dashboard's shape. Plants not yet heard from count as not adopted. */
export function toRevisionAdoption(row: AdoptionRow): RevisionAdoptionDto {
  const adopted = new Map((row.plants ?? []).map((p) => [p.plant, p]));
  const plants = [...new Set([...(row.target_plants ?? []), ...adopted.keys()])].sort();
  return {
    changeNumber: row.change_number,
    releaseId: row.release_id,
    title: row.title ?? row.change_number,
    items: row.items,
    plantsAdopted: adopted.size,
    plantsTotal: plants.length,
    releaseState: row.release_state,
    plants: plants.map((plant) => {
      const p = adopted.get(plant);
      return {
        plant,
        adopted: !!p,
        adoptedAt: p ? new Date(p.adopted_at).toISOString() : null,
        effectiveFrom: p?.effective_from ? new Date(p.effective_from).toISOString() : null,
        impactedWorkOrders: p?.impacted_work_orders ?? [],
        lateJobs: p?.late_jobs ?? 0,
      };
    }),
    updatedAt: row.updated_at.toISOString(),
  };
}

@Injectable()
export class RevisionAdoptionService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(changeNumber?: string, limit = 50): Promise<RevisionAdoptionDto[]> {
    const rows: AdoptionRow[] = await this.dataSource.query(
      `SELECT r.*, (SELECT json_agg(json_build_object('plant', p.plant, 'adopted_at', p.adopted_at, 'effective_from', p.effective_from,
                      'impacted_work_orders', p.impacted_work_orders, 'late_jobs', p.late_jobs) ORDER BY p.plant)
                      FROM experience_api.plant_adoption p WHERE p.change_number = r.change_number) AS plants
         FROM experience_api.revision_adoption r
        WHERE ($1::text IS NULL OR r.change_number = $1)
        ORDER BY r.updated_at DESC LIMIT $2`,
      [changeNumber ?? null, limit],
    );
    return rows.map(toRevisionAdoption);
  }
}
