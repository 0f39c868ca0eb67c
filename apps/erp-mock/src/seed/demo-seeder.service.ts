import { Injectable, Logger } from '@nestjs/common';
import { FAMILY_MARKER } from '@threadline/demo-world';
import { FactoryCalendarRepository } from '../factory-calendar/factory-calendar.repository';
import { demoFactoryCalendars } from './demo-factory-calendars';
import { EntityManager } from 'typeorm';
import { SAP_END_OF_TIME, startOfUtcDay } from '../odata/odata-values';
import { seedDemoFamily } from './demo-family-seed';
import { seedSubstituteSample } from './demo-substitute-sample-seed';
import { RoutingRepository } from '../routing/routing.repository';
import { demoWorkCenters } from './demo-work-centers';
import { DemoSeedRepository, PRODUCTION_ORDER_COLUMNS } from './demo-seed.repository';
import {
  DEMO_BOM_VALID_FROM,
  DEMO_BOMS,
  DEMO_PLANTS,
  DEMO_PRODUCTION_ORDERS,
  DEMO_PRODUCTS,
  DEMO_PURCHASE_ORDERS,
  DEMO_RATES,
  DEMO_ROUTINGS,
  DEMO_STOCK,
  DEMO_SUPPLIERS,
} from './demo-world';

const DAY_MS = 86_400_000;

/**
 * Seeds the demo world once, in two parts: the original world (when there are no plants) and the
 * product family (when its marker material is missing, so a database seeded before the family
 * existed gets it on its next start). A later start finds both and keeps whatever the data has
 * become (applied BOMs included); the advisory lock keeps two replicas from seeding twice.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    private readonly seeds: DemoSeedRepository,
    private readonly routings: RoutingRepository,
    private readonly calendars: FactoryCalendarRepository,
  ) {}

  async seed(now = new Date()): Promise<boolean> {
    return this.seeds.withSeedLock(async (em) => {
      const count = await this.seeds.countPlants(em);
      if (count === 0) {
        await this.seedIn(em, now);
        this.logger.log(`seeded the demo world: ${DEMO_PLANTS.length} plants, ${DEMO_PRODUCTS.length} materials`);
      }
      const hasFamily = await this.seeds.productExists(em, FAMILY_MARKER);
      if (!hasFamily) await seedDemoFamily(this.seeds, em, now, this.logger);
      // Purchasing's samples of a substitute seal in P1 (README: the whole release), once.
      const sample = await seedSubstituteSample(this.seeds, em, now);
      // Work centre master data came after the routings that use it: kept in step on every start.
      await this.routings.seedWorkCenters(em, demoWorkCenters());
      // Factory calendars came later too: each created once, with the holidays the schedulers were seeded with.
      for (const calendar of demoFactoryCalendars(now)) await this.calendars.seedCalendar(em, calendar);
      return count === 0 || !hasFamily || sample;
    });
  }

  /** The original world, one multi-row statement per table, in the foreign keys' order. */
  private async seedIn(em: EntityManager, now: Date): Promise<void> {
    const today = startOfUtcDay(now);
    const at = (days: number, hour: number) => new Date(today.getTime() + days * DAY_MS + hour * 3_600_000);

    await this.seeds.insertRows(
      em,
      'plants',
      ['plant', 'plant_name', 'city_name', 'country', 'time_zone', 'currency'],
      DEMO_PLANTS.map((p) => [p.plant, p.name, p.city, p.country, p.timeZone, p.currency]),
    );
    await this.seeds.insertRows(
      em,
      'products',
      ['product', 'product_type', 'base_unit', 'description', 'created_at'],
      DEMO_PRODUCTS.map((m) => [m.product, m.type, 'PC', m.description, new Date(Date.UTC(2025, 10, 3))]),
    );
    await this.seeds.insertRows(
      em,
      'product_plants',
      ['product', 'plant', 'procurement_type', 'revision_level'],
      DEMO_PRODUCTS.flatMap((m) => DEMO_PLANTS.map((p) => [m.product, p.plant, m.procurement, 'A'])),
    );
    await this.seeds.insertRows(
      em,
      'product_valuations',
      ['product', 'valuation_area', 'standard_price', 'currency'],
      DEMO_PRODUCTS.flatMap((m) => DEMO_PLANTS.map((p) => [m.product, p.plant, Math.round(m.standardPriceEur * DEMO_RATES[p.currency] * 100) / 100, p.currency])),
    );

    // BOMs numbered 00000001... plant by plant.
    const headers = DEMO_PLANTS.flatMap((p, plantIndex) =>
      DEMO_BOMS.map((bom, i) => [
        String(plantIndex * DEMO_BOMS.length + i + 1).padStart(8, '0'),
        bom.material,
        p.plant,
        'A',
        'PC',
        DEMO_BOM_VALID_FROM,
        SAP_END_OF_TIME,
      ]),
    );
    const boms = await this.seeds.insertRows<{ id: string; material: string; plant: string }>(
      em,
      'material_boms',
      ['bill_of_material', 'material', 'plant', 'revision_level', 'base_unit', 'valid_from', 'valid_to'],
      headers,
      'id, material, plant',
    );
    await this.seeds.insertRows(
      em,
      'material_bom_items',
      ['bom_id', 'item_number', 'component', 'quantity', 'unit'],
      boms.flatMap((bom) => DEMO_BOMS.find((b) => b.material === bom.material)!.items.map((item) => [bom.id, item.item, item.component, item.quantity, 'PC'])),
    );

    const materials = [...new Set(DEMO_ROUTINGS.map((o) => o.material))];
    await this.seeds.insertRows(
      em,
      'routing_operations',
      ['routing_group', 'material', 'plant', 'operation', 'work_center', 'operation_text', 'setup_minutes', 'run_minutes'],
      DEMO_PLANTS.flatMap((p, plantIndex) =>
        materials.flatMap((material, m) => {
          const routingGroup = String(50_000_000 + (plantIndex + 1) * 100 + m + 1);
          return DEMO_ROUTINGS.filter((o) => o.material === material).map((op) => {
            const workCenter = op.kind === 'CNC' ? p.workCenters.CNC[0] : p.workCenters[op.kind];
            return [routingGroup, material, p.plant, op.operation, workCenter, op.text, op.setup, op.run];
          });
        }),
      ),
    );

    await this.seeds.deriveConversionCosts(em);

    await this.seeds.insertRows(
      em,
      'stock',
      ['material', 'plant', 'storage_location', 'batch', 'stock_type', 'quantity', 'unit'],
      DEMO_STOCK.map((s) => [s.material, s.plant, s.location, s.batch, s.stockType, s.quantity, 'PC']),
    );
    await this.seeds.insertRows(
      em,
      'suppliers',
      ['supplier', 'supplier_name', 'country'],
      DEMO_SUPPLIERS.map((s) => [s.supplier, s.name, s.country]),
    );
    const plantOf = (code: string) => DEMO_PLANTS.find((p) => p.plant === code)!;
    await this.seeds.insertRows(
      em,
      'purchase_orders',
      ['purchase_order', 'company_code', 'supplier', 'order_date', 'currency', 'last_change_at'],
      DEMO_PURCHASE_ORDERS.map((po) => [po.purchaseOrder, `${plantOf(po.plant).country}01`, po.supplier, at(-po.orderedDaysAgo, 0), plantOf(po.plant).currency, at(-po.orderedDaysAgo, 0)]),
    );
    await this.seeds.insertRows(
      em,
      'purchase_order_items',
      ['purchase_order', 'item', 'material', 'plant', 'quantity', 'unit', 'net_price', 'is_completely_delivered'],
      DEMO_PURCHASE_ORDERS.map((po) => [po.purchaseOrder, '10', po.material, po.plant, po.quantity, 'PC', po.netPrice, po.received >= po.quantity]),
    );
    await this.seeds.insertRows(
      em,
      'purchase_order_schedule_lines',
      ['purchase_order', 'item', 'schedule_line', 'delivery_date', 'quantity', 'received_quantity'],
      DEMO_PURCHASE_ORDERS.map((po) => [po.purchaseOrder, '10', '1', at(po.deliveryInDays, 0), po.quantity, po.received]),
    );

    // Production orders numbered 1000001... plant by plant.
    await this.seeds.insertRows(
      em,
      'production_orders',
      PRODUCTION_ORDER_COLUMNS,
      DEMO_PLANTS.flatMap((p, plantIndex) =>
        DEMO_PRODUCTION_ORDERS.map((o, i) => {
          const created = at(Math.min(o.startInDays, 0) - 7, 9);
          return [
            String(1_000_000 + plantIndex * DEMO_PRODUCTION_ORDERS.length + i + 1),
            o.material,
            p.plant,
            'A',
            o.quantity,
            'PC',
            at(o.startInDays, 6),
            at(o.startInDays + o.durationDays, 14),
            o.state !== 'created',
            o.state === 'in-progress' || o.state === 'completed',
            o.state === 'completed',
            // Never closed, deleted or locked in the original world.
            false,
            false,
            false,
            null,
            null,
            created,
            created,
          ];
        }),
      ),
    );
  }
}
