import type { EngineeringChangeDto } from '@threadline/canonical';
import type { SystemApis } from '../../system-apis/system-apis.client';
import { itemsWithRoutingChanges } from '../routing-rules';

/**
 * The routing part of a plant rollout (issue 12 item 2): each item whose routing the change
 * alters gets its new routing (read from PLM, immutable once released) in the plant's ERP as a
 * routing version valid from the plant's effective date, after its BOM. Safe to repeat.
 */
export async function applyErpRoutings(apis: SystemApis, change: EngineeringChangeDto, plant: string, effectiveFrom: string): Promise<void> {
  for (const item of itemsWithRoutingChanges(change)) {
    const routing = await apis.routings.getRouting(item.itemNumber, item.toRevision);
    if (!routing) continue;
    await apis.routings.applyPlantRouting(plant, { changeNumber: change.number, itemNumber: item.itemNumber, validFrom: effectiveFrom, operations: routing.operations });
  }
}

/**
 * The same routings to the plant's scheduler with the production change, so jobs built from the
 * effective date run the new operations. Answers the late jobs of the last re-plan (undefined
 * when no routing changed). Safe to repeat.
 */
export async function applySchedulerRoutings(apis: SystemApis, change: EngineeringChangeDto, plant: string, effectiveFrom: string): Promise<number | undefined> {
  let lateJobs: number | undefined;
  for (const item of itemsWithRoutingChanges(change)) {
    const routing = await apis.routings.getRouting(item.itemNumber, item.toRevision);
    if (!routing) continue;
    const result = await apis.routings.applySchedulerRouting(plant, {
      changeNumber: change.number,
      itemNumber: item.itemNumber,
      revision: item.toRevision,
      effectiveFrom,
      operations: routing.operations,
    });
    lateJobs = result.planRun.lateJobs;
  }
  return lateJobs;
}
