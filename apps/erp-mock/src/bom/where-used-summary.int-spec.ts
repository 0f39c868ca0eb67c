import { RunningApp } from '@threadline/platform';
import { writeWhereUsedStructure } from '../../../../test/support/erp-where-used-structure';
import { startTestIdp, TestIdp } from '../../../../test/support/idp';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { startErpMock } from '../erp-mock.app';
import { ErpMockConfig } from '../erp-mock.config';

const BOM_SRV = '/sap/opu/odata/sap/API_BILL_OF_MATERIAL_SRV;v=0002';

/** The mock's where-used totals and paths of several materials, computed in SQL (real Postgres, real HTTP). */
describe('erp-mock: MaterialWhereUsedSummary and MaterialWhereUsedPaths', () => {
  let db: TestDatabase;
  let idp: TestIdp;
  let mock: RunningApp;
  let token: string;

  const get = async (resource: string, query: Record<string, string>) => {
    const url = new URL(`${BOM_SRV}/${resource}`, mock.url);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    return { status: response.status, body: (await response.json()) as any };
  };
  const paths = (body: any) => body.d.results.map((r: any) => [r.WhereUsedLevel, r.WhereUsedPath]);

  beforeAll(async () => {
    db = await createTestDatabase('erp_mock_where_used');
    idp = await startTestIdp(db.url);
    mock = await startErpMock(Object.assign(new ErpMockConfig(), { port: 0, databaseUrl: db.url, jwksUrl: idp.jwksUrl, jwtIssuer: idp.issuer }));
    token = await idp.token('threadline-connector');
    await db.withClient(writeWhereUsedStructure);
  });

  afterAll(async () => {
    await mock?.close();
    await idp?.close();
    await db?.drop();
  });

  it('totals each material in the order given: paths, assemblies, end items, deepest level; only valid BOMs of the plant count', async () => {
    const { status, body } = await get('MaterialWhereUsedSummary', { Materials: "'WU-X,WU-C,WU-D'", Plant: "'P1'", ValidityDate: "datetime'2026-06-01T00:00:00'" });
    expect(status).toBe(200);
    expect(body.d.results.map((r: any) => [r.Material, r.PathCount, r.AssemblyCount, r.TopLevelAssemblyCount, r.DeepestLevel])).toEqual([
      ['WU-X', 0, 0, 0, 0],
      ['WU-C', 5, 5, 3, 3],
      ['WU-D', 4, 4, 2, 3],
    ]);
    expect(body.d.results.map((r: any) => r.to_NearestPath.results)).toEqual([[], [], []]);
    // On a date the expired version was valid, it is one more path and one more end item of WU-C.
    const earlier = await get('MaterialWhereUsedSummary', { Materials: "'WU-C'", Plant: "'P1'", ValidityDate: "datetime'2026-01-15T00:00:00'" });
    expect(earlier.body.d.results.map((r: any) => [r.PathCount, r.TopLevelAssemblyCount])).toEqual([[6, 4]]);
  });

  it('counts no end item in a cycle: an assembly whose only user is already on its path is still used', async () => {
    // P2: WU-Y1 holds WU-Z and WU-Y2, WU-Y2 holds WU-Y1; the walk from WU-Z stops at WU-Y2.
    await db.withClient(async (client) => {
      await client.query(`INSERT INTO erp_mock.products (product, product_type, base_unit, description) SELECT m, 'HALB', 'PC', m FROM unnest($1::text[]) m`, [['WU-Z', 'WU-Y1', 'WU-Y2']]);
      await client.query(`INSERT INTO erp_mock.product_plants (product, plant, procurement_type, revision_level) SELECT m, 'P2', 'E', 'A' FROM unnest($1::text[]) m`, [['WU-Z', 'WU-Y1', 'WU-Y2']]);
      for (const [number, material, components] of [['70000001', 'WU-Y1', ['WU-Z', 'WU-Y2']], ['70000002', 'WU-Y2', ['WU-Y1']]] as const) {
        const { rows } = await client.query(
          `INSERT INTO erp_mock.material_boms (bill_of_material, material, plant, revision_level, base_unit, valid_from, valid_to)
           VALUES ($1, $2, 'P2', 'A', 'PC', '2026-01-01T00:00:00Z', '9999-12-31T00:00:00Z') RETURNING id`,
          [number, material],
        );
        for (const [n, component] of components.entries()) {
          await client.query(`INSERT INTO erp_mock.material_bom_items (bom_id, item_number, component, quantity, unit) VALUES ($1, $2, $3, 1, 'PC')`, [rows[0].id, `00${n + 1}0`, component]);
        }
      }
    });
    const { body } = await get('MaterialWhereUsedSummary', { Materials: "'WU-Z'", Plant: "'P2'", ValidityDate: "datetime'2026-06-01T00:00:00'", NearestPaths: '5' });
    expect(body.d.results.map((r: any) => [r.PathCount, r.AssemblyCount, r.TopLevelAssemblyCount, r.DeepestLevel, paths({ d: r.to_NearestPath })])).toEqual([
      [2, 2, 0, 2, [[1, 'WU-Z/WU-Y1'], [2, 'WU-Z/WU-Y1/WU-Y2']]],
    ]);
  });

  it("lists each material's nearest paths (NearestPaths=N) beside its totals, from the same walk", async () => {
    const { body } = await get('MaterialWhereUsedSummary', { Materials: "'WU-C,WU-D'", Plant: "'P1'", NearestPaths: '3' });
    expect(body.d.results.map((r: any) => [r.Material, r.PathCount, paths({ d: r.to_NearestPath })])).toEqual([
      ['WU-C', 5, [[1, 'WU-C/WU-A1'], [1, 'WU-C/WU-A2'], [2, 'WU-C/WU-A1/WU-M']]],
      ['WU-D', 4, [[1, 'WU-D/WU-A1'], [2, 'WU-D/WU-A1/WU-M'], [2, 'WU-D/WU-A1/WU-T1']]],
    ]);
    expect(body.d.results[0].to_NearestPath.results[0]).toMatchObject({ Material: 'WU-A1', BillOfMaterialComponent: 'WU-C', ComponentQuantityInParent: '2.000' });
    const bad = await get('MaterialWhereUsedSummary', { Materials: "'WU-C'", Plant: "'P1'", NearestPaths: '1001' });
    expect([bad.status, bad.body.error.code]).toEqual([400, '/IWBEP/CM_MGW_RT/022']);
  });

  it('pages the paths of several materials nearest first (level, then path) with $top/$skip and counts them all', async () => {
    const query = { Materials: "'WU-C,WU-D'", Plant: "'P1'", $inlinecount: 'allpages', $top: '4' };
    const first = await get('MaterialWhereUsedPaths', query);
    expect(first.status).toBe(200);
    expect(first.body.d.__count).toBe('9');
    expect(paths(first.body)).toEqual([
      [1, 'WU-C/WU-A1'],
      [1, 'WU-C/WU-A2'],
      [1, 'WU-D/WU-A1'],
      [2, 'WU-C/WU-A1/WU-M'],
    ]);
    const rest = await get('MaterialWhereUsedPaths', { ...query, $skip: '4', $top: '10' });
    expect(paths(rest.body)).toEqual([
      [2, 'WU-C/WU-A1/WU-T1'],
      [2, 'WU-D/WU-A1/WU-M'],
      [2, 'WU-D/WU-A1/WU-T1'],
      [3, 'WU-C/WU-A1/WU-M/WU-T2'],
      [3, 'WU-D/WU-A1/WU-M/WU-T2'],
    ]);
    expect(rest.body.d.results[3]).toMatchObject({ Material: 'WU-T2', BillOfMaterialComponent: 'WU-C', BOMHeaderRevisionLevel: 'A', ComponentQuantityInParent: '4.000' });
    const beyond = await get('MaterialWhereUsedPaths', { ...query, $skip: '20' });
    expect([beyond.body.d.__count, beyond.body.d.results]).toEqual(['9', []]);
  });

  it('answers the same paths as MaterialWhereUsed, one material at a time', async () => {
    const single = await get('MaterialWhereUsed', { Material: "'WU-C'", Plant: "'P1'" });
    const many = await get('MaterialWhereUsedPaths', { Materials: "'WU-C'", Plant: "'P1'" });
    const key = (r: any) => `${r.WhereUsedLevel} ${r.WhereUsedPath} ${r.ComponentQuantityInParent} ${r.BOMHeaderRevisionLevel}`;
    expect(many.body.d.results.map(key).sort()).toEqual(single.body.d.results.map(key).sort());
    expect(many.body.d.results).toHaveLength(5);
  });

  it('refuses a missing Plant, an empty entry and more than 100 materials (400, SAP form)', async () => {
    const missing = await get('MaterialWhereUsedSummary', { Materials: "'WU-C'" });
    expect([missing.status, missing.body.error.code]).toEqual([400, '/IWBEP/CM_MGW_RT/025']);
    const empty = await get('MaterialWhereUsedPaths', { Materials: "'WU-C,'", Plant: "'P1'" });
    expect([empty.status, empty.body.error.code]).toEqual([400, '/IWBEP/CM_MGW_RT/022']);
    const many = Array.from({ length: 101 }, (_, i) => `M-${i}`).join(',');
    const tooMany = await get('MaterialWhereUsedSummary', { Materials: `'${many}'`, Plant: "'P1'" });
    expect([tooMany.status, tooMany.body.error.code]).toEqual([400, '/IWBEP/CM_MGW_RT/022']);
  });
});
