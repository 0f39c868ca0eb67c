import type { EngineeringChangeDto, RoutingDto } from '@threadline/canonical';
import { ReleaseRejectedError } from './release.errors';

/** What routing validation needs: the new routings and the work centres each plant knows. */
export interface RoutingFacts {
  /** The new revision's routing (PLM process plan) of each item whose routing the change alters, by item. */
  routings: Record<string, RoutingDto>;
  /** The plant-neutral work centres each target plant's ERP has, by plant. */
  workCenters: Record<string, string[]>;
}

/** The items whose routing the change alters (they carry operation changes). */
export function itemsWithRoutingChanges(change: EngineeringChangeDto): EngineeringChangeDto['affectedItems'] {
  return change.affectedItems.filter((a) => (a.operationChanges ?? []).length > 0);
}

/**
 * Pure: every target plant must know every work centre of each new routing the change brings;
 * the first one it lacks refuses the release with RELEASE_WORK_CENTER_UNKNOWN, naming plant,
 * work centre and operation (plants and operations in order).
 */
export function validateRoutings(change: EngineeringChangeDto, facts: RoutingFacts): void {
  for (const plant of [...change.targetPlants].sort()) {
    const known = new Set(facts.workCenters[plant] ?? []);
    for (const item of itemsWithRoutingChanges(change)) {
      const routing = facts.routings[item.itemNumber];
      if (!routing) continue;
      const missing = [...routing.operations].sort((a, b) => a.sequence - b.sequence).find((op) => !known.has(op.workCenter));
      if (missing) {
        throw new ReleaseRejectedError(
          'RELEASE_WORK_CENTER_UNKNOWN',
          `Plant ${plant} has no work centre ${missing.workCenter}: ${item.itemNumber} rev ${item.toRevision} operation ${missing.sequence} (${missing.description}) runs on it`,
          `${plant}/${missing.workCenter}/${item.itemNumber}/${item.toRevision}/${missing.sequence}`,
        );
      }
    }
  }
}
