/**
 * Synthetic products for the release benchmark, written straight into the three mocks' tables as
 * their demo seeds write theirs: one make item per release, so that the releases do not contend
 * for one product's rows and each completes on its own.
 *
 * - plm_mock: the part at revision A, released, with a one-level BOM of existing buy parts.
 * - erp_mock: the material, its plant records (revision A), valuation, a one-step routing and the
 *   revision A BOM valid from 2026-01-01 in P1, P2 and P3.
 * - scheduler_mock: per plant, the item, its routing (with one assembly step on the assembly line)
 *   and the routing's materials.
 */
import { Client } from 'pg';

export const PLANTS = ['P1', 'P2', 'P3'];
/** Component, quantity per unit: existing buy parts in all three systems. */
const BOM: Array<[string, number]> = [
  ['SEAL-200', 2],
  ['BOLT-M8', 4],
  ['SHAFT-130', 1],
];
/** What each release's ECO swaps in for SEAL-200 (known to all three systems). */
export const OUTGOING = 'SEAL-200';
export const INCOMING = 'SEAL-210';
const CURRENCY: Record<string, [string, number]> = { P1: ['EUR', 1], P2: ['CZK', 25.2], P3: ['MXN', 19.8] };

/**
 * The ECO the release benchmark and the operability tests release for one synthetic product:
 * revision A -> B in every plant, OUTGOING replaced (by INCOMING unless told), use-up, effective
 * tomorrow unless told.
 */
export function syntheticChange(product: string, label: string, options: { replacement?: string; effectiveFrom?: string } = {}) {
  const replacement = options.replacement ?? INCOMING;
  return {
    title: `${label}: ${OUTGOING} -> ${replacement} on ${product}`,
    priority: 'normal',
    targetPlants: PLANTS,
    effectivity: { type: 'date', startDate: options.effectiveFrom ?? new Date(Date.now() + 24 * 3600_000).toISOString() },
    affectedItems: [
      {
        itemNumber: product,
        fromRevision: 'A',
        toRevision: 'B',
        disposition: 'use-up',
        bomChanges: [{ action: 'replace', componentNumber: OUTGOING, replacementNumber: replacement }],
      },
    ],
  };
}

export function productNumber(i: number): string {
  return `SYN-${String(i + 1).padStart(4, '0')}`;
}

/** Inserts `count` products; the numbers are SYN-0001 upwards. */
export async function seedReleaseProducts(databaseUrl: string, count: number): Promise<string[]> {
  const numbers = Array.from({ length: count }, (_, i) => productNumber(i));
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    // PLM (Windchill dialect): parts and part usage links.
    const parts = await client.query<{ id: string; number: string }>(
      `INSERT INTO plm_mock.parts (number, name, version, iteration, state, default_unit, source, release_date, created_on, last_modified)
       SELECT n, 'Synthetic pump ' || n, 'A', 1, 'RELEASED', 'ea', 'make', '2025-06-02T08:00:00Z', '2025-06-02T08:00:00Z', '2025-06-02T08:00:00Z'
         FROM unnest($1::text[]) n RETURNING id, number`,
      [numbers],
    );
    await client.query(
      `INSERT INTO plm_mock.part_uses (parent_id, find_number, child_number, quantity, unit)
       SELECT p.id, c.find_number, c.child, c.quantity, 'ea'
         FROM unnest($1::bigint[]) p (id)
         CROSS JOIN unnest($2::text[], $3::numeric[], $4::int[]) c (child, quantity, find_number)`,
      [parts.rows.map((r) => r.id), BOM.map(([c]) => c), BOM.map(([, q]) => q), BOM.map((_, i) => (i + 1) * 10)],
    );

    // ERP (S/4HANA dialect): material, plant data, valuation, routing, BOM with items.
    await client.query(
      `INSERT INTO erp_mock.products (product, product_type, base_unit, description, created_at)
       SELECT n, 'FERT', 'PC', 'Synthetic pump ' || n, '2025-11-03T00:00:00Z' FROM unnest($1::text[]) n`,
      [numbers],
    );
    for (const [index, plant] of PLANTS.entries()) {
      const [currency, rate] = CURRENCY[plant];
      await client.query(
        `INSERT INTO erp_mock.product_plants (product, plant, procurement_type, revision_level) SELECT n, $2, 'E', 'A' FROM unnest($1::text[]) n`,
        [numbers, plant],
      );
      // The standard price is the material cost plus a conversion share (what a roll-up keeps).
      await client.query(
        `INSERT INTO erp_mock.product_valuations (product, valuation_area, standard_price, currency, conversion_cost)
         SELECT n, $2, round(m.material + $4::numeric * 25, 2), $3, round($4::numeric * 25, 2)
           FROM unnest($1::text[]) n,
                (SELECT sum(v.standard_price * c.quantity) AS material
                   FROM erp_mock.product_valuations v JOIN unnest($5::text[], $6::numeric[]) c (component, quantity) ON c.component = v.product
                  WHERE v.valuation_area = $2) m`,
        [numbers, plant, currency, rate, BOM.map(([c]) => c), BOM.map(([, q]) => q)],
      );
      await client.query(
        `INSERT INTO erp_mock.routing_operations (routing_group, material, plant, operation, work_center, operation_text, setup_minutes, run_minutes)
         SELECT (70000000 + $3 * 10000 + o)::text, n, $2, '0010', $2 || '-ASSY', 'Assembly', 20, 10
           FROM unnest($1::text[]) WITH ORDINALITY AS t (n, o)`,
        [numbers, plant, index + 1],
      );
      const boms = await client.query<{ id: string }>(
        `INSERT INTO erp_mock.material_boms (bill_of_material, material, plant, revision_level, base_unit, valid_from, valid_to)
         SELECT (80000000 + $3 * 10000 + o)::text, n, $2, 'A', 'PC', '2026-01-01T00:00:00Z', '9999-12-31T00:00:00Z'
           FROM unnest($1::text[]) WITH ORDINALITY AS t (n, o) RETURNING id`,
        [numbers, plant, index + 1],
      );
      await client.query(
        `INSERT INTO erp_mock.material_bom_items (bom_id, item_number, component, quantity, unit)
         SELECT b.id, lpad(c.item::text, 4, '0'), c.component, c.quantity, 'PC'
           FROM unnest($1::bigint[]) b (id)
           CROSS JOIN unnest($2::text[], $3::numeric[], $4::int[]) c (component, quantity, item)`,
        [boms.rows.map((r) => r.id), BOM.map(([c]) => c), BOM.map(([, q]) => q), BOM.map((_, i) => (i + 1) * 10)],
      );
    }

    // Scheduler (frePPLe dialect), per plant: item, routing with one step, the routing's materials.
    for (const plant of PLANTS) {
      await client.query(
        `INSERT INTO scheduler_mock.item (plant, name, description, category, type, uom, source)
         SELECT $2, n, 'Synthetic pump ' || n, 'make', 'make to stock', 'EA', 'initial-load' FROM unnest($1::text[]) n`,
        [numbers, plant],
      );
      await client.query(
        `INSERT INTO scheduler_mock.operation (plant, name, type, description, item, location, owner, priority, duration, duration_per, source)
         SELECT $2, n || ' @ ' || $2, 'routing', 'Routing of ' || n, n, $2, NULL, 1, 0, 0, 'initial-load' FROM unnest($1::text[]) n
         UNION ALL
         SELECT $2, n || ' @ ' || $2 || ' - 10 assembly', 'time_per', 'assembly', n, $2, n || ' @ ' || $2, 10, 1200, 600, 'initial-load'
           FROM unnest($1::text[]) n`,
        [numbers, plant],
      );
      await client.query(
        `INSERT INTO scheduler_mock.operationresource (plant, operation, resource, quantity, name, priority, search, source)
         SELECT $2, n || ' @ ' || $2 || ' - 10 assembly', $2 || '-ASSY', 1, 'ASSY', 1, 'PRIORITY', 'initial-load' FROM unnest($1::text[]) n`,
        [numbers, plant],
      );
      await client.query(
        `INSERT INTO scheduler_mock.operationmaterial (plant, operation, item, quantity, type, revision, source)
         SELECT $2, n || ' @ ' || $2, c.component, -c.quantity, 'start', 'A', 'initial-load'
           FROM unnest($1::text[]) n CROSS JOIN unnest($3::text[], $4::float8[]) c (component, quantity)
         UNION ALL
         SELECT $2, n || ' @ ' || $2, n, 1, 'end', 'A', 'initial-load' FROM unnest($1::text[]) n`,
        [numbers, plant, BOM.map(([c]) => c), BOM.map(([, q]) => q)],
      );
    }
    await client.query('COMMIT');
    return numbers;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
