import { Logger } from '@nestjs/common';
import {
  buildDemoFamily,
  buildFamilyOrders,
  buildFamilyRoutings,
  buildFamilyStock,
  FAMILY_REVISION,
  FamilyOrder,
  FamilyPart,
  FamilyUnit,
  FAMILY_SHORTAGES,
  partKind,
} from '@threadline/demo-world';
import { EntityManager } from 'typeorm';
import { SAP_END_OF_TIME, startOfUtcDay } from '../odata/odata-values';
import { familyPrices, PlantCosting } from './demo-family-prices';
import { DEMO_BOM_VALID_FROM, DEMO_PLANTS, DEMO_RATES } from './demo-world';
import { DemoSeedRepository, PRODUCTION_ORDER_COLUMNS } from './demo-seed.repository';

const DAY_MS = 86_400_000;
const SAP_UNIT: Record<FamilyUnit, string> = { ea: 'PC', kg: 'KG', m: 'M' };
/** Purchasing factor and labour rate per plant (EUR); prices end up in the plant's currency. */
const COSTING: Record<string, Omit<PlantCosting, 'rate'>> = {
  P1: { purchasing: 1, hourlyRateEur: 78 },
  P2: { purchasing: 0.92, hourlyRateEur: 42 },
  P3: { purchasing: 0.95, hourlyRateEur: 31 },
};
export const FAMILY_FIRST_PURCHASE_ORDER = 4_500_001_001;
/** Family routing groups: 51000000 + plant index x 10000 + n (the original world uses 501xxxxx). */
const FAMILY_ROUTING_GROUP_BASE = 51_000_000;

function productType(part: FamilyPart): 'FERT' | 'HALB' | 'ROH' {
  if (part.source === 'buy') return 'ROH';
  return ['SKID', 'PUMP'].includes(partKind(part.number)) ? 'FERT' : 'HALB';
}

/** Supplier of a bought part among the demo suppliers: seals, motors and electrics, the rest. */
function supplierOf(item: string): string {
  const kind = partKind(item);
  if (['MSEAL', 'ORING', 'GASKET'].includes(kind)) return '17300001';
  if (['MOTOR', 'VFD', 'ENCLOSURE', 'CABLE'].includes(kind)) return '17300003';
  return '17300002';
}

/** The ERP flags of a family order state (system statuses CRTD, REL, PCNF, LKD, TECO, CLSD, DLFL). */
function flags(order: FamilyOrder): { released: boolean; confirmed: boolean; teco: boolean; closed: boolean; deleted: boolean; locked: boolean } {
  const s = order.state;
  return {
    released: !['created', 'deleted'].includes(s),
    confirmed: ['in-progress', 'completed', 'closed'].includes(s) || (s === 'on-hold' && order.startInDays < 0),
    teco: ['completed', 'closed'].includes(s),
    closed: s === 'closed',
    deleted: s === 'deleted',
    locked: s === 'on-hold',
  };
}

/**
 * Seeds the product family of @threadline/demo-world in every plant, in this S/4HANA's terms:
 * materials with plant records (revision A; E make, F buy), valuations (standard prices in the
 * plant's currency, made parts rolled up), BOMs valid from 2026-01-01, routings on the plant's
 * work centres, stock of bought parts, open purchase orders for what runs short, and the family's
 * production orders in every state. Multi-row inserts: a few thousand rows in a few statements.
 */
export async function seedDemoFamily(seeds: DemoSeedRepository, em: EntityManager, now: Date, logger: Logger): Promise<void> {
  const family = buildDemoFamily();
  const routings = buildFamilyRoutings(family);
  const today = startOfUtcDay(now);
  const at = (days: number, hour: number) => new Date(today.getTime() + days * DAY_MS + hour * 3_600_000);
  const parts = new Map(family.parts.map((p) => [p.number, p]));
  const unitOf = (number: string) => SAP_UNIT[parts.get(number)?.unit ?? 'ea'];
  const makeParts = family.parts.filter((p) => p.source === 'make');

  await seeds.insertRows(
    em,
    'products',
    ['product', 'product_type', 'base_unit', 'description', 'created_at'],
    family.parts.map((p) => [p.number, productType(p), SAP_UNIT[p.unit], p.name, new Date(Date.UTC(2025, 10, 3))]),
  );
  await seeds.insertRows(
    em,
    'product_plants',
    ['product', 'plant', 'procurement_type', 'revision_level'],
    DEMO_PLANTS.flatMap((plant) => family.parts.map((p) => [p.number, plant.plant, p.source === 'make' ? 'E' : 'F', FAMILY_REVISION])),
  );

  const valuations: Array<[product: string, plant: string, standardPrice: number, currency: string, conversionCost: number]> = [];
  for (const plant of DEMO_PLANTS) {
    const borrowed = await seeds.standardPrices(em, plant.plant, [...new Set(family.uses.map((u) => u.child).filter((c) => !parts.has(c)))]);
    const prices = familyPrices(family, routings, { rate: DEMO_RATES[plant.currency], ...COSTING[plant.plant] }, borrowed);
    for (const p of family.parts) {
      const price = prices.get(p.number)!;
      valuations.push([p.number, plant.plant, price.standardPrice, plant.currency, price.conversionCost]);
    }
  }
  await seeds.insertRows(em, 'product_valuations', ['product', 'valuation_area', 'standard_price', 'currency', 'conversion_cost'], valuations);

  // BOMs: numbered after the highest existing one, plant by plant.
  let bomNumber = await seeds.nextBomNumber(em);
  const headers = DEMO_PLANTS.flatMap((plant) =>
    makeParts.map((p) => [String(bomNumber++).padStart(8, '0'), p.number, plant.plant, FAMILY_REVISION, 'PC', DEMO_BOM_VALID_FROM, SAP_END_OF_TIME]),
  );
  const boms = await seeds.insertRows<{ id: string; material: string; plant: string }>(
    em,
    'material_boms',
    ['bill_of_material', 'material', 'plant', 'revision_level', 'base_unit', 'valid_from', 'valid_to'],
    headers,
    'id, material, plant',
  );
  await seeds.insertRows(
    em,
    'material_bom_items',
    ['bom_id', 'item_number', 'component', 'quantity', 'unit'],
    boms.flatMap((bom) =>
      family.uses
        .filter((u) => u.parent === bom.material)
        .map((u) => [bom.id, String(u.findNumber).padStart(4, '0'), u.child, u.quantity, unitOf(u.child)]),
    ),
  );

  // Routings on the plant's work centres; Monterrey spreads machining over its two CNC machines.
  const groups = new Map(makeParts.map((p, i) => [p.number, i + 1]));
  await seeds.insertRows(
    em,
    'routing_operations',
    ['routing_group', 'material', 'plant', 'operation', 'work_center', 'operation_text', 'setup_minutes', 'run_minutes'],
    DEMO_PLANTS.flatMap((plant, plantIndex) =>
      routings.map((op) => {
        const group = groups.get(op.item)!;
        const cnc = plant.workCenters.CNC;
        const workCenter = op.workCentreType === 'CNC' ? cnc[group % cnc.length] : plant.workCenters[op.workCentreType];
        return [
          String(FAMILY_ROUTING_GROUP_BASE + plantIndex * 10_000 + group),
          op.item,
          plant.plant,
          String(op.sequence).padStart(4, '0'),
          workCenter,
          op.description,
          op.setupMinutes,
          op.runMinutesPerUnit,
        ];
      }),
    ),
  );

  await seeds.insertRows(
    em,
    'stock',
    ['material', 'plant', 'storage_location', 'batch', 'stock_type', 'quantity', 'unit'],
    buildFamilyStock(family).map((s) => [s.item, s.plant, '0001', '', '01', s.quantity, unitOf(s.item)]),
  );

  // Open purchase orders: what each plant has run out of, and a few regular replenishments.
  const purchases = DEMO_PLANTS.flatMap((plant, plantIndex) =>
    [...FAMILY_SHORTAGES[plant.plant as 'P1' | 'P2' | 'P3'], 'BEARING-6207', 'GASKET-DN65', 'BAR-14021-D40'].map((item, i) => ({ plant, plantIndex, item, i })),
  );
  let poNumber = FAMILY_FIRST_PURCHASE_ORDER;
  const poHeaders: unknown[][] = [];
  const poItems: unknown[][] = [];
  const poLines: unknown[][] = [];
  const valuation = new Map(valuations.map(([product, plant, price]) => [`${product}@${plant}`, price]));
  for (const { plant, plantIndex, item, i } of purchases) {
    const number = String(poNumber++);
    const part = parts.get(item)!;
    const quantity = part.unit === 'kg' ? 500 : ['MOTOR', 'ENCLOSURE', 'CASTING', 'BLANK'].includes(partKind(item)) ? 20 : 100;
    // Ordered 12 to 40 days ago, due in the next weeks; the last one per plant is partly delivered.
    const orderedDaysAgo = 12 + ((plantIndex * 7 + i * 5) % 29);
    const deliveryInDays = 3 + ((plantIndex * 5 + i * 4) % 22);
    const received = i === 4 ? quantity / 2 : 0;
    poHeaders.push([number, `${plant.country}01`, supplierOf(item), at(-orderedDaysAgo, 0), plant.currency, at(-orderedDaysAgo, 0)]);
    poItems.push([number, '10', item, plant.plant, quantity, unitOf(item), valuation.get(`${item}@${plant.plant}`), false]);
    poLines.push([number, '10', '1', at(deliveryInDays, 0), quantity, received]);
  }
  await seeds.insertRows(em, 'purchase_orders', ['purchase_order', 'company_code', 'supplier', 'order_date', 'currency', 'last_change_at'], poHeaders);
  await seeds.insertRows(
    em,
    'purchase_order_items',
    ['purchase_order', 'item', 'material', 'plant', 'quantity', 'unit', 'net_price', 'is_completely_delivered'],
    poItems,
  );
  await seeds.insertRows(em, 'purchase_order_schedule_lines', ['purchase_order', 'item', 'schedule_line', 'delivery_date', 'quantity', 'received_quantity'], poLines);

  const orders = buildFamilyOrders(family);
  await seeds.insertRows(
    em,
    'production_orders',
    PRODUCTION_ORDER_COLUMNS,
    orders.map((o) => {
      const f = flags(o);
      const created = at(Math.min(o.startInDays, 0) - 7, 9);
      return [
        o.number,
        o.item,
        o.plant,
        FAMILY_REVISION,
        o.quantity,
        'PC',
        at(o.startInDays, 6),
        at(o.startInDays + o.durationDays, 14),
        f.released,
        f.confirmed,
        f.teco,
        f.closed,
        f.deleted,
        f.locked,
        o.hold?.reason ?? null,
        o.hold?.reference ?? null,
        created,
        created,
      ];
    }),
  );
  logger.log(
    `seeded the product family: ${family.parts.length} materials in ${DEMO_PLANTS.length} plants, ${boms.length} BOMs, ` +
      `${orders.length} production orders, ${poHeaders.length} purchase orders`,
  );
}
