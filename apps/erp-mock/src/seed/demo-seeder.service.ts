import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { deriveConversionCosts } from '../costing/cost-estimate.service';
import { FAMILY_MARKER } from '@threadline/demo-world';
import { SAP_END_OF_TIME, startOfUtcDay } from '../odata/odata-values';
import { seedDemoFamily } from './demo-family-seed';
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

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async seed(now = new Date()): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      await em.query("SELECT pg_advisory_xact_lock(hashtext('erp_mock.seed'))");
      const [{ count }] = await em.query('SELECT count(*)::int AS count FROM erp_mock.plants');
      if (count === 0) {
        await this.seedIn(em, now);
        this.logger.log(`seeded the demo world: ${DEMO_PLANTS.length} plants, ${DEMO_PRODUCTS.length} materials`);
      }
      const marker: unknown[] = await em.query('SELECT 1 FROM erp_mock.products WHERE product = $1', [FAMILY_MARKER]);
      if (marker.length === 0) await seedDemoFamily(em, now, this.logger);
      return count === 0 || marker.length === 0;
    });
  }

  private async seedIn(em: EntityManager, now: Date): Promise<void> {
    const today = startOfUtcDay(now);
    const at = (days: number, hour: number) => new Date(today.getTime() + days * DAY_MS + hour * 3_600_000);

    for (const p of DEMO_PLANTS) {
      await em.query('INSERT INTO erp_mock.plants (plant, plant_name, city_name, country, time_zone, currency) VALUES ($1, $2, $3, $4, $5, $6)', [
        p.plant,
        p.name,
        p.city,
        p.country,
        p.timeZone,
        p.currency,
      ]);
    }
    for (const m of DEMO_PRODUCTS) {
      await em.query('INSERT INTO erp_mock.products (product, product_type, base_unit, description, created_at) VALUES ($1, $2, $3, $4, $5)', [
        m.product,
        m.type,
        'PC',
        m.description,
        new Date(Date.UTC(2025, 10, 3)),
      ]);
      for (const p of DEMO_PLANTS) {
        await em.query('INSERT INTO erp_mock.product_plants (product, plant, procurement_type, revision_level) VALUES ($1, $2, $3, $4)', [
          m.product,
          p.plant,
          m.procurement,
          'A',
        ]);
        await em.query(
          'INSERT INTO erp_mock.product_valuations (product, valuation_area, standard_price, currency) VALUES ($1, $2, $3, $4)',
          [m.product, p.plant, Math.round(m.standardPriceEur * DEMO_RATES[p.currency] * 100) / 100, p.currency],
        );
      }
    }

    let bomNumber = 0;
    for (const [plantIndex, p] of DEMO_PLANTS.entries()) {
      for (const bom of DEMO_BOMS) {
        bomNumber += 1;
        const [{ id }] = await em.query(
          `INSERT INTO erp_mock.material_boms (bill_of_material, material, plant, revision_level, base_unit, valid_from, valid_to)
           VALUES ($1, $2, $3, 'A', 'PC', $4, $5) RETURNING id`,
          [String(bomNumber).padStart(8, '0'), bom.material, p.plant, DEMO_BOM_VALID_FROM, SAP_END_OF_TIME],
        );
        for (const item of bom.items) {
          await em.query('INSERT INTO erp_mock.material_bom_items (bom_id, item_number, component, quantity, unit) VALUES ($1, $2, $3, $4, $5)', [
            id,
            item.item,
            item.component,
            item.quantity,
            'PC',
          ]);
        }
      }
      let group = 0;
      for (const material of [...new Set(DEMO_ROUTINGS.map((o) => o.material))]) {
        group += 1;
        const routingGroup = String(50_000_000 + (plantIndex + 1) * 100 + group);
        for (const op of DEMO_ROUTINGS.filter((o) => o.material === material)) {
          const workCenter = op.kind === 'CNC' ? p.workCenters.CNC[0] : p.workCenters[op.kind];
          await em.query(
            `INSERT INTO erp_mock.routing_operations (routing_group, material, plant, operation, work_center, operation_text, setup_minutes, run_minutes)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [routingGroup, material, p.plant, op.operation, workCenter, op.text, op.setup, op.run],
          );
        }
      }
    }

    await deriveConversionCosts(em);

    for (const s of DEMO_STOCK) {
      await em.query(
        'INSERT INTO erp_mock.stock (material, plant, storage_location, batch, stock_type, quantity, unit) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [s.material, s.plant, s.location, s.batch, s.stockType, s.quantity, 'PC'],
      );
    }
    for (const s of DEMO_SUPPLIERS) {
      await em.query('INSERT INTO erp_mock.suppliers (supplier, supplier_name, country) VALUES ($1, $2, $3)', [s.supplier, s.name, s.country]);
    }
    for (const po of DEMO_PURCHASE_ORDERS) {
      const plant = DEMO_PLANTS.find((p) => p.plant === po.plant)!;
      await em.query(
        'INSERT INTO erp_mock.purchase_orders (purchase_order, company_code, supplier, order_date, currency, last_change_at) VALUES ($1, $2, $3, $4, $5, $4)',
        [po.purchaseOrder, `${plant.country}01`, po.supplier, at(-po.orderedDaysAgo, 0), plant.currency],
      );
      await em.query(
        `INSERT INTO erp_mock.purchase_order_items (purchase_order, item, material, plant, quantity, unit, net_price, is_completely_delivered)
         VALUES ($1, '10', $2, $3, $4, 'PC', $5, $6)`,
        [po.purchaseOrder, po.material, po.plant, po.quantity, po.netPrice, po.received >= po.quantity],
      );
      await em.query(
        `INSERT INTO erp_mock.purchase_order_schedule_lines (purchase_order, item, schedule_line, delivery_date, quantity, received_quantity)
         VALUES ($1, '10', '1', $2, $3, $4)`,
        [po.purchaseOrder, at(po.deliveryInDays, 0), po.quantity, po.received],
      );
    }

    let orderNumber = 1_000_000;
    for (const p of DEMO_PLANTS) {
      for (const o of DEMO_PRODUCTION_ORDERS) {
        orderNumber += 1;
        await em.query(
          `INSERT INTO erp_mock.production_orders
             (manufacturing_order, material, plant, revision_level, total_quantity, unit, planned_start, planned_end,
              is_released, is_partially_confirmed, is_technically_completed, created_at, last_change_at)
           VALUES ($1, $2, $3, 'A', $4, 'PC', $5, $6, $7, $8, $9, $10, $10)`,
          [
            String(orderNumber),
            o.material,
            p.plant,
            o.quantity,
            at(o.startInDays, 6),
            at(o.startInDays + o.durationDays, 14),
            o.state !== 'created',
            o.state === 'in-progress' || o.state === 'completed',
            o.state === 'completed',
            at(Math.min(o.startInDays, 0) - 7, 9),
          ],
        );
      }
    }
  }
}
