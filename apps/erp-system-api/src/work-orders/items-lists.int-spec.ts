import type { InventoryPositionDto, PurchaseOrderDto, WorkOrderDto } from '@threadline/canonical';
import { startSystemApiUnderTest, SystemApiUnderTest } from '../../../../test/support/system-api';

/**
 * The several-items lists an impact reads per plant (open work orders, stock, open purchase orders)
 * over the S/4HANA mock (real Postgres, real HTTP): one call for many items, with their total,
 * the same entries as the one-item lists.
 */
describe('erp-system-api: open work orders, stock and open purchase orders of several items', () => {
  let t: SystemApiUnderTest<'erp'>;
  let token: string;

  const get = async <T = any>(path: string) => {
    const response = await fetch(new URL(path, t.api.url), { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as T };
  };
  const OPEN_WORK_ORDER = ['CREATED', 'RELEASED', 'IN_PROGRESS', 'ON_HOLD'];
  const OPEN_PURCHASE_ORDER = ['OPEN', 'PARTIALLY_RECEIVED'];
  /** Every entry of a one-item list (the oracle), page after page. */
  const oneItem = async <T>(path: string): Promise<T[]> => {
    const all: T[] = [];
    let cursor: string | null = null;
    do {
      const { body }: { body: { items: T[]; nextCursor: string | null } } = await get(`${path}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      all.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor);
    return all;
  };
  const rowCounts = () =>
    t.db.withClient(async (c) =>
      (
        await c.query(
          `SELECT (SELECT count(*) FROM erp_mock.production_orders)::int AS orders, (SELECT count(*) FROM erp_mock.stock)::int AS stock,
                  (SELECT count(*) FROM erp_mock.purchase_order_items)::int AS po_items`,
        )
      ).rows[0],
    );

  beforeAll(async () => {
    t = await startSystemApiUnderTest('erp', { label: 'erp_api_items_lists', api: { feedPolling: false } });
    token = await t.idp.token('threadline-process');
    await t.db.withClient(async (c) => {
      // Beside the demo order book: orders of PUMP-100 in P1 that are closed, deleted (neither open) and locked (open, ON_HOLD).
      await c.query(`
        INSERT INTO erp_mock.production_orders (manufacturing_order, material, plant, revision_level, total_quantity, unit, planned_start, planned_end, is_released, is_closed, is_deleted, is_locked)
        VALUES ('9100001', 'PUMP-100', 'P1', 'A', 5, 'PC', now(), now() + interval '1 day', true, true, false, false),
               ('9100002', 'PUMP-100', 'P1', 'A', 6, 'PC', now(), now() + interval '1 day', false, false, true, false),
               ('9100003', 'PUMP-100', 'P1', 'B', 7, 'PC', now(), now() + interval '1 day', true, false, false, true)`);
      // One order with lines of two items: SEAL-200's open, BOLT-M8's delivered; and a deleted order of SEAL-200.
      await c.query(`
        INSERT INTO erp_mock.purchase_orders (purchase_order, company_code, supplier, order_date, currency, deletion_code)
        VALUES ('4500009001', '1000', '17300001', now(), 'EUR', ''), ('4500009002', '1000', '17300001', now(), 'EUR', 'L')`);
      await c.query(`
        INSERT INTO erp_mock.purchase_order_items (purchase_order, item, material, plant, quantity, unit, net_price, is_completely_delivered)
        VALUES ('4500009001', '00010', 'SEAL-200', 'P1', 100, 'PC', 4.1, false), ('4500009001', '00020', 'BOLT-M8', 'P1', 300, 'PC', 2.4, true),
               ('4500009002', '00010', 'SEAL-200', 'P1', 50, 'PC', 4.1, false)`);
      await c.query(`
        INSERT INTO erp_mock.purchase_order_schedule_lines (purchase_order, item, schedule_line, delivery_date, quantity, received_quantity)
        VALUES ('4500009001', '00010', '0001', now() + interval '9 days', 100, 0), ('4500009001', '00020', '0001', now() - interval '1 day', 300, 300),
               ('4500009002', '00010', '0001', now() + interval '9 days', 50, 0)`);
    });
  });

  afterAll(() => t?.close());

  it('lists the open work orders of several items in one call, with the revision each builds and their total, as the one-item lists do', async () => {
    const { status, body } = await get<{ items: WorkOrderDto[]; nextCursor: string | null; total: number }>('/v1/plants/P1/open-work-orders?items=PUMP-100,VALVE-300&limit=1000');
    expect(status).toBe(200);
    const expected = [...(await oneItem<WorkOrderDto>('/v1/plants/P1/work-orders?itemNumber=PUMP-100')), ...(await oneItem<WorkOrderDto>('/v1/plants/P1/work-orders?itemNumber=VALVE-300'))]
      .filter((wo) => OPEN_WORK_ORDER.includes(wo.status))
      .sort((a, b) => a.number.localeCompare(b.number));
    expect(new Set(expected.map((wo) => wo.itemNumber))).toEqual(new Set(['PUMP-100', 'VALVE-300']));
    expect(body.items).toEqual(expected);
    expect([body.total, body.nextCursor]).toEqual([expected.length, null]);
    // The locked order is open (ON_HOLD) and builds revision B; the closed and the deleted are not listed.
    expect(body.items.find((wo) => wo.number === '9100003')).toMatchObject({ status: 'ON_HOLD', revision: 'B', itemNumber: 'PUMP-100' });
    expect(body.items.map((wo) => wo.number)).not.toEqual(expect.arrayContaining(['9100001']));
    expect(body.items.map((wo) => wo.number)).not.toEqual(expect.arrayContaining(['9100002']));
  });

  it('pages with the cursor to the end, the total on every page', async () => {
    const seen: string[] = [];
    const totals = new Set<number>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { status, body }: { status: number; body: { items: WorkOrderDto[]; nextCursor: string | null; total: number } } = await get(
        `/v1/plants/P1/open-work-orders?items=PUMP-100,VALVE-300&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(status).toBe(200);
      expect(body.items.length).toBeLessThanOrEqual(2);
      totals.add(body.total);
      seen.push(...body.items.map((wo) => wo.number));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    const all = await get<{ items: WorkOrderDto[]; total: number }>('/v1/plants/P1/open-work-orders?items=PUMP-100,VALVE-300&limit=1000');
    expect([...totals]).toEqual([all.body.total]);
    expect(seen).toEqual(all.body.items.map((wo) => wo.number));
    expect(pages).toBe(Math.ceil(all.body.total / 2));
    // Stock pages the same way.
    const first = await get<{ items: InventoryPositionDto[]; nextCursor: string | null; total: number }>('/v1/plants/P1/item-inventory?items=SEAL-200,BOLT-M8&limit=2');
    const second = await get<{ items: InventoryPositionDto[]; nextCursor: string | null; total: number }>(
      `/v1/plants/P1/item-inventory?items=SEAL-200,BOLT-M8&limit=2&cursor=${encodeURIComponent(first.body.nextCursor!)}`,
    );
    expect([first.body.items.length, first.body.total, second.body.items.length, second.body.total, second.body.nextCursor]).toEqual([2, 3, 1, 3, null]);
  });

  it("lists several items' stock in one call, as the one-item lists do", async () => {
    const { status, body } = await get<{ items: InventoryPositionDto[]; nextCursor: string | null; total: number }>('/v1/plants/P1/item-inventory?items=SEAL-200,BOLT-M8');
    expect(status).toBe(200);
    const expected = [...(await oneItem<InventoryPositionDto>('/v1/plants/P1/inventory?itemNumber=SEAL-200')), ...(await oneItem<InventoryPositionDto>('/v1/plants/P1/inventory?itemNumber=BOLT-M8'))];
    expect(body.items).toEqual(expect.arrayContaining(expected));
    expect([body.items.length, body.total, body.nextCursor]).toEqual([3, 3, null]);
    expect(body.items.some((p) => p.itemNumber === 'SEAL-210')).toBe(false);
  });

  it('lists the open purchase orders of several items, one entry per order and item with its own status, as the one-item lists do', async () => {
    const { status, body } = await get<{ items: PurchaseOrderDto[]; nextCursor: string | null; total: number }>('/v1/plants/P1/open-purchase-orders?items=SEAL-200,BOLT-M8');
    expect(status).toBe(200);
    const expected = [...(await oneItem<PurchaseOrderDto>('/v1/plants/P1/purchase-orders?itemNumber=SEAL-200')), ...(await oneItem<PurchaseOrderDto>('/v1/plants/P1/purchase-orders?itemNumber=BOLT-M8'))]
      .filter((po) => OPEN_PURCHASE_ORDER.includes(po.status))
      .sort((a, b) => a.number.localeCompare(b.number));
    expect(body.items).toEqual(expected);
    // 4500009001's SEAL-200 line is open, its BOLT-M8 line delivered (that entry RECEIVED, left out); 4500009002 is deleted.
    expect(body.items.map((po) => [po.number, po.status, po.lines.map((l) => l.itemNumber)])).toEqual([
      ['4500000002', 'PARTIALLY_RECEIVED', ['SEAL-200']],
      ['4500009001', 'OPEN', ['SEAL-200']],
    ]);
    expect([body.total, body.nextCursor]).toEqual([2, null]);
    const paged = await get<{ items: PurchaseOrderDto[]; nextCursor: string | null; total: number }>('/v1/plants/P1/open-purchase-orders?items=SEAL-200,BOLT-M8&limit=1');
    const rest = await get<{ items: PurchaseOrderDto[]; nextCursor: string | null; total: number }>(
      `/v1/plants/P1/open-purchase-orders?items=SEAL-200,BOLT-M8&limit=1&cursor=${encodeURIComponent(paged.body.nextCursor!)}`,
    );
    expect([paged.body.items[0].number, paged.body.total, rest.body.items[0].number, rest.body.total, rest.body.nextCursor]).toEqual(['4500000002', 2, '4500009001', 2, null]);
  });

  it('refuses bad input with a specific problem+json code, changing nothing', async () => {
    const before = await rowCounts();
    const many = Array.from({ length: 101 }, (_, i) => `M-${i}`).join(',');
    for (const path of ['open-work-orders', 'item-inventory', 'open-purchase-orders']) {
      const tooMany = await get(`/v1/plants/P1/${path}?items=${many}`);
      expect([path, tooMany.status, tooMany.type?.split(';')[0], tooMany.body.code]).toEqual([path, 400, 'application/problem+json', 'ITEM_LIST_TOO_LONG']);
      const missing = await get(`/v1/plants/P1/${path}`);
      expect([path, missing.status, missing.body.code]).toEqual([path, 400, 'VALIDATION_FAILED']);
      const twice = await get(`/v1/plants/P1/${path}?items=SEAL-200,SEAL-200`);
      expect([path, twice.status, twice.body.code]).toEqual([path, 400, 'VALIDATION_FAILED']);
      const quote = await get(`/v1/plants/P1/${path}?items=SEAL-200,x'y`);
      expect([path, quote.status, quote.body.code]).toEqual([path, 400, 'VALIDATION_FAILED']);
      const bigPage = await get(`/v1/plants/P1/${path}?items=SEAL-200&limit=1001`);
      expect([path, bigPage.status, bigPage.body.code]).toEqual([path, 400, 'VALIDATION_FAILED']);
      const cursor = await get(`/v1/plants/P1/${path}?items=SEAL-200&cursor=bm90LWEtY3Vyc29y`);
      expect([path, cursor.status, cursor.body.code]).toEqual([path, 400, 'INVALID_CURSOR']);
    }
    // 100 distinct items is within the bound: one call, answered.
    const hundred = await get(`/v1/plants/P1/open-work-orders?items=${Array.from({ length: 99 }, (_, i) => `M-${i}`).join(',')},PUMP-100&limit=1000`);
    expect([hundred.status, hundred.body.items.length > 0]).toEqual([200, true]);
    expect(await rowCounts()).toEqual(before);
  });
});
