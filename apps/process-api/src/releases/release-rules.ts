import type { ApplyPlantBomDto, ApplyProductionChangeDto, EngineeringChangeDto, ReleasedItemDto } from '@threadline/canonical';
import type { ReleaseBoms } from './release.entities';
import { ReleaseRejectedError } from './release.errors';

/** The items a change moves from one revision to the next. */
export function releasedItems(change: EngineeringChangeDto): ReleasedItemDto[] {
  return change.affectedItems.map((a) => ({ itemNumber: a.itemNumber, fromRevision: a.fromRevision, toRevision: a.toRevision }));
}

/**
 * Structural checks on a released change and the BOMs PLM holds for its new revisions.
 * Throws ReleaseRejectedError naming the rule and the object.
 */
export function validateRelease(change: EngineeringChangeDto, boms: ReleaseBoms): void {
  if (change.targetPlants.length === 0) {
    throw new ReleaseRejectedError('RELEASE_NO_TARGET_PLANTS', `${change.number} names no target plant`, change.number);
  }
  if (change.affectedItems.length === 0) {
    throw new ReleaseRejectedError('RELEASE_NO_AFFECTED_ITEMS', `${change.number} affects no item`, change.number);
  }
  if (Number.isNaN(Date.parse(change.effectivity.startDate))) {
    throw new ReleaseRejectedError('RELEASE_EFFECTIVITY_INVALID', `effectivity start '${change.effectivity.startDate}' is not a date`, change.number);
  }
  for (const item of change.affectedItems) {
    const bom = boms[item.itemNumber];
    if (!bom) {
      throw new ReleaseRejectedError('RELEASE_REVISION_NOT_FOUND', `PLM has no BOM for ${item.itemNumber} rev ${item.toRevision}`, `${item.itemNumber}/${item.toRevision}`);
    }
    if (bom.lines.length === 0) {
      throw new ReleaseRejectedError('RELEASE_BOM_EMPTY', `${item.itemNumber} rev ${item.toRevision} has an empty BOM`, `${item.itemNumber}/${item.toRevision}`);
    }
  }
}

/** What ERP gets for one plant: each item's new BOM revision, valid from the change's effectivity. */
export function plantBomsToApply(change: EngineeringChangeDto, boms: ReleaseBoms): ApplyPlantBomDto[] {
  return change.affectedItems.map((item) => ({
    itemNumber: item.itemNumber,
    revision: item.toRevision,
    changeNumber: change.number,
    validFrom: change.effectivity.startDate,
    lines: boms[item.itemNumber].lines,
  }));
}

/** What a plant's scheduler gets: the component list each item consumes from the effective date. */
export function productionChangesToApply(change: EngineeringChangeDto, boms: ReleaseBoms): ApplyProductionChangeDto[] {
  return change.affectedItems.map((item) => ({
    changeNumber: change.number,
    itemNumber: item.itemNumber,
    revision: item.toRevision,
    effectiveFrom: change.effectivity.startDate,
    components: boms[item.itemNumber].lines.map((l) => ({ componentNumber: l.componentNumber, quantity: l.quantity, unit: l.unit })),
  }));
}
