import { RunningApp } from '@threadline/platform';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { startTestIdp, TestIdp } from '../../../../test/support/idp';
import { startErpMock } from '../erp-mock.app';
import { ErpMockConfig } from '../erp-mock.config';

const ODATA = '/sap/opu/odata/sap';

/** The OData reader over the seeded demo world (real Postgres, real HTTP): value forms and $select. */
describe('erp-mock: OData v2 reads', () => {
  let db: TestDatabase;
  let idp: TestIdp;
  let mock: RunningApp;
  let token: string;

  const get = async (path: string, query: Record<string, string> = {}) => {
    const url = new URL(path, mock.url);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    return { status: response.status, body: (await response.json()) as any };
  };

  beforeAll(async () => {
    db = await createTestDatabase('erp_mock_odata');
    idp = await startTestIdp(db.url);
    mock = await startErpMock(Object.assign(new ErpMockConfig(), { port: 0, databaseUrl: db.url, jwksUrl: idp.jwksUrl, jwtIssuer: idp.issuer }));
    token = await idp.token('threadline-connector');
  });

  afterAll(async () => {
    await mock?.close();
    await idp?.close();
    await db?.drop();
  });

  it("writes an order's dates, times and change instant from the database's values, in SAP's forms", async () => {
    const { body } = await get(`${ODATA}/API_PRODUCTION_ORDER_2_SRV/A_ProductionOrder_2('2000001')`);
    const row = await db.withClient(async (client) => {
      const result = await client.query<{ planned_end: Date; created_at: Date; last_change_at: Date }>(
        "SELECT planned_end, created_at, last_change_at FROM erp_mock.production_orders WHERE manufacturing_order = '2000001'",
      );
      return result.rows[0];
    });
    const day = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(body.d).toMatchObject({
      MfgOrderPlannedEndDate: `/Date(${day(row.planned_end)})/`,
      MfgOrderPlannedEndTime: `PT${pad(row.planned_end.getUTCHours())}H${pad(row.planned_end.getUTCMinutes())}M${pad(row.planned_end.getUTCSeconds())}S`,
      MfgOrderCreationDate: `/Date(${day(row.created_at)})/`,
      LastChangeDateTime: `/Date(${row.last_change_at.getTime()}+0000)/`,
    });
  });

  it('answers only the properties named in $select, within an expansion too, and refuses unknown ones', async () => {
    const ORDERS = `${ODATA}/API_PRODUCTION_ORDER_2_SRV/A_ProductionOrder_2`;
    const filter = "ProductionPlant eq 'P1' and OrderIsDeleted eq false";
    const full = await get(ORDERS, { $filter: filter, $expand: 'to_ProductionOrderStatus', $inlinecount: 'allpages', $top: '1000' });
    const picked = await get(ORDERS, {
      $filter: filter,
      $expand: 'to_ProductionOrderStatus',
      $inlinecount: 'allpages',
      $top: '1000',
      $select: 'Material,MfgOrderPlannedStartDate,OrderIsLocked,to_ProductionOrderStatus/StatusCode',
    });
    expect(picked.status).toBe(200);
    expect(picked.body.d.__count).toBe(full.body.d.__count);
    expect(picked.body.d.results).toEqual(
      full.body.d.results.map((o: any) => ({
        __metadata: o.__metadata,
        Material: o.Material,
        MfgOrderPlannedStartDate: o.MfgOrderPlannedStartDate,
        OrderIsLocked: o.OrderIsLocked,
        to_ProductionOrderStatus: { results: o.to_ProductionOrderStatus.results.map((s: any) => ({ __metadata: s.__metadata, StatusCode: s.StatusCode })) },
      })),
    );
    // A navigation not named in $select is not answered; `*` is every property.
    const [first] = (await get(ORDERS, { $filter: filter, $top: '1', $expand: 'to_ProductionOrderStatus', $select: 'ManufacturingOrder' })).body.d.results;
    expect(Object.keys(first)).toEqual(['__metadata', 'ManufacturingOrder']);
    const star = await get(`${ORDERS}('${first.ManufacturingOrder}')`, { $select: '*' });
    expect(star.body.d).toEqual((await get(`${ORDERS}('${first.ManufacturingOrder}')`)).body.d);
    const unknown = await get(ORDERS, { $select: 'Material,Colour' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message.value).toContain("Property 'Colour' not found");
  });
});
