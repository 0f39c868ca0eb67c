import { SUBSTITUTE_SAMPLE } from '@threadline/demo-world';
import { EntityManager } from 'typeorm';
import { startOfUtcDay } from '../odata/odata-values';
import { DemoSeedRepository } from './demo-seed.repository';
import { DEMO_PLANTS } from './demo-world';

const DAY_MS = 86_400_000;

/**
 * Purchasing's samples of the substitute seal (SUBSTITUTE_SAMPLE) as S/4HANA holds them in P1
 * alone: a bought material (ROH, procurement type F) with its plant data and valuation, a sample
 * batch on hand and an open purchase order. Seeded once, when the material is missing anywhere, so
 * a second start, or a database where a release has since created it in other plants, is left as
 * it is.
 */
export async function seedSubstituteSample(seeds: DemoSeedRepository, em: EntityManager, now: Date): Promise<boolean> {
  const s = SUBSTITUTE_SAMPLE;
  if (await seeds.productExists(em, s.item)) return false;
  const plant = DEMO_PLANTS.find((p) => p.plant === s.plant)!;
  const today = startOfUtcDay(now);
  const at = (days: number) => new Date(today.getTime() + days * DAY_MS);
  await seeds.insertRows(em, 'products', ['product', 'product_type', 'base_unit', 'description', 'created_at'], [[s.item, 'ROH', 'PC', s.description, at(-s.orderedDaysAgo)]]);
  await seeds.insertRows(em, 'product_plants', ['product', 'plant', 'procurement_type', 'revision_level'], [[s.item, s.plant, 'F', 'A']]);
  await seeds.insertRows(em, 'product_valuations', ['product', 'valuation_area', 'standard_price', 'currency'], [[s.item, s.plant, s.standardPrice, plant.currency]]);
  await seeds.insertRows(em, 'stock', ['material', 'plant', 'storage_location', 'batch', 'stock_type', 'quantity', 'unit'], [[s.item, s.plant, '0001', 'SMPL-1', '01', s.onHand, 'PC']]);
  await seeds.insertRows(
    em,
    'purchase_orders',
    ['purchase_order', 'company_code', 'supplier', 'order_date', 'currency', 'last_change_at'],
    [[s.purchaseOrder, `${plant.country}01`, s.supplier, at(-s.orderedDaysAgo), plant.currency, at(-s.orderedDaysAgo)]],
  );
  await seeds.insertRows(
    em,
    'purchase_order_items',
    ['purchase_order', 'item', 'material', 'plant', 'quantity', 'unit', 'net_price', 'is_completely_delivered'],
    [[s.purchaseOrder, '10', s.item, s.plant, s.orderedQuantity, 'PC', s.standardPrice, false]],
  );
  await seeds.insertRows(
    em,
    'purchase_order_schedule_lines',
    ['purchase_order', 'item', 'schedule_line', 'delivery_date', 'quantity', 'received_quantity'],
    [[s.purchaseOrder, '10', '1', at(s.deliveryInDays), s.orderedQuantity, 0]],
  );
  return true;
}
