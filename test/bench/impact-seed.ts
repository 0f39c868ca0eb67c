/**
 * Bulk data for the impact benchmark, written straight into erp-mock's tables (the simulated
 * S/4HANA) by set-based SQL: a deep product structure in plant P1 whose lower levels use the demo
 * make item HOUSING-110, and an order book of open production orders in P1, P2 and P3.
 */
import { Client } from 'pg';

export const IMPACT_ITEM = 'HOUSING-110';
/** Assemblies per level, levels, lines per BOM: 10 x 1,000 x 10 = 100,000 BOM lines. */
export const LEVELS = 10;
export const ASSEMBLIES_PER_LEVEL = 1_000;
export const LINES_PER_BOM = 10;
/** Buy parts the fill lines draw from. */
export const RAW_PARTS = 500;
/** Level-1 assemblies using HOUSING-110 directly (every 8th), and level-3 ones (every 20th). */
const LEVEL1_USER_EVERY = 8;
const LEVEL3_USER_EVERY = 20;
export const PRODUCTION_ORDERS = 20_000;
/** Every 25th order is on HOUSING-110 revision A: 800 over three plants. */
const IMPACT_ORDER_EVERY = 25;

export interface ImpactSeedFigures {
  bomLines: number;
  assemblies: number;
  productionOrders: number;
  impactItemOrders: Record<string, number>;
}

/**
 * Assembly j of level k (BA-Lkk-jjjj) holds one line for assembly j of level k-1 (each assembly
 * has exactly one parent, so the where-used rows are the ancestors, not a combinatorial blow-up),
 * HOUSING-110 on every 8th level-1 and every 20th level-3 assembly, and buy parts for the rest.
 */
export async function seedImpactData(databaseUrl: string): Promise<ImpactSeedFigures> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO erp_mock.products (product, product_type, base_unit, description)
       SELECT 'BR-' || lpad(n::text, 4, '0'), 'ROH', 'PC', 'Bench buy part ' || n FROM generate_series(1, $1) n`,
      [RAW_PARTS],
    );
    await client.query(
      `INSERT INTO erp_mock.products (product, product_type, base_unit, description)
       SELECT 'BA-L' || lpad(k::text, 2, '0') || '-' || lpad(j::text, 4, '0'), 'HALB', 'PC', 'Bench assembly level ' || k
         FROM generate_series(1, $1) k, generate_series(0, $2 - 1) j`,
      [LEVELS, ASSEMBLIES_PER_LEVEL],
    );
    await client.query(
      `INSERT INTO erp_mock.product_plants (product, plant, procurement_type, revision_level)
       SELECT p.product, pl.plant, CASE WHEN p.product_type = 'ROH' THEN 'F' ELSE 'E' END, 'A'
         FROM erp_mock.products p CROSS JOIN (VALUES ('P1'), ('P2'), ('P3')) pl (plant)
        WHERE p.product LIKE 'BA-%' OR p.product LIKE 'BR-%'`,
    );
    await client.query(
      `INSERT INTO erp_mock.material_boms (bill_of_material, material, plant, revision_level, base_unit, valid_from, valid_to)
       SELECT '9' || lpad((k * $2 + j)::text, 7, '0'), 'BA-L' || lpad(k::text, 2, '0') || '-' || lpad(j::text, 4, '0'), 'P1', 'A', 'PC',
              '2026-01-01T00:00:00Z', '9999-12-31T00:00:00Z'
         FROM generate_series(1, $1) k, generate_series(0, $2 - 1) j`,
      [LEVELS, ASSEMBLIES_PER_LEVEL],
    );
    await client.query(
      `INSERT INTO erp_mock.material_bom_items (bom_id, item_number, component, quantity, unit)
       SELECT a.id, lpad((line * 10)::text, 4, '0'),
              CASE
                WHEN line = 1 AND a.k = 1 AND a.j % $3 = 0 THEN $5
                WHEN line = 1 AND a.k > 1 THEN 'BA-L' || lpad((a.k - 1)::text, 2, '0') || '-' || lpad(a.j::text, 4, '0')
                WHEN line = 2 AND a.k = 3 AND a.j % $4 = 0 THEN $5
                ELSE 'BR-' || lpad((1 + (a.j * 7 + line * 13 + a.k * 31) % $2)::text, 4, '0')
              END,
              1 + line % 3, 'PC'
         FROM (SELECT id, substr(material, 5, 2)::int AS k, substr(material, 8)::int AS j
                 FROM erp_mock.material_boms WHERE material LIKE 'BA-%' AND plant = 'P1') a
         CROSS JOIN generate_series(1, $1) line`,
      [LINES_PER_BOM, RAW_PARTS, LEVEL1_USER_EVERY, LEVEL3_USER_EVERY, IMPACT_ITEM],
    );
    // Open orders only: created, released or partially confirmed; starting over the next 90 days.
    await client.query(
      `INSERT INTO erp_mock.production_orders
         (manufacturing_order, material, plant, revision_level, total_quantity, unit, planned_start, planned_end,
          is_released, is_partially_confirmed, created_at, last_change_at)
       SELECT (8000000 + n)::text,
              CASE WHEN n % $2 = 0 THEN $3 ELSE 'BA-L' || lpad((1 + n % $4)::text, 2, '0') || '-' || lpad(((n / 7) % $5)::text, 4, '0') END,
              'P' || (1 + (CASE WHEN n % $2 = 0 THEN n / $2 ELSE n END) % 3),
              'A', 1 + n % 50, 'PC',
              date_trunc('day', now()) + make_interval(days => n % 90, hours => 6),
              date_trunc('day', now()) + make_interval(days => n % 90 + 2, hours => 14),
              n % 3 <> 0, n % 3 = 2, now() - interval '10 days', now() - interval '10 days'
         FROM generate_series(1, $1) n`,
      [PRODUCTION_ORDERS, IMPACT_ORDER_EVERY, IMPACT_ITEM, LEVELS, ASSEMBLIES_PER_LEVEL],
    );
    await client.query('COMMIT');
    // Steady state, as a database that has been running a while: statistics and visibility map.
    await client.query('VACUUM ANALYZE erp_mock.products, erp_mock.product_plants, erp_mock.material_boms, erp_mock.material_bom_items, erp_mock.production_orders');
    const [{ lines }] = (await client.query("SELECT count(*)::int AS lines FROM erp_mock.material_bom_items i JOIN erp_mock.material_boms b ON b.id = i.bom_id WHERE b.material LIKE 'BA-%'")).rows;
    const [{ orders }] = (await client.query("SELECT count(*)::int AS orders FROM erp_mock.production_orders WHERE manufacturing_order LIKE '8%'")).rows;
    const perPlant = (await client.query('SELECT plant, count(*)::int AS n FROM erp_mock.production_orders WHERE material = $1 GROUP BY plant ORDER BY plant', [IMPACT_ITEM])).rows as Array<{
      plant: string;
      n: number;
    }>;
    return {
      bomLines: lines,
      assemblies: LEVELS * ASSEMBLIES_PER_LEVEL,
      productionOrders: orders,
      impactItemOrders: Object.fromEntries(perPlant.map((r) => [r.plant, r.n])),
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
