import { Injectable } from '@nestjs/common';
import { LIST_LIMITS } from '@threadline/canonical';
import type { RevisionAdoptionDto, RevisionAdoptionV2Dto, RevisionAdoptionV2PageDto } from '@threadline/canonical';
import { decodeCursor, encodeCursor, keysetCursor } from '@threadline/platform';
import { AdoptionRow, RevisionAdoptionRepository } from './revision-adoption.repository';

/**
 * The impacted work orders a plant's adoption shows: the first LIST_LIMITS.impactWorkOrderNumbers
 * by number. The process API's change impact lists no more since it was capped; an event from a
 * release assessed before that may carry more, and is cut the same way (when stored and when read).
 */
export function firstImpactedWorkOrders(numbers: readonly string[] | null | undefined): string[] {
  const sorted = [...(numbers ?? [])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted.slice(0, LIST_LIMITS.impactWorkOrderNumbers);
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
        impactedWorkOrders: firstImpactedWorkOrders(p?.impacted_work_orders),
        lateJobs: p?.late_jobs ?? 0,
      };
    }),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toRevisionAdoptionV2(row: AdoptionRow): RevisionAdoptionV2Dto {
  const v1 = toRevisionAdoption(row);
  return {
    changeNumber: v1.changeNumber,
    releaseId: v1.releaseId,
    title: v1.title,
    items: v1.items,
    releaseState: v1.releaseState,
    adoption: {
      adopted: v1.plantsAdopted,
      total: v1.plantsTotal,
      percent: v1.plantsTotal === 0 ? 0 : Math.round((v1.plantsAdopted / v1.plantsTotal) * 1000) / 10,
    },
    plants: v1.plants,
    updatedAt: v1.updatedAt,
  };
}

@Injectable()
export class RevisionAdoptionService {
  constructor(private readonly adoptions: RevisionAdoptionRepository) {}

  async list(changeNumber?: string, limit = 50): Promise<RevisionAdoptionDto[]> {
    return (await this.adoptions.list(changeNumber, limit)).map(toRevisionAdoption);
  }

  /** v2: keyset pages, newest change first. */
  async page(changeNumber: string | undefined, limit: number, cursor: string | undefined): Promise<RevisionAdoptionV2PageDto> {
    const after = decodeCursor<{ t: string; c: string }>(cursor, keysetCursor('t', 'c'));
    // One row more than the page tells whether there is a next one.
    const rows = await this.adoptions.listAfter(changeNumber, after && { updatedAt: after.t, changeNumber: after.c }, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toRevisionAdoptionV2),
      nextCursor: rows.length > limit && last ? encodeCursor({ t: last.updated_at.toISOString(), c: last.change_number }) : null,
    };
  }
}
