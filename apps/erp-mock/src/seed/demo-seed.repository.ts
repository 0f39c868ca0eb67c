import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ERP_MOCK_SCHEMA } from '../erp-mock.schema';

const SEED_LOCK = `${ERP_MOCK_SCHEMA}.seed`;

/** Postgres takes at most 65535 parameters per statement; stay well below. */
const MAX_PARAMETERS = 30_000;

/** The tables the demo seed fills. */
export type SeededTable =
  | 'plants'
  | 'products'
  | 'product_plants'
  | 'product_valuations'
  | 'material_boms'
  | 'material_bom_items'
  | 'routing_operations'
  | 'stock'
  | 'suppliers'
  | 'purchase_orders'
  | 'purchase_order_items'
  | 'purchase_order_schedule_lines'
  | 'production_orders';

/** The production order columns both seeds fill, in the order of their rows' values. */
export const PRODUCTION_ORDER_COLUMNS = [
  'manufacturing_order',
  'material',
  'plant',
  'revision_level',
  'total_quantity',
  'unit',
  'planned_start',
  'planned_end',
  'is_released',
  'is_partially_confirmed',
  'is_technically_completed',
  'is_closed',
  'is_deleted',
  'is_locked',
  'lock_reason',
  'lock_reference',
  'created_at',
  'last_change_at',
];

/**
 * The demo seed's SQL: it writes every table of a fresh S/4HANA in bulk, which no API of this
 * mock does, so it has its own repository instead of going through the feature repositories.
 */
@Injectable()
export class DemoSeedRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction under the seed lock, so two replicas starting together seed once. */
  withSeedLock<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('${SEED_LOCK}'))`);
      return work(em);
    });
  }

  async countPlants(em: EntityManager): Promise<number> {
    const [{ count }]: Array<{ count: number }> = await em.query(`SELECT count(*)::int AS count FROM ${ERP_MOCK_SCHEMA}.plants`);
    return count;
  }

  async productExists(em: EntityManager, product: string): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM ${ERP_MOCK_SCHEMA}.products WHERE product = $1`, [product]);
    return rows.length > 0;
  }

  /** The standard prices of those of `products` valued in `plant`. */
  async standardPrices(em: EntityManager, plant: string, products: string[]): Promise<Map<string, number>> {
    const rows: Array<{ product: string; standard_price: string }> = await em.query(
      `SELECT product, standard_price FROM ${ERP_MOCK_SCHEMA}.product_valuations WHERE valuation_area = $1 AND product = ANY($2)`,
      [plant, products],
    );
    return new Map(rows.map((r) => [r.product, Number(r.standard_price)]));
  }

  /** The number after the highest BOM number. */
  async nextBomNumber(em: EntityManager): Promise<number> {
    const [{ next }]: Array<{ next: string }> = await em.query(`SELECT coalesce(max(bill_of_material::bigint), 0) + 1 AS next FROM ${ERP_MOCK_SCHEMA}.material_boms`);
    return Number(next);
  }

  /**
   * Multi-row INSERT of `rows` (values in `columns` order), in as few statements as the parameter
   * limit allows; answers the RETURNING rows when `returning` is given. Seeding a few thousand rows
   * this way takes milliseconds instead of seconds.
   */
  async insertRows<T = unknown>(em: EntityManager, table: SeededTable, columns: string[], rows: unknown[][], returning?: string): Promise<T[]> {
    const result: T[] = [];
    const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
    for (let offset = 0; offset < rows.length; offset += perStatement) {
      const chunk = rows.slice(offset, offset + perStatement);
      const values = chunk.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
      const sql = `INSERT INTO ${ERP_MOCK_SCHEMA}.${table} (${columns.join(', ')}) VALUES ${values}${returning ? ` RETURNING ${returning}` : ''}`;
      const inserted: T[] = await em.query(sql, chunk.flat());
      if (returning) result.push(...inserted);
    }
    return result;
  }

  /**
   * The conversion (activity and overhead) share of each made material: its standard price minus
   * the material cost of its first BOM version, the one the standard price was costed on.
   */
  async deriveConversionCosts(em: EntityManager): Promise<void> {
    await em.query(`
      UPDATE ${ERP_MOCK_SCHEMA}.product_valuations v SET conversion_cost = v.standard_price - m.material_cost
        FROM (
          SELECT b.material, b.plant, sum(i.quantity / b.base_quantity * cv.standard_price) AS material_cost
            FROM ${ERP_MOCK_SCHEMA}.material_boms b
            JOIN ${ERP_MOCK_SCHEMA}.material_bom_items i ON i.bom_id = b.id
            JOIN ${ERP_MOCK_SCHEMA}.product_valuations cv ON cv.product = i.component AND cv.valuation_area = b.plant
           WHERE b.id IN (SELECT DISTINCT ON (material, plant) id FROM ${ERP_MOCK_SCHEMA}.material_boms WHERE variant = '1' ORDER BY material, plant, valid_from)
           GROUP BY b.material, b.plant
        ) m
       WHERE m.material = v.product AND m.plant = v.valuation_area`);
  }
}
