import type { ApplyPlantBomDto, ApplyProductionChangeDto, EngineeringChangeDto, ReleasedItemDto } from '@threadline/canonical';
import type { ReleaseBoms } from './release.entities';
import { ReleaseRejectedError } from './release.errors';

/** The items a change moves from one revision to the next. */
export function releasedItems(change: EngineeringChangeDto): ReleasedItemDto[] {
  return change.affectedItems.map((a) => ({ itemNumber: a.itemNumber, fromRevision: a.fromRevision, toRevision: a.toRevision }));
}

/** What the validator learned from PLM, ERP and the release history; gathered by ReleaseValidator. */
export interface ValidationFacts {
  /** The new revisions' BOMs, from PLM. */
  boms: ReleaseBoms;
  /** Every component's item master in PLM (null when PLM does not know it), by number. */
  components: Record<string, { unit: string } | null>;
  /** Single-level BOMs of the latest released revision of make components, by item (for cycles). */
  structure: Record<string, string[]>;
  /** The revision each target plant's ERP builds now, by `${plant}/${item}` (null: not in the plant). */
  erpRevisions: Record<string, string | null>;
  /**
   * The latest revision each target plant's ERP holds, in force or future-dated (validFrom, null
   * when in force), by `${plant}/${item}`; absent: the one in force is the latest.
   */
  erpLatestRevisions: Record<string, { revision: string; validFrom: string | null }>;
  /** Earlier releases still on their way to a plant (ERP may not hold them yet), by `${plant}/${item}`, oldest first. */
  inFlight: Record<string, { changeNumber: string; toRevision: string; effectiveFrom: string }[]>;
  /** The change's effective date in each target plant (after its frozen horizon); absent: the change's effectivity. */
  plantEffectiveFrom: Record<string, string>;
  /** Other releases of the same items: a newer one supersedes this change. */
  otherReleases: { changeNumber: string; itemNumber: string; fromRevision: string; toRevision: string }[];
  now: Date;
  effectivityPastToleranceHours: number;
  effectivityMaxDaysAhead: number;
}

/**
 * Pure: the validation rules of a released change, in order. Throws ReleaseRejectedError naming the
 * rule (its code) and the object it failed on.
 */
export function validateRelease(change: EngineeringChangeDto, facts: ValidationFacts): void {
  const reject = (code: ConstructorParameters<typeof ReleaseRejectedError>[0], detail: string, object: string): never => {
    throw new ReleaseRejectedError(code, detail, object);
  };
  if (change.targetPlants.length === 0) reject('RELEASE_NO_TARGET_PLANTS', `${change.number} names no target plant`, change.number);
  if (change.affectedItems.length === 0) reject('RELEASE_NO_AFFECTED_ITEMS', `${change.number} affects no item`, change.number);
  const approvalGap = missingApprovals(change);
  if (approvalGap) reject('RELEASE_APPROVALS_MISSING', approvalGap, change.number);

  const start = Date.parse(change.effectivity.startDate);
  if (Number.isNaN(start)) reject('RELEASE_EFFECTIVITY_INVALID', `effectivity start '${change.effectivity.startDate}' is not a date`, change.number);
  if (start < facts.now.getTime() - facts.effectivityPastToleranceHours * 3_600_000) {
    reject('RELEASE_EFFECTIVITY_IN_PAST', `effectivity ${change.effectivity.startDate} lies in the past`, change.number);
  }
  if (start > facts.now.getTime() + facts.effectivityMaxDaysAhead * 86_400_000) {
    reject('RELEASE_EFFECTIVITY_TOO_FAR', `effectivity ${change.effectivity.startDate} is more than ${facts.effectivityMaxDaysAhead} days ahead`, change.number);
  }

  const introduced = new Set(change.affectedItems.map((a) => a.itemNumber));
  for (const item of change.affectedItems) {
    const ref = `${item.itemNumber}/${item.toRevision}`;
    const bom = facts.boms[item.itemNumber];
    if (!bom) reject('RELEASE_REVISION_NOT_FOUND', `PLM has no BOM for ${item.itemNumber} rev ${item.toRevision}`, ref);
    if (bom.lines.length === 0) reject('RELEASE_BOM_EMPTY', `${item.itemNumber} rev ${item.toRevision} has an empty BOM`, ref);
    for (const line of bom.lines) {
      const component = facts.components[line.componentNumber];
      if (component === null || (component === undefined && !introduced.has(line.componentNumber))) {
        reject('RELEASE_COMPONENT_UNKNOWN', `${line.componentNumber} (find ${line.findNumber}) exists neither in PLM nor in this change`, `${ref}/${line.componentNumber}`);
      }
      if (component && component.unit !== line.unit) {
        reject('RELEASE_UOM_MISMATCH', `${line.componentNumber} is used in ${line.unit} but its item unit is ${component.unit}`, `${ref}/${line.componentNumber}`);
      }
    }
    const cycle = findCycle(item.itemNumber, bom.lines.map((l) => l.componentNumber), facts.structure);
    if (cycle) reject('RELEASE_BOM_CYCLE', `BOM cycle: ${cycle.join(' -> ')}`, ref);

    for (const plant of change.targetPlants) {
      const key = `${plant}/${item.itemNumber}`;
      const held = facts.erpRevisions[key];
      if (held === null) return reject('RELEASE_ITEM_NOT_IN_PLANT', `${plant} ERP does not know ${item.itemNumber}`, key);
      if (held === undefined) continue;
      const predecessor = predecessorInPlant(change, item, held, facts, plant);
      if (!predecessor) {
        const latest = facts.erpLatestRevisions[key] ?? { revision: held, validFrom: null };
        const coming = (facts.inFlight[key] ?? []).map((r) => `, ${r.changeNumber} brings rev ${r.toRevision}`).join('');
        const holds = latest.validFrom ? `holds ${item.itemNumber} rev ${latest.revision} from ${day(latest.validFrom)} (builds rev ${held} now)` : `builds ${item.itemNumber} rev ${held}`;
        return reject('RELEASE_REVISION_CONFLICT', `${plant} ${holds}${coming}, the change starts from rev ${item.fromRevision}`, key);
      }
      const start = facts.plantEffectiveFrom[plant] ?? change.effectivity.startDate;
      if (predecessor.effectiveFrom && day(start) <= day(predecessor.effectiveFrom)) {
        reject(
          'RELEASE_EFFECTIVITY_BEFORE_PREDECESSOR',
          `${plant}: ${change.number} would take effect ${day(start)}, not after ${predecessor.name} (rev ${item.fromRevision}) effective ${day(predecessor.effectiveFrom)}`,
          key,
        );
      }
    }
    // A change from exactly this one's new revision follows it (a change on the change); one from beyond it supersedes it.
    const newer = facts.otherReleases.find((r) => r.itemNumber === item.itemNumber && r.changeNumber !== change.number && r.fromRevision > item.toRevision);
    if (newer) {
      reject('RELEASE_SUPERSEDED', `${newer.changeNumber} already moves ${item.itemNumber} from rev ${newer.fromRevision} to ${newer.toRevision}`, ref);
    }
  }
}

/** The UTC day of an instant: ERP keeps BOM validity by day. */
function day(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

/**
 * What the change follows in a plant, or undefined when its fromRevision is not one the plant has
 * or gets: the toRevision of an earlier release still on its way there (the rollout applies them
 * in order), or the latest revision ERP holds there, in force or future-dated (then a future one's
 * date is the one the change must come after).
 */
function predecessorInPlant(
  change: EngineeringChangeDto,
  item: EngineeringChangeDto['affectedItems'][number],
  held: string,
  facts: ValidationFacts,
  plant: string,
): { name: string; effectiveFrom: string | null } | undefined {
  const key = `${plant}/${item.itemNumber}`;
  const coming = (facts.inFlight[key] ?? []).filter((r) => r.toRevision === item.fromRevision && r.changeNumber !== change.number);
  const last = coming[coming.length - 1];
  if (last) return { name: last.changeNumber, effectiveFrom: last.effectiveFrom };
  const latest = facts.erpLatestRevisions[key] ?? { revision: held, validFrom: null };
  if (latest.revision !== item.fromRevision) return undefined;
  if (!latest.validFrom) return { name: `rev ${latest.revision}`, effectiveFrom: null };
  const applied = facts.otherReleases.find((r) => r.itemNumber === item.itemNumber && r.toRevision === latest.revision && r.changeNumber !== change.number);
  return { name: applied?.changeNumber ?? `ERP's rev ${latest.revision}`, effectiveFrom: latest.validFrom };
}

/**
 * Why the change's approvals are not complete, or null when every required role approved. A
 * rejection counts before a missing decision, since it is the stronger reason. Changes recorded
 * before PLM carried approvals have neither list, and so require none.
 */
export function missingApprovals(change: EngineeringChangeDto): string | null {
  const required = change.requiredApprovals ?? [];
  const approvals = change.approvals ?? [];
  const rejected = required.filter((role) => approvals.some((a) => a.role === role && a.decision === 'rejected'));
  if (rejected.length > 0) {
    const by = rejected.map((role) => `${role} (${approvals.find((a) => a.role === role)!.approver})`);
    return `${change.number} was rejected by role ${by.join(', ')}`;
  }
  const missing = required.filter((role) => !approvals.some((a) => a.role === role && a.decision === 'approved'));
  if (missing.length > 0) return `${change.number} lacks the approval of role ${missing.join(', ')}`;
  return null;
}

/** Depth-first search from the new BOM's components down the released structure, back to the root. */
export function findCycle(root: string, children: string[], structure: Record<string, string[]>): string[] | null {
  const visit = (node: string, path: string[], seen: Set<string>): string[] | null => {
    if (node === root) return [...path, node];
    if (seen.has(node)) return null;
    seen.add(node);
    for (const child of structure[node] ?? []) {
      const found = visit(child, [...path, node], seen);
      if (found) return found;
    }
    return null;
  };
  const seen = new Set<string>();
  for (const child of children) {
    const found = visit(child, [root], seen);
    if (found) return found;
  }
  return null;
}

/** What ERP gets for one plant: each item's new BOM revision, valid from the plant's effective date. */
export function plantBomsToApply(change: EngineeringChangeDto, boms: ReleaseBoms, effectiveFrom: string): ApplyPlantBomDto[] {
  return change.affectedItems.map((item) => ({
    itemNumber: item.itemNumber,
    revision: item.toRevision,
    changeNumber: change.number,
    validFrom: effectiveFrom,
    lines: boms[item.itemNumber].lines,
  }));
}

/** What a plant's scheduler gets: the component list each item consumes from the plant's effective date. */
export function productionChangesToApply(change: EngineeringChangeDto, boms: ReleaseBoms, effectiveFrom: string): ApplyProductionChangeDto[] {
  return change.affectedItems.map((item) => ({
    changeNumber: change.number,
    itemNumber: item.itemNumber,
    revision: item.toRevision,
    effectiveFrom,
    components: boms[item.itemNumber].lines.map((l) => {
      const sourcing = boms[item.itemNumber].components?.[l.componentNumber]?.sourcing;
      return { componentNumber: l.componentNumber, quantity: l.quantity, unit: l.unit, ...(sourcing ? { sourcing } : {}) };
    }),
  }));
}
