import { ApplyProductionChangeDto, ComponentRequirementDto, ProductionChangeDto, Unit } from '@threadline/canonical';
import { FreppleOperationMaterial } from '../connector/frepple-records';
import { fromFreppleDateTime, toFreppleDateTime } from '../connector/frepple-wire';
import { FreppleMappingError } from '../connector/frepple-mapping.error';

/** What a change writes: ends of outgoing records (by id) and the new revision's records. */
export type OperationMaterialWrite = Pick<FreppleOperationMaterial, 'id' | 'effective_end'> | Omit<FreppleOperationMaterial, 'id' | 'lastmodified'>;

function isConsumption(record: FreppleOperationMaterial): boolean {
  return record.type === 'start' && record.quantity < 0;
}

function effectiveAt(record: FreppleOperationMaterial, at: number): boolean {
  const start = record.effective_start ? Date.parse(fromFreppleDateTime(record.effective_start)!) : -Infinity;
  const end = record.effective_end ? Date.parse(fromFreppleDateTime(record.effective_end)!) : Infinity;
  return start <= at && end > at;
}

/**
 * A production change in frePPLe terms, on the item's routing operation: every consumption record
 * still valid at the effectivity date ends there (keeping its own source), and each component of
 * the new revision gets a record valid from that date, with source = change number. So the
 * change's records alone give back the complete new component list. Changes of one item come in
 * order (a change on a change after the one it follows), so the earlier list keeps its window.
 */
export function fromCanonical(change: ApplyProductionChangeDto, operation: string, current: FreppleOperationMaterial[]): OperationMaterialWrite[] {
  const effective = toFreppleDateTime(change.effectiveFrom);
  const at = Date.parse(change.effectiveFrom);
  const ends = current
    .filter((r) => r.operation === operation && isConsumption(r) && effectiveAt(r, at) && r.id !== undefined)
    .map((r) => ({ id: r.id, effective_end: effective }));
  // A change that starts later is already there (one that follows this one): the new list ends where it starts.
  const next = current
    .filter((r) => r.operation === operation && isConsumption(r) && r.effective_start && Date.parse(fromFreppleDateTime(r.effective_start)!) > at)
    .map((r) => fromFreppleDateTime(r.effective_start)!)
    .sort()[0];
  const starts = change.components.map((c) => ({
    operation,
    item: c.componentNumber,
    quantity: -c.quantity,
    type: 'start' as const,
    effective_start: effective,
    effective_end: next ? toFreppleDateTime(next) : null,
    revision: change.revision,
    source: change.changeNumber,
  }));
  return [...ends, ...starts];
}

/**
 * Rebuilds the change from the records that carry its number (consumption records of one item's
 * routing). `unitOf` gives each component's unit of measure (frePPLe keeps it on the item).
 */
export function toCanonical(
  records: FreppleOperationMaterial[],
  context: { plant: string; itemNumber: string; unitOf: (item: string) => Unit },
): ProductionChangeDto {
  const own = records.filter(isConsumption).sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  if (own.length === 0) throw new FreppleMappingError(`no consumption records for ${context.itemNumber}`, records);
  const starts = own.map((r) => fromFreppleDateTime(r.effective_start)).filter((s): s is string => s !== null).sort();
  // Ended where the next change of the item starts; open while none follows.
  const ends = own.map((r) => fromFreppleDateTime(r.effective_end));
  const modified = own.map((r) => fromFreppleDateTime(r.lastmodified)).filter((s): s is string => s !== null).sort();
  const components: ComponentRequirementDto[] = own.map((r) => ({ componentNumber: r.item, quantity: -r.quantity, unit: context.unitOf(r.item) }));
  return {
    plant: context.plant,
    changeNumber: own[0].source ?? '',
    itemNumber: context.itemNumber,
    revision: own.find((r) => r.revision)?.revision ?? '',
    effectiveFrom: starts[0] ?? '',
    effectiveTo: ends.includes(null) ? null : ends.filter((e): e is string => e !== null).sort()[0] ?? null,
    components,
    appliedAt: modified[0] ?? '',
  };
}
