import type { WhereUsedSummaryDto } from '@threadline/canonical';
import { writeWhereUsedStructure } from '../../../../test/support/erp-where-used-structure';
import { startSystemApiUnderTest, SystemApiUnderTest } from '../../../../test/support/system-api';

/** GET /v1/plants/{plant}/where-used-summary over the S/4HANA mock (real Postgres, real HTTP). */
describe('erp-system-api: where-used summary', () => {
  let t: SystemApiUnderTest<'erp'>;
  let token: string;

  const get = async <T = any>(path: string) => {
    const response = await fetch(new URL(path, t.api.url), { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as T };
  };
  const bomRows = () => t.db.withClient(async (c) => (await c.query('SELECT count(*)::int AS n FROM erp_mock.material_bom_items')).rows[0].n as number);

  beforeAll(async () => {
    t = await startSystemApiUnderTest('erp', { label: 'erp_api_where_used', api: { feedPolling: false } });
    token = await t.idp.token('threadline-process');
    await t.db.withClient(writeWhereUsedStructure);
  });

  afterAll(() => t?.close());

  it('totals each item over a multi-level BOM in the order asked, with the first page of all their paths nearest first', async () => {
    const { status, body } = await get<WhereUsedSummaryDto>('/v1/plants/P1/where-used-summary?items=WU-D,WU-C,WU-X&limit=4&at=2026-06-01T00:00:00.000Z');
    expect(status).toBe(200);
    expect(body.plant).toBe('P1');
    expect(body.at).toBe('2026-06-01T00:00:00.000Z');
    expect(body.items).toEqual([
      { itemNumber: 'WU-D', paths: 4, assemblies: 4, topLevelAssemblies: 2, deepestLevel: 3 },
      { itemNumber: 'WU-C', paths: 5, assemblies: 5, topLevelAssemblies: 3, deepestLevel: 3 },
      { itemNumber: 'WU-X', paths: 0, assemblies: 0, topLevelAssemblies: 0, deepestLevel: 0 },
    ]);
    expect(body.paths.total).toBe(9);
    expect(body.paths.items).toEqual([
      { parentItemNumber: 'WU-A1', parentRevision: 'A', level: 1, quantityPer: 2, path: ['WU-C', 'WU-A1'] },
      { parentItemNumber: 'WU-A2', parentRevision: 'A', level: 1, quantityPer: 1, path: ['WU-C', 'WU-A2'] },
      { parentItemNumber: 'WU-A1', parentRevision: 'A', level: 1, quantityPer: 4, path: ['WU-D', 'WU-A1'] },
      { parentItemNumber: 'WU-M', parentRevision: 'A', level: 2, quantityPer: 2, path: ['WU-C', 'WU-A1', 'WU-M'] },
    ]);
    expect(body.paths.nextCursor).toEqual(expect.any(String));
  });

  it('pages the paths with the cursor to the end, the total on every page, the same paths as the per-item where-used', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `items=WU-C,WU-D&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const { status, body } = await get<WhereUsedSummaryDto>(`/v1/plants/P1/where-used-summary?${query}`);
      expect(status).toBe(200);
      expect(body.paths.total).toBe(9);
      seen.push(...body.paths.items.map((p) => p.path.join('/')));
      cursor = body.paths.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(5);
    const perItem = [...(await get('/v1/plants/P1/items/WU-C/where-used')).body, ...(await get('/v1/plants/P1/items/WU-D/where-used')).body];
    expect([...seen].sort()).toEqual(perItem.map((p: any) => p.path.join('/')).sort());
    expect(seen.slice(-2)).toEqual(['WU-C/WU-A1/WU-M/WU-T2', 'WU-D/WU-A1/WU-M/WU-T2']);
    // A page beyond the first 1000 paths is read as a page of its own from ERP: here past the end.
    const deep = Buffer.from(JSON.stringify({ skip: 999 })).toString('base64url');
    const beyond = await get<WhereUsedSummaryDto>(`/v1/plants/P1/where-used-summary?items=WU-C,WU-D&limit=2&cursor=${deep}`);
    expect([beyond.status, beyond.body.paths, beyond.body.items.map((i) => i.paths)]).toEqual([200, { items: [], nextCursor: null, total: 9 }, [5, 4]]);
    // Another plant's BOMs are its own.
    const p2 = await get<WhereUsedSummaryDto>('/v1/plants/P2/where-used-summary?items=WU-C');
    expect([p2.body.items[0].paths, p2.body.paths.items.map((p) => p.path.join('/'))]).toEqual([1, ['WU-C/WU-A1']]);
  });

  it('refuses bad input with a specific problem+json code, changing nothing', async () => {
    const before = await bomRows();
    const many = Array.from({ length: 101 }, (_, i) => `M-${i}`).join(',');
    const tooMany = await get(`/v1/plants/P1/where-used-summary?items=${many}`);
    expect([tooMany.status, tooMany.type?.split(';')[0], tooMany.body.code]).toEqual([400, 'application/problem+json', 'ITEM_LIST_TOO_LONG']);
    const missing = await get('/v1/plants/P1/where-used-summary');
    expect([missing.status, missing.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const malformed = await get("/v1/plants/P1/where-used-summary?items=WU-C,x'y");
    expect([malformed.status, malformed.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const twice = await get('/v1/plants/P1/where-used-summary?items=WU-C,WU-C');
    expect([twice.status, twice.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const cursor = await get('/v1/plants/P1/where-used-summary?items=WU-C&cursor=bm90LW91cnM');
    expect([cursor.status, cursor.body.code]).toEqual([400, 'INVALID_CURSOR']);
    expect(await bomRows()).toBe(before);
  });
});
