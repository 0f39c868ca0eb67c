import { RunningApp } from '@threadline/platform';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { call as httpCall } from '../../../test/support/http';
import { startTestIdp, TestIdp } from '../../../test/support/idp';
import { startErpMock } from './erp-mock.app';
import { ErpMockConfig } from './erp-mock.config';

const ODATA = '/sap/opu/odata/sap';
const BOM_SRV = `${ODATA}/API_BILL_OF_MATERIAL_SRV;v=0002`;

describe('erp-mock: simulated S/4HANA OData v2 (real Postgres, real HTTP)', () => {
  let db: TestDatabase;
  let idp: TestIdp;
  let mock: RunningApp;
  let token: string;
  let config: ErpMockConfig;

  const get = async (path: string, query: Record<string, string> = {}, bearer = token) => {
    const url = new URL(path, mock.url);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const response = await fetch(url, { headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' } });
    return { status: response.status, body: (await response.json()) as any };
  };

  const post = async (path: string, body: unknown) => {
    const response = await fetch(new URL(path, mock.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as any };
  };

  const bomPayload = (overrides: Record<string, unknown> = {}) => ({
    Material: 'VALVE-300',
    Plant: 'P3',
    BillOfMaterialVariant: '1',
    EngineeringChangeDocument: 'ECN-000777',
    BOMHeaderRevisionLevel: 'B',
    ValidityStartDate: `/Date(${Date.UTC(2026, 1, 1)})/`,
    to_BillOfMaterialItem: {
      results: [
        { BillOfMaterialItemNumber: '0010', BillOfMaterialComponent: 'BODY-310', BillOfMaterialItemQuantity: '1.000', BillOfMaterialItemUnit: 'PC' },
        { BillOfMaterialItemNumber: '0020', BillOfMaterialComponent: 'SEAL-210', BillOfMaterialItemQuantity: '1.000', BillOfMaterialItemUnit: 'PC' },
      ],
    },
    ...overrides,
  });

  beforeAll(async () => {
    db = await createTestDatabase('erp_mock');
    idp = await startTestIdp(db.url);
    config = Object.assign(new ErpMockConfig(), { port: 0, databaseUrl: db.url, jwksUrl: idp.jwksUrl, jwtIssuer: idp.issuer });
    mock = await startErpMock(config);
    token = await idp.token('threadline-connector');
  });

  afterAll(async () => {
    await mock?.close();
    await idp?.close();
    await db?.drop();
  });

  it('serves the seeded plants as an OData v2 collection with __metadata', async () => {
    const { status, body } = await get(`${ODATA}/API_PLANT_SRV/A_Plant`);
    expect(status).toBe(200);
    expect(body.d.results.map((p: any) => [p.Plant, p.PlantName, p.TimeZone])).toEqual([
      ['P1', 'Leipzig', 'Europe/Berlin'],
      ['P2', 'Brno', 'Europe/Prague'],
      ['P3', 'Monterrey', 'America/Monterrey'],
    ]);
    expect(body.d.results[0].__metadata).toEqual({
      id: `${mock.url}${ODATA}/API_PLANT_SRV/A_Plant('P1')`,
      uri: `${mock.url}${ODATA}/API_PLANT_SRV/A_Plant('P1')`,
      type: 'API_PLANT_SRV.A_PlantType',
    });
  });

  it('reads one product by key with $expand, decimals as strings and revision on the plant record', async () => {
    const { status, body } = await get(`${ODATA}/API_PRODUCT_SRV/A_Product('PUMP-100')`, { $expand: 'to_Description,to_Plant,to_Valuation' });
    expect(status).toBe(200);
    expect(body.d).toMatchObject({ Product: 'PUMP-100', ProductType: 'FERT', BaseUnit: 'PC' });
    expect(body.d.to_Description.results[0]).toMatchObject({ Language: 'EN', ProductDescription: 'Centrifugal pump assembly' });
    const p1 = body.d.to_Plant.results.find((p: any) => p.Plant === 'P1');
    expect(p1).toMatchObject({ ProcurementType: 'E', MaterialRevisionLevel: 'A' });
    const valuation = body.d.to_Valuation.results.find((v: any) => v.ValuationArea === 'P1');
    expect(valuation).toMatchObject({ StandardPrice: '412.50', Currency: 'EUR' });
  });

  it('filters with eq/and, pages with $top/$skip and counts with $inlinecount=allpages', async () => {
    const filter = "ProductionPlant eq 'P2' and Material eq 'PUMP-100'";
    const first = await get(`${ODATA}/API_PRODUCTION_ORDER_2_SRV/A_ProductionOrder_2`, { $filter: filter, $top: '3', $inlinecount: 'allpages' });
    expect(first.status).toBe(200);
    expect(first.body.d.__count).toBe('4');
    expect(first.body.d.results).toHaveLength(3);
    expect(first.body.d.results.every((o: any) => o.ProductionPlant === 'P2' && o.Material === 'PUMP-100')).toBe(true);
    expect(first.body.d.results[0].MfgOrderPlannedStartDate).toMatch(/^\/Date\(\d+\)\/$/);
    expect(first.body.d.results[0].MfgOrderPlannedStartTime).toBe('PT06H00M00S');
    const second = await get(`${ODATA}/API_PRODUCTION_ORDER_2_SRV/A_ProductionOrder_2`, { $filter: filter, $top: '3', $skip: '3' });
    expect(second.body.d.results).toHaveLength(1);
    const numbers = [...first.body.d.results, ...second.body.d.results].map((o: any) => o.ManufacturingOrder);
    expect(new Set(numbers).size).toBe(4);
  });

  it('seeds stock of SEAL-200 in every plant and an open purchase order for it at P2', async () => {
    const stock = await get(`${ODATA}/API_MATERIAL_STOCK_SRV/A_MatlStkInAcctMod`, { $filter: "Material eq 'SEAL-200' and InventoryStockType eq '01'" });
    expect(new Set(stock.body.d.results.map((s: any) => s.Plant))).toEqual(new Set(['P1', 'P2', 'P3']));
    const items = await get(`${ODATA}/API_PURCHASEORDER_PROCESS_SRV/A_PurchaseOrderItem`, {
      $filter: "Plant eq 'P2' and Material eq 'SEAL-200'",
      $expand: 'to_PurchaseOrder,to_ScheduleLine',
    });
    expect(items.body.d.results).toHaveLength(1);
    expect(items.body.d.results[0]).toMatchObject({ OrderQuantity: '500.000', IsCompletelyDelivered: false });
    expect(items.body.d.results[0].to_PurchaseOrder).toMatchObject({ Supplier: '17300001', PurchasingDocumentDeletionCode: '' });
    expect(items.body.d.results[0].to_ScheduleLine.results[0].RoughGoodsReceiptQty).toBe('0.000');
  });

  it("answers errors in SAP Gateway's format with a proper status", async () => {
    const missing = await get(`${ODATA}/API_PRODUCT_SRV/A_Product('NOPE-1')`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('/IWBEP/CM_MGW_RT/021');
    expect(missing.body.error.message).toEqual({ lang: 'en', value: expect.stringContaining('NOPE-1') });
    const badFilter = await get(`${ODATA}/API_PRODUCT_SRV/A_Product`, { $filter: "Colour eq 'red'" });
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.error.message.value).toContain('Colour');
  });

  it('refuses a token without mock:access, in SAP form', async () => {
    const { status, body } = await get(`${ODATA}/API_PLANT_SRV/A_Plant`, {}, await idp.token('dashboard'));
    expect(status).toBe(403);
    expect(body.error.message.lang).toBe('en');
  });

  it('creates a BOM version by deep insert, closes the previous one and moves the revision level', async () => {
    const created = await post(`${BOM_SRV}/MaterialBOM`, bomPayload());
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toContain("EngineeringChangeDocument='ECN-000777'");
    expect(created.body.d).toMatchObject({ Material: 'VALVE-300', Plant: 'P3', BOMHeaderRevisionLevel: 'B', EngineeringChangeDocument: 'ECN-000777' });
    expect(created.body.d.to_BillOfMaterialItem.results.map((i: any) => i.BillOfMaterialComponent)).toEqual(['BODY-310', 'SEAL-210']);

    const versions = await get(`${BOM_SRV}/MaterialBOM`, { $filter: "Material eq 'VALVE-300' and Plant eq 'P3'", $orderby: 'ValidityStartDate' });
    expect(versions.body.d.results.map((b: any) => [b.BOMHeaderRevisionLevel, b.ValidityStartDate, b.ValidityEndDate])).toEqual([
      ['A', `/Date(${Date.UTC(2026, 0, 1)})/`, `/Date(${Date.UTC(2026, 1, 1)})/`],
      ['B', `/Date(${Date.UTC(2026, 1, 1)})/`, `/Date(${Date.UTC(9999, 11, 31)})/`],
    ]);
    const plant = await get(`${ODATA}/API_PRODUCT_SRV/A_ProductPlant(Product='VALVE-300',Plant='P3')`);
    expect(plant.body.d.MaterialRevisionLevel).toBe('B');
    const otherPlant = await get(`${ODATA}/API_PRODUCT_SRV/A_ProductPlant(Product='VALVE-300',Plant='P1')`);
    expect(otherPlant.body.d.MaterialRevisionLevel).toBe('A');
  });

  it('keeps the current revision level for a BOM valid in the future and records the future one', async () => {
    const future = Date.UTC(new Date().getUTCFullYear() + 1, 5, 1);
    const created = await post(
      `${BOM_SRV}/MaterialBOM`,
      bomPayload({ Material: 'VALVE-300', Plant: 'P2', EngineeringChangeDocument: 'ECN-000778', ValidityStartDate: `/Date(${future})/` }),
    );
    expect(created.status).toBe(201);
    const plant = await get(`${ODATA}/API_PRODUCT_SRV/A_ProductPlant(Product='VALVE-300',Plant='P2')`);
    expect(plant.body.d).toMatchObject({ MaterialRevisionLevel: 'A', FutureRevisionLevel: 'B', FutureRevisionValidFrom: `/Date(${future})/` });
  });

  it("change on change: once the first version's date has come, its revision level is in force until the second's", async () => {
    const year = new Date().getUTCFullYear();
    const [bDate, cDate] = [Date.UTC(year + 1, 2, 1), Date.UTC(year + 1, 8, 1)];
    for (const [change, revision, from] of [['ECN-000781', 'B', bDate], ['ECN-000782', 'C', cDate]] as const) {
      const created = await post(
        `${BOM_SRV}/MaterialBOM`,
        bomPayload({ Material: 'VALVE-300', Plant: 'P1', EngineeringChangeDocument: change, BOMHeaderRevisionLevel: revision, ValidityStartDate: `/Date(${from})/` }),
      );
      expect(created.status).toBe(201);
    }
    const plant = async () => (await get(`${ODATA}/API_PRODUCT_SRV/A_ProductPlant(Product='VALVE-300',Plant='P1')`)).body.d;
    expect(await plant()).toMatchObject({ MaterialRevisionLevel: 'A', FutureRevisionLevel: 'C' });
    // B's date comes (simulated: B's version, and so the end of A's, moved to yesterday; C stays ahead).
    await db.withClient((c) =>
      c.query(
        `UPDATE erp_mock.material_boms SET valid_from = CASE WHEN valid_from = $1 THEN current_date - 1 ELSE valid_from END,
                                           valid_to = CASE WHEN valid_to = $1 THEN current_date - 1 ELSE valid_to END
          WHERE material = 'VALVE-300' AND plant = 'P1'`,
        [new Date(bDate)],
      ),
    );
    expect(await plant()).toMatchObject({ MaterialRevisionLevel: 'B', FutureRevisionLevel: 'C', FutureRevisionValidFrom: `/Date(${cDate})/` });
  });

  it('refuses a BOM naming a component whose plant-specific status blocks it for BOMs there (CS/017), creating nothing', async () => {
    await db.withClient((c) => c.query(`UPDATE erp_mock.product_plants SET profile_code = '02' WHERE product = 'SEAL-210' AND plant = 'P2'`));
    const plant = await get(`${ODATA}/API_PRODUCT_SRV/A_ProductPlant(Product='SEAL-210',Plant='P2')`);
    expect(plant.body.d.ProfileCode).toBe('02');
    const filter = { $filter: "Material eq 'VALVE-300' and Plant eq 'P2'", $inlinecount: 'allpages' };
    const before = await get(`${BOM_SRV}/MaterialBOM`, filter);
    const refused = await post(`${BOM_SRV}/MaterialBOM`, bomPayload({ Plant: 'P2', EngineeringChangeDocument: 'ECN-000783', ValidityStartDate: `/Date(${Date.UTC(2026, 2, 1)})/` }));
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'CS/017', message: { lang: 'en', value: expect.stringContaining('SEAL-210 is blocked for BOMs in plant P2') } });
    expect((await get(`${BOM_SRV}/MaterialBOM`, filter)).body.d.__count).toBe(before.body.d.__count);
  });

  it('rejects what SAP would: unknown component (400), same change again (409), and changes nothing', async () => {
    const before = await get(`${BOM_SRV}/MaterialBOM`, { $filter: "Material eq 'VALVE-300' and Plant eq 'P3'", $inlinecount: 'allpages' });
    const unknown = await post(
      `${BOM_SRV}/MaterialBOM`,
      bomPayload({
        EngineeringChangeDocument: 'ECN-000779',
        ValidityStartDate: `/Date(${Date.UTC(2026, 2, 1)})/`,
        to_BillOfMaterialItem: [{ BillOfMaterialItemNumber: '0010', BillOfMaterialComponent: 'GHOST-999', BillOfMaterialItemQuantity: '1', BillOfMaterialItemUnit: 'PC' }],
      }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'CS/015', message: { lang: 'en', value: expect.stringContaining('GHOST-999') } });
    const again = await post(`${BOM_SRV}/MaterialBOM`, bomPayload({ ValidityStartDate: `/Date(${Date.UTC(2026, 3, 1)})/` }));
    expect(again.status).toBe(409);
    expect(again.body.error.message.value).toContain('already exists');
    const unknownMaterial = await post(`${BOM_SRV}/MaterialBOM`, bomPayload({ Material: 'GHOST-1', EngineeringChangeDocument: 'ECN-000780' }));
    expect(unknownMaterial.status).toBe(400);
    const after = await get(`${BOM_SRV}/MaterialBOM`, { $filter: "Material eq 'VALVE-300' and Plant eq 'P3'", $inlinecount: 'allpages' });
    expect(after.body.d.__count).toBe(before.body.d.__count);
  });

  describe('fault injection (admin API under /admin/faults, scope mock:admin, faults per plant)', () => {
    let operator: string;
    const admin = (method: string, path: string, body?: unknown, bearer: string | null = operator) =>
      httpCall(method, `${mock.url}/admin/faults${path}`, { token: bearer ?? undefined, body });
    const odata = (path: string, init: { method?: string; body?: unknown } = {}) =>
      httpCall(init.method ?? 'GET', `${mock.url}${ODATA}/${path}`, { token, body: init.body });
    const productPlant = (plant: string) => odata(`API_PRODUCT_SRV/A_ProductPlant(Product='PUMP-100',Plant='${plant}')`);
    const stockIn = (plant: string) => odata(`API_MATERIAL_STOCK_SRV/A_MatlStkInAcctMod?$filter=${encodeURIComponent(`Plant eq '${plant}'`)}`);
    const product = () => odata("API_PRODUCT_SRV/A_Product('PUMP-100')");

    beforeAll(async () => {
      operator = await idp.token('operator');
    });

    afterEach(async () => {
      expect((await admin('DELETE', '')).status).toBe(204);
    });

    it('refuses the admin API without scope mock:admin (403) or without a token (401)', async () => {
      expect((await admin('PUT', '/*', { errorRate: 1 }, token)).status).toBe(403);
      expect((await admin('DELETE', '', undefined, token)).status).toBe(403);
      expect((await admin('GET', '', undefined, null)).status).toBe(401);
      expect((await product()).status).toBe(200);
    });

    it("answers errorRate 1 with 503 in SAP Gateway's error form, with Retry-After", async () => {
      expect((await admin('PUT', '/*', { errorRate: 1 })).status).toBe(200);
      const faulted = await product();
      expect(faulted.status).toBe(503);
      expect(faulted.headers.get('retry-after')).toBe('1');
      expect(faulted.body.error).toMatchObject({
        code: '/IWFND/CM_CONSUMER/503',
        message: { lang: 'en', value: expect.stringContaining('injected') },
        innererror: { transactionid: expect.any(String) },
      });
      expect((await httpCall('GET', `${mock.url}/health/ready`)).status).toBe(200);
    });

    it('scopes faults to the plant a request names ($filter, key or body); other requests use `*`', async () => {
      await admin('PUT', '/P2', { rateLimitRate: 1, retryAfterSeconds: 5 });
      const limited = await productPlant('P2');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('5');
      expect(limited.body.error.code).toBe('/IWFND/CM_CONSUMER/429');
      expect((await stockIn('P2')).status).toBe(429);
      const write = await odata('API_BILL_OF_MATERIAL_SRV;v=0002/MaterialBOM', {
        method: 'POST',
        body: bomPayload({ Plant: 'P2', EngineeringChangeDocument: 'ECN-000790' }),
      });
      expect(write.status).toBe(429);
      expect((await productPlant('P1')).status).toBe(200);
      expect((await stockIn('P3')).status).toBe(200);
      expect((await product()).status).toBe(200);

      // A plant's own profile wins over `*`.
      await admin('PUT', '/*', { errorRate: 1 });
      expect((await productPlant('P2')).status).toBe(429);
      expect((await productPlant('P1')).status).toBe(503);
      expect((await admin('GET', '')).body).toEqual({ P2: { rateLimitRate: 1, retryAfterSeconds: 5 }, '*': { errorRate: 1 } });
    });

    it('answers 503 to every call inside an outage window, writes included, until DELETE /admin/faults heals it', async () => {
      const count = async () => (await odata(`API_BILL_OF_MATERIAL_SRV;v=0002/MaterialBOM?$inlinecount=allpages&$top=0`)).body.d.__count;
      const before = await count();
      const now = Date.now();
      await admin('PUT', '/*', { outages: [{ from: new Date(now - 60_000).toISOString(), to: new Date(now + 3_600_000).toISOString() }] });
      for (const response of [await product(), await productPlant('P1'), await stockIn('P3'), await odata('API_PLANT_SRV/A_Plant')]) {
        expect(response.status).toBe(503);
        expect(response.body.error.message.value).toContain('outage');
      }
      const write = await odata('API_BILL_OF_MATERIAL_SRV;v=0002/MaterialBOM', {
        method: 'POST',
        body: bomPayload({ EngineeringChangeDocument: 'ECN-000791', ValidityStartDate: `/Date(${Date.UTC(2027, 0, 1)})/` }),
      });
      expect(write.status).toBe(503);

      expect((await admin('DELETE', '')).status).toBe(204);
      expect((await product()).status).toBe(200);
      expect(await count()).toBe(before);
    });

    it('is deterministic: the same seed and the same requests meet the same faults', async () => {
      const run = async () => {
        await admin('PUT', '/P1', { errorRate: 0.4, rateLimitRate: 0.2, seed: 7 });
        const statuses: number[] = [];
        for (let i = 0; i < 16; i++) statuses.push((await (i % 2 ? productPlant('P1') : stockIn('P1'))).status);
        return statuses;
      };
      const first = await run();
      expect(await run()).toEqual(first);
      expect(new Set(first)).toEqual(new Set([200, 429, 503]));
    });
  });

  describe('applying a change beyond BOMs (order statuses and locks, requisitions, cost estimates, where-used)', () => {
    const ORDER_SRV = `${ODATA}/API_PRODUCTION_ORDER_2_SRV`;
    const send = async (method: string, path: string, body: unknown) => httpCall(method, `${mock.url}${path}`, { token, body });

    it('sets a user status once per reference (409 the second time) and shows it under to_ProductionOrderStatus', async () => {
      const status = { ManufacturingOrder: '1000015', StatusCode: 'ECRV', StatusReference: 'ECN-000900', StatusNoteText: 'check seals' };
      const created = await send('POST', `${ORDER_SRV}/A_ProductionOrderStatus_2`, status);
      expect(created.status).toBe(201);
      expect(created.body.d).toMatchObject({ ...status, IsUserStatus: true, StatusSetDateTime: expect.stringMatching(/^\/Date\(\d+\+0000\)\/$/) });
      const again = await send('POST', `${ORDER_SRV}/A_ProductionOrderStatus_2`, status);
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('BS/060');
      const unknownCode = await send('POST', `${ORDER_SRV}/A_ProductionOrderStatus_2`, { ...status, StatusCode: 'ZZZZ' });
      expect(unknownCode.status).toBe(400);
      const order = await get(`${ORDER_SRV}/A_ProductionOrder_2('1000015')`, { $expand: 'to_ProductionOrderStatus' });
      expect(order.body.d.to_ProductionOrderStatus.results.map((r: any) => r.StatusCode)).toEqual(['ECRV']);
    });

    it('locks and unlocks an order by PATCH (204), refusing to lock a technically completed one', async () => {
      const locked = await send('PATCH', `${ORDER_SRV}/A_ProductionOrder_2('1000015')`, { OrderIsLocked: true, OrderLockReason: 'Porosity', OrderLockReference: 'EXC-1' });
      expect(locked.status).toBe(204);
      expect((await get(`${ORDER_SRV}/A_ProductionOrder_2('1000015')`)).body.d).toMatchObject({ OrderIsLocked: true, OrderLockReason: 'Porosity', OrderLockReference: 'EXC-1' });
      expect((await send('PATCH', `${ORDER_SRV}/A_ProductionOrder_2('1000015')`, { OrderIsLocked: false })).status).toBe(204);
      expect((await get(`${ORDER_SRV}/A_ProductionOrder_2('1000015')`)).body.d).toMatchObject({ OrderIsLocked: false, OrderLockReason: '' });
      const teco = await send('PATCH', `${ORDER_SRV}/A_ProductionOrder_2('1000013')`, { OrderIsLocked: true, OrderLockReason: 'x', OrderLockReference: 'y' });
      expect(teco.status).toBe(400);
      expect(teco.body.error.code).toBe('BS/013');
      const unknownProperty = await send('PATCH', `${ORDER_SRV}/A_ProductionOrder_2('1000015')`, { OrderIsLocked: true, Colour: 'red' });
      expect(unknownProperty.status).toBe(400);
      expect((await get(`${ORDER_SRV}/A_ProductionOrder_2('1000013')`)).body.d.OrderIsLocked).toBe(false);
    });

    it('creates a purchase requisition by deep insert, once per plant, material and requirement tracking', async () => {
      const payload = {
        PurchaseRequisitionType: 'NB',
        to_PurchaseReqnItem: [{ Material: 'SEAL-210', Plant: 'P3', RequestedQuantity: '50.000', BaseUnit: 'PC', DeliveryDate: `/Date(${Date.UTC(2027, 0, 4)})/`, RequirementTracking: 'ECN-000900' }],
      };
      const created = await send('POST', `${ODATA}/API_PURCHASEREQ_PROCESS_SRV/A_PurchaseRequisitionHeader`, payload);
      expect(created.status).toBe(201);
      expect(created.body.d.to_PurchaseReqnItem.results[0]).toMatchObject({ PurchaseRequisitionItem: '00010', Material: 'SEAL-210', RequestedQuantity: '50.000', ProcessingStatus: 'N' });
      expect((await send('POST', `${ODATA}/API_PURCHASEREQ_PROCESS_SRV/A_PurchaseRequisitionHeader`, payload)).status).toBe(409);
    });

    it('numbers concurrent purchase requisitions from its number range: each its own ten-digit number, none reused after a refusal', async () => {
      const requisition = (tracking: string) => ({
        PurchaseRequisitionType: 'NB',
        to_PurchaseReqnItem: [{ Material: 'SEAL-210', Plant: 'P3', RequestedQuantity: '5.000', BaseUnit: 'PC', DeliveryDate: `/Date(${Date.UTC(2027, 0, 5)})/`, RequirementTracking: tracking }],
      });
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) => send('POST', `${ODATA}/API_PURCHASEREQ_PROCESS_SRV/A_PurchaseRequisitionHeader`, requisition(`ECN-00091${i}`))),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
      const numbers = answers.map((a) => a.body.d.PurchaseRequisition as string);
      for (const n of numbers) expect(n).toMatch(/^\d{10}$/);
      expect(new Set(numbers).size).toBe(8);
      // A refused duplicate takes a number it does not keep; the next requisition gets a higher one.
      expect((await send('POST', `${ODATA}/API_PURCHASEREQ_PROCESS_SRV/A_PurchaseRequisitionHeader`, requisition('ECN-000910'))).status).toBe(409);
      const next = await send('POST', `${ODATA}/API_PURCHASEREQ_PROCESS_SRV/A_PurchaseRequisitionHeader`, requisition('ECN-000920'));
      expect(next.status).toBe(201);
      expect(Number(next.body.d.PurchaseRequisition)).toBeGreaterThan(Math.max(...numbers.map(Number)));
    });

    it('walks where-used upwards through a BOM cycle without looping', async () => {
      // HOUSING-110 made to contain PUMP-100, which contains HOUSING-110: a cycle in P3.
      const cycle = await post(
        BOM_SRV + '/MaterialBOM',
        bomPayload({
          Material: 'HOUSING-110',
          EngineeringChangeDocument: 'ECN-000901',
          to_BillOfMaterialItem: [{ BillOfMaterialItemNumber: '0010', BillOfMaterialComponent: 'PUMP-100', BillOfMaterialItemQuantity: '1.000', BillOfMaterialItemUnit: 'PC' }],
        }),
      );
      expect(cycle.status).toBe(201);
      const used = await get(`${BOM_SRV}/MaterialWhereUsed`, { Material: "'PUMP-100'", Plant: "'P3'" });
      expect(used.status).toBe(200);
      expect(used.body.d.results.map((r: any) => [r.Material, r.WhereUsedLevel, r.WhereUsedPath])).toEqual([['HOUSING-110', 1, 'PUMP-100/HOUSING-110']]);
      const missing = await get(`${BOM_SRV}/MaterialWhereUsed`, { Material: "'PUMP-100'" });
      expect(missing.status).toBe(400);
    });
  });

  it('reuses its data on a second start instead of seeding again', async () => {
    await mock.close();
    mock = await startErpMock(config);
    const boms = await get(`${BOM_SRV}/MaterialBOM`, { $filter: "Material eq 'VALVE-300' and Plant eq 'P3'", $inlinecount: 'allpages' });
    expect(boms.body.d.__count).toBe('2');
    const plants = await get(`${ODATA}/API_PLANT_SRV/A_Plant`, { $inlinecount: 'allpages' });
    expect(plants.body.d.__count).toBe('3');
  });
});
