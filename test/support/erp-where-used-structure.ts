import type { Client } from 'pg';

/**
 * A small multi-level structure written straight into the ERP mock's tables, for where-used tests:
 *
 *   P1:  WU-T1 <- WU-A1 (x3)        WU-T2 <- WU-M (x2) <- WU-A1 (x1)        WU-A2 (an end item)
 *        WU-A1 <- WU-C (x2), WU-D (x4)                                      WU-A2 <- WU-C (x1)
 *   P1, expired:  WU-OLD <- WU-C    P2:  WU-A1 <- WU-C (another plant)      WU-X: used nowhere
 *
 * WU-C: 5 paths (levels 1, 1, 2, 2, 3), assemblies A1, A2, M, T1, T2, end items A2, T1, T2.
 * WU-D: 4 paths (levels 1, 2, 2, 3), assemblies A1, M, T1, T2, end items T1, T2.
 */
export async function writeWhereUsedStructure(client: Client): Promise<void> {
  const materials = ['WU-C', 'WU-D', 'WU-X', 'WU-A1', 'WU-A2', 'WU-M', 'WU-T1', 'WU-T2', 'WU-OLD'];
  await client.query(
    `INSERT INTO erp_mock.products (product, product_type, base_unit, description) SELECT m, 'HALB', 'PC', 'Where-used test ' || m FROM unnest($1::text[]) m`,
    [materials],
  );
  await client.query(
    `INSERT INTO erp_mock.product_plants (product, plant, procurement_type, revision_level)
     SELECT m, p, 'E', 'A' FROM unnest($1::text[]) m CROSS JOIN (VALUES ('P1'), ('P2')) pl (p)`,
    [materials],
  );
  const boms: Array<[string, string, string, Array<[string, number]>]> = [
    ['WU-A1', 'P1', '9999-12-31', [['WU-C', 2], ['WU-D', 4]]],
    ['WU-A2', 'P1', '9999-12-31', [['WU-C', 1]]],
    ['WU-M', 'P1', '9999-12-31', [['WU-A1', 1]]],
    ['WU-T1', 'P1', '9999-12-31', [['WU-A1', 3]]],
    ['WU-T2', 'P1', '9999-12-31', [['WU-M', 2]]],
    ['WU-OLD', 'P1', '2026-02-01', [['WU-C', 1]]],
    ['WU-A1', 'P2', '9999-12-31', [['WU-C', 1]]],
  ];
  for (const [index, [material, plant, validTo, items]] of boms.entries()) {
    const [{ id }] = (
      await client.query(
        `INSERT INTO erp_mock.material_boms (bill_of_material, material, plant, revision_level, base_unit, valid_from, valid_to)
         VALUES ($1, $2, $3, 'A', 'PC', '2026-01-01T00:00:00Z', $4) RETURNING id`,
        [`8${String(index).padStart(7, '0')}`, material, plant, `${validTo}T00:00:00Z`],
      )
    ).rows as Array<{ id: string }>;
    for (const [n, [component, quantity]] of items.entries()) {
      await client.query(`INSERT INTO erp_mock.material_bom_items (bom_id, item_number, component, quantity, unit) VALUES ($1, $2, $3, $4, 'PC')`, [
        id,
        String((n + 1) * 10).padStart(4, '0'),
        component,
        quantity,
      ]);
    }
  }
}
