import { buildDemoFamily, buildFamilyOrders, buildFamilyRoutings, buildFamilyStock, FAMILY_REVISION, FamilyOrderState } from '@threadline/demo-world';
import { ERP_SOURCE, INITIAL_SOURCE, plantMachines, PlantSeed, routingName, Row } from './demo-world';

/** What the product family adds to a plant's frePPLe instance (calendars and resources stay as they are). */
export type FamilySeed = Pick<PlantSeed, 'item' | 'buffer' | 'operation' | 'operationresource' | 'operationmaterial' | 'manufacturingorder'>;

/**
 * ERP's production order states as frePPLe manufacturing order statuses. A held order (LKD) stays
 * approved but comes last (priority 9), so it keeps its place in the plan without pushing anything
 * else; closed and deleted orders are not loaded, as frePPLe's ERP connector loads open and
 * technically completed orders only.
 */
export const FAMILY_STATUS: Record<FamilyOrderState, string | undefined> = {
  created: 'proposed',
  released: 'approved',
  'in-progress': 'confirmed',
  'on-hold': 'approved',
  completed: 'completed',
  closed: undefined,
  deleted: undefined,
};

const UOM = { ea: 'EA', kg: 'KG', m: 'M' } as const;
const DAY = 86_400_000;

/**
 * One plant's view of the product family of @threadline/demo-world: its items, buffers (the ERP
 * stock of bought parts), routings on the plant's resources, BOM consumption at revision A, and the
 * ERP production orders of the plant, referenced by their ERP numbers. Pure.
 */
export function buildFamilySeed(code: string, today: Date): FamilySeed {
  const family = buildDemoFamily();
  const machines = plantMachines(code);
  const units = new Map(family.parts.map((p) => [p.number, UOM[p.unit]]));

  // Routings first, then their steps: each kind goes in one multi-row insert (the steps' owners exist by then).
  const routings: Row[] = [];
  const steps: Row[] = [];
  const operationresource: Row[] = [];
  let routing = '';
  for (const op of buildFamilyRoutings(family)) {
    if (routingName(op.item, code) !== routing) {
      routing = routingName(op.item, code);
      routings.push({ name: routing, type: 'routing', item: op.item, location: code, priority: 1, description: `Routing of ${op.item}`, source: INITIAL_SOURCE });
    }
    const description = op.description.toLowerCase();
    const name = `${routing} - ${op.sequence} ${description}`;
    steps.push({
      name,
      type: 'time_per',
      item: op.item,
      location: code,
      owner: routing,
      priority: op.sequence,
      duration: op.setupMinutes * 60,
      duration_per: op.runMinutesPerUnit * 60,
      description,
      source: INITIAL_SOURCE,
    });
    machines[op.workCentreType].forEach((resource, i) =>
      operationresource.push({ operation: name, resource, quantity: 1, name: op.workCentreType, priority: i + 1, search: 'PRIORITY', source: INITIAL_SOURCE }),
    );
  }

  const operationmaterial: Row[] = [];
  for (const parent of family.parts.filter((p) => p.source === 'make')) {
    const routingOfParent = routingName(parent.number, code);
    for (const use of family.uses.filter((u) => u.parent === parent.number)) {
      operationmaterial.push({ operation: routingOfParent, item: use.child, quantity: -use.quantity, type: 'start', revision: FAMILY_REVISION, source: INITIAL_SOURCE });
    }
    operationmaterial.push({ operation: routingOfParent, item: parent.number, quantity: 1, type: 'end', revision: FAMILY_REVISION, source: INITIAL_SOURCE });
  }

  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const hours = (dayOffset: number, hour: number) => new Date(midnight + dayOffset * DAY + hour * 3_600_000);
  const manufacturingorder: Row[] = [];
  for (const order of buildFamilyOrders(family)) {
    const status = FAMILY_STATUS[order.state];
    if (order.plant !== code || !status) continue;
    const started = status === 'confirmed' || status === 'completed';
    manufacturingorder.push({
      reference: order.number,
      operation: routingName(order.item, code),
      item: order.item,
      quantity: order.quantity,
      status,
      priority: order.priority,
      due: hours(order.startInDays + order.durationDays, 14),
      startdate: started ? hours(order.startInDays, 6) : null,
      enddate: status === 'completed' ? hours(order.startInDays + order.durationDays, 14) : null,
      source: ERP_SOURCE,
    });
  }

  return {
    item: family.parts.map((p) => ({ name: p.number, description: p.name, category: p.source, type: 'make to stock', uom: units.get(p.number), source: INITIAL_SOURCE })),
    buffer: buildFamilyStock(family)
      .filter((s) => s.plant === code)
      .map((s) => ({ item: s.item, location: code, onhand: s.quantity, source: INITIAL_SOURCE })),
    operation: [...routings, ...steps],
    operationresource,
    operationmaterial,
    manufacturingorder,
  };
}
