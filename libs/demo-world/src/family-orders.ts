import { DemoFamily, FamilyPart, partKind } from './demo-family';
import { DEMO_PLANTS, DemoPlant, PlantCode, seededSequence } from './plants';

/**
 * The family's production order book, per plant: what ERP holds as production orders and each
 * plant's scheduler loads (with the ERP number as its reference). States are ERP's:
 *
 * | state | ERP system status | scheduler |
 * |---|---|---|
 * | created | CRTD | proposed |
 * | released | REL | approved |
 * | in-progress | REL PCNF (partially confirmed) | confirmed |
 * | on-hold | REL (PCNF) LKD, locked with a reason | approved, priority 9 (planned last) |
 * | completed | TECO | completed |
 * | closed | CLSD | not loaded |
 * | deleted | CRTD DLFL | not loaded |
 */
export type FamilyOrderState = 'created' | 'released' | 'in-progress' | 'on-hold' | 'completed' | 'closed' | 'deleted';

export interface FamilyOrder {
  /** ERP production order number, from 2000001 (after the original demo orders 1000001-1000018). */
  number: string;
  plant: PlantCode;
  item: string;
  quantity: number;
  state: FamilyOrderState;
  /** Planned start, in days from the seeding day (negative: in the past); starts at 06:00 UTC. */
  startInDays: number;
  /** Planned end = start + this many days, at 14:00 UTC. */
  durationDays: number;
  /** Dispatch priority in the scheduler (lower first); family orders come after the original ones (1-5). */
  priority: number;
  /** For on-hold orders: why and what holds it. */
  hold?: { reason: string; reference: string };
}

export const FAMILY_FIRST_ORDER_NUMBER = 2_000_001;

/** How many orders of each state a plant holds, in the order they are generated. */
export const ORDERS_PER_STATE: Record<FamilyOrderState, number> = {
  closed: 30,
  completed: 36,
  deleted: 6,
  'in-progress': 6,
  'on-hold': 3,
  released: 9,
  created: 10,
};

/** Start window (days from today) per state. */
const START_WINDOW: Record<FamilyOrderState, [number, number]> = {
  closed: [-120, -60],
  completed: [-55, -8],
  deleted: [-20, 40],
  'in-progress': [-4, -1],
  'on-hold': [-3, 10],
  released: [3, 35],
  created: [21, 90],
};

/** Orders under way run a few days longer than planned at release: their end is still ahead. */
const EXTRA_DAYS: Partial<Record<FamilyOrderState, number>> = { 'in-progress': 6 };

const PRIORITY: Record<FamilyOrderState, number> = {
  closed: 8,
  completed: 8,
  deleted: 8,
  'in-progress': 6,
  'on-hold': 9,
  released: 7,
  created: 8,
};

const HOLD_REASONS = [
  'Quality hold: porosity in housing castings',
  'Waiting for engineering change review',
  'Customer requested delivery postponement',
  'Missing material certificate for bar stock',
];

/** Quantity range, step and duration range (days) by part kind. */
const LOT: Record<string, { min: number; max: number; step: number; days: [number, number] }> = {
  SKID: { min: 1, max: 2, step: 1, days: [5, 8] },
  PUMPUNIT: { min: 2, max: 4, step: 1, days: [2, 3] },
  PUMP: { min: 4, max: 16, step: 2, days: [2, 4] },
  FRAME: { min: 1, max: 3, step: 1, days: [1, 2] },
  WELD: { min: 1, max: 3, step: 1, days: [2, 3] },
  MANIFOLD: { min: 1, max: 3, step: 1, days: [1, 2] },
  SPOOL: { min: 2, max: 6, step: 2, days: [1, 2] },
  PANEL: { min: 1, max: 2, step: 1, days: [2, 4] },
  BASEPLATE: { min: 2, max: 6, step: 2, days: [1, 2] },
  HOUSING: { min: 10, max: 25, step: 5, days: [1, 3] },
  IMPELLER: { min: 10, max: 30, step: 5, days: [1, 2] },
  ROTOR: { min: 5, max: 20, step: 5, days: [1, 2] },
  SHAFT: { min: 10, max: 30, step: 5, days: [1, 2] },
  BRGHSG: { min: 10, max: 25, step: 5, days: [1, 2] },
};

/** The items a plant produces: its skids with their assemblies, its pump models with theirs. */
export function plantProducts(plant: DemoPlant, family: DemoFamily): FamilyPart[] {
  const pumpBases = new Set(plant.pumpModels.map((m) => `2${String(m).padStart(2, '0')}`));
  const skidDigits = new Set(plant.skids.map(String));
  return family.parts.filter((p) => {
    if (p.source !== 'make') return false;
    const pump = /^[A-Z]+-(2\d\d)\d$/.exec(p.number);
    if (pump) return pumpBases.has(pump[1]);
    const skid = /^[A-Z]+-7(\d)\d\d$/.exec(p.number);
    return skid !== null && skidDigits.has(skid[1]);
  });
}

/**
 * The order book of every plant, P1 then P2 then P3, numbered consecutively from 2000001. Top-level
 * products (skids, pump units, pumps) and sub-assemblies alternate, so every state has both.
 */
export function buildFamilyOrders(family: DemoFamily): FamilyOrder[] {
  const orders: FamilyOrder[] = [];
  let number = FAMILY_FIRST_ORDER_NUMBER;
  for (const plant of DEMO_PLANTS) {
    const random = seededSequence(plant.seed);
    const between = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
    const products = plantProducts(plant, family);
    const top = products.filter((p) => ['SKID', 'PUMPUNIT', 'PUMP'].includes(partKind(p.number)));
    const sub = products.filter((p) => !top.includes(p));
    let pick = 0;
    for (const [state, count] of Object.entries(ORDERS_PER_STATE) as Array<[FamilyOrderState, number]>) {
      for (let i = 0; i < count; i++, pick++) {
        const pool = pick % 2 === 0 ? top : sub;
        const item = pool[between(0, pool.length - 1)];
        const lot = LOT[partKind(item.number)];
        const standard = lot.min + lot.step * between(0, Math.floor((lot.max - lot.min) / lot.step));
        const quantity = Math.max(lot.step, Math.ceil((standard * plant.lotFactor) / lot.step) * lot.step);
        const hold =
          state === 'on-hold'
            ? { reason: HOLD_REASONS[i % HOLD_REASONS.length], reference: `QN-${plant.code}-${String(300 + i).padStart(6, '0')}` }
            : undefined;
        orders.push({
          number: String(number++),
          plant: plant.code,
          item: item.number,
          quantity,
          state,
          startInDays: between(...START_WINDOW[state]),
          durationDays: between(...lot.days) + (EXTRA_DAYS[state] ?? 0),
          priority: PRIORITY[state],
          ...(hold ? { hold } : {}),
        });
      }
    }
  }
  return orders;
}
