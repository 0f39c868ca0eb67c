import { incomingComponents } from '@threadline/canonical';
import type { CreatePlantItemDto, EngineeringChangeDto, ItemDto } from '@threadline/canonical';
import type { PlantMaterialPolicy } from '../governance/governance-policy.config';
import type { ReleaseBoms } from './release.entities';

/** S/4HANA keeps a 40-character material description. */
const ERP_DESCRIPTION_LENGTH = 40;

/** An item a plant's ERP lacks, as PLM defines it; gathered by the rollout. */
export interface MissingMaterial {
  item: ItemDto;
  /** The revision the plant will build: a new item's first one, else PLM's latest released one. */
  revision: string;
  /** A make item's components at that revision (PLM); empty for a bought item. */
  children: string[];
}

/**
 * Pure: the items a rollout must find in a plant's ERP before its BOMs can use them, in the
 * order they are looked for: the change's new items, then the components its BOM changes bring
 * into the new BOMs. A component the new revision carries over from the old one is in the plant's
 * BOM of that revision already (validation made sure the plant builds it), so it is not looked up.
 */
export function materialsNeeded(change: EngineeringChangeDto, boms: ReleaseBoms): string[] {
  const inNewBoms = new Set(Object.values(boms).flatMap((b) => b.lines.map((l) => l.componentNumber)));
  const numbers = [...(change.newItems ?? []).map((n) => n.itemNumber), ...incomingComponents(change.affectedItems ?? []).filter((n) => inNewBoms.has(n))];
  return [...new Set(numbers)];
}

/**
 * Pure: what to create in one plant's ERP, and in which order: every missing item, its missing
 * components before it (so a structure never names an item ERP does not hold yet), each with the
 * plant's policy: procured as engineering sources it, the plant's MRP controller and lot sizing,
 * a bought item at the plant's provisional standard price, a made one at 0 until a cost roll-up.
 */
export function planNewMaterials(missing: MissingMaterial[], policy: PlantMaterialPolicy): CreatePlantItemDto[] {
  const byNumber = new Map(missing.map((m) => [m.item.number, m]));
  const ordered: MissingMaterial[] = [];
  const done = new Set<string>();
  const visit = (number: string, path: Set<string>): void => {
    const material = byNumber.get(number);
    // Known to the plant already, or a cycle (PLM refuses those; guarded all the same).
    if (!material || done.has(number) || path.has(number)) return;
    path.add(number);
    for (const child of material.children) visit(child, path);
    path.delete(number);
    done.add(number);
    ordered.push(material);
  };
  for (const m of missing) visit(m.item.number, new Set());
  return ordered.map(({ item, revision }) => ({
    itemNumber: item.number,
    name: item.name.slice(0, ERP_DESCRIPTION_LENGTH),
    unit: item.unit,
    sourcing: item.sourcing,
    procurementType: item.sourcing,
    mrpController: policy.mrpController,
    lotSizing: policy.lotSizing,
    revision,
    ...(item.sourcing === 'buy' ? { standardPrice: policy.buyStandardPrice } : {}),
    currency: policy.currency,
  }));
}
