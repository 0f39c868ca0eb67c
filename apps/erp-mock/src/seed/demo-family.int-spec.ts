import { buildDemoFamily, buildFamilyOrders, buildFamilyStock, FamilyOrderState } from '@threadline/demo-world';
import { RunningApp } from '@threadline/platform';
import { Client } from 'pg';
import { startTestIdp, TestIdp } from '../../../../test/support/idp';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { startErpMock } from '../erp-mock.app';
import { ErpMockConfig } from '../erp-mock.config';

const ODATA = '/sap/opu/odata/sap';
const family = buildDemoFamily();
const orders = buildFamilyOrders(family);

describe('erp-mock: the product family of @threadline/demo-world in every plant (real Postgres, real HTTP)', () => {
  let db: TestDatabase;
  let idp: TestIdp;
  let mock: RunningApp;
  let config: ErpMockConfig;
  let token: string;

  const get = async (path: string, query: Record<string, string> = {}) => {
    const url = new URL(`${ODATA}/${path}`, mock.url);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    return { status: response.status, body: (await response.json()) as any };
  };
  const count = async (path: string, filter: string) => Number((await get(path, { $filter: filter, $top: '0', $inlinecount: 'allpages' })).body.d.__count);
  const sql = async <T = any>(text: string, values: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  };
  /** Row counts of what the family seed writes, and of the original world's orders and BOMs. */
  const census = () =>
    sql(`SELECT (SELECT count(*) FROM erp_mock.products)::int AS products, (SELECT count(*) FROM erp_mock.material_boms)::int AS boms,
                (SELECT count(*) FROM erp_mock.material_bom_items)::int AS bom_items, (SELECT count(*) FROM erp_mock.routing_operations)::int AS operations,
                (SELECT count(*) FROM erp_mock.stock)::int AS stock, (SELECT count(*) FROM erp_mock.purchase_orders)::int AS purchase_orders,
                (SELECT count(*) FROM erp_mock.production_orders)::int AS production_orders,
                (SELECT count(*) FROM erp_mock.production_orders WHERE manufacturing_order < '2000000')::int AS original_orders`);

  beforeAll(async () => {
    db = await createTestDatabase('erp_family');
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

  it("holds a series-2000 pump's BOM at P2 exactly as the shared family (PLM's structure): valid from 2026-01-01, revision A, SAP units", async () => {
    const { body } = await get('API_BILL_OF_MATERIAL_SRV;v=0002/MaterialBOM', { $filter: "Material eq 'PUMP-2050' and Plant eq 'P2'", $expand: 'to_BillOfMaterialItem' });
    expect(body.d.results).toHaveLength(1);
    const [bom] = body.d.results;
    expect(bom).toMatchObject({ BOMHeaderRevisionLevel: 'A', ValidityStartDate: `/Date(${Date.UTC(2026, 0, 1)})/` });
    const items = bom.to_BillOfMaterialItem.results.map((i: any) => [i.BillOfMaterialItemNumber, i.BillOfMaterialComponent, Number(i.BillOfMaterialItemQuantity)]);
    expect(items).toEqual(family.uses.filter((u) => u.parent === 'PUMP-2050').map((u) => [String(u.findNumber).padStart(4, '0'), u.child, u.quantity]));
    const shaft = await get('API_BILL_OF_MATERIAL_SRV;v=0002/MaterialBOMItem', { $filter: "BillOfMaterialComponent eq 'BAR-14021-D60'" });
    expect(new Set(shaft.body.d.results.map((i: any) => i.BillOfMaterialItemUnit))).toEqual(new Set(['KG']));
  });

  it('has every family material in every plant: E for make, F for buy, revision A, a standard price in the plant currency', async () => {
    for (const plant of ['P1', 'P2', 'P3']) {
      expect(await count('API_PRODUCT_SRV/A_ProductPlant', `Plant eq '${plant}' and ProcurementType eq 'E'`)).toBeGreaterThanOrEqual(
        family.parts.filter((p) => p.source === 'make').length,
      );
    }
    const pump = await get("API_PRODUCT_SRV/A_Product('PUMP-2050')", { $expand: 'to_Plant,to_Valuation' });
    expect(pump.body.d).toMatchObject({ ProductType: 'FERT', BaseUnit: 'PC' });
    expect(pump.body.d.to_Plant.results.map((p: any) => [p.Plant, p.ProcurementType, p.MaterialRevisionLevel])).toEqual([
      ['P1', 'E', 'A'],
      ['P2', 'E', 'A'],
      ['P3', 'E', 'A'],
    ]);
    const prices = Object.fromEntries(pump.body.d.to_Valuation.results.map((v: any) => [v.ValuationArea, [v.Currency, Number(v.StandardPrice)]]));
    expect(prices).toEqual({ P1: ['EUR', expect.any(Number)], P2: ['CZK', expect.any(Number)], P3: ['MXN', expect.any(Number)] });
    // Made in Brno at a lower labour rate, but in koruna: more than in euro, less than at the rate alone.
    expect(prices.P2[1]).toBeGreaterThan(prices.P1[1] * 10);
    expect(prices.P2[1]).toBeLessThan(prices.P1[1] * 25.2);
    const bar = await get("API_PRODUCT_SRV/A_Product('BAR-14021-D60')", { $expand: 'to_Plant' });
    expect(bar.body.d).toMatchObject({ ProductType: 'ROH', BaseUnit: 'KG' });
    expect(bar.body.d.to_Plant.results.every((p: any) => p.ProcurementType === 'F')).toBe(true);
  });

  it("costs a made part to its standard price: the roll-up of its BOM plus its routing's conversion cost", async () => {
    const valuation = await get('API_PRODUCT_SRV/A_ProductValuation', { $filter: "Product eq 'ROTOR-2055' and ValuationArea eq 'P3'" });
    const [{ StandardPrice: standardPrice }] = valuation.body.d.results;
    const response = await fetch(new URL(`${ODATA}/API_PRODUCT_COST_ESTIMATE_SRV/A_ProductCostEstimate`, mock.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ Product: 'ROTOR-2055', Plant: 'P3', EngineeringChangeDocument: 'ECN-FAMILY-1', BOMHeaderRevisionLevel: 'A', CostingDate: `/Date(${Date.UTC(2026, 5, 1)})/` }),
    });
    const estimate = (await response.json()) as any;
    expect(response.status).toBe(201);
    expect(Number(estimate.d.TotalCostAmount)).toBeCloseTo(Number(standardPrice), 1);
    expect(Number(estimate.d.ConversionCostAmount)).toBeGreaterThan(0);
  });

  it("routes the family on each plant's work centres", async () => {
    const { body } = await get('API_PRODUCTION_ROUTING/ProductionRoutingOperation', { $filter: "Material eq 'HOUSING-2081' and Plant eq 'P3'" });
    expect(body.d.results.map((o: any) => [o.Operation, o.OperationText, Number(o.StandardWorkQuantity1)])).toEqual([
      ['0010', 'Machining', 45],
      ['0020', 'Deburr and wash', 0],
    ]);
    expect(body.d.results[0].WorkCenter).toMatch(/^P3-CNC[12]$/);
    expect(body.d.results[1].WorkCenter).toBe('P3-ASSY');
  });

  it('holds the family production orders in every state, numbered after the original ones, which keep their numbers', async () => {
    for (const plant of ['P1', 'P2', 'P3']) {
      expect(await count('API_PRODUCTION_ORDER_2_SRV/A_ProductionOrder_2', `ProductionPlant eq '${plant}'`)).toBe(6 + orders.filter((o) => o.plant === plant).length);
    }
    const original = await get('API_PRODUCTION_ORDER_2_SRV/A_ProductionOrder_2', { $filter: "ProductionPlant eq 'P3' and Material eq 'VALVE-300'" });
    expect(original.body.d.results.map((o: any) => o.ManufacturingOrder)).toEqual(['1000017', '1000018']);
    const flags = (o: any) =>
      ['OrderIsReleased', 'OrderIsPartiallyConfirmed', 'OrderIsLocked', 'OrderIsTechnicallyCompleted', 'OrderIsClosed', 'OrderIsDeleted'].filter((f) => o[f]).join(' ');
    const expected: Record<FamilyOrderState, RegExp> = {
      created: /^$/,
      released: /^OrderIsReleased$/,
      'in-progress': /^OrderIsReleased OrderIsPartiallyConfirmed$/,
      'on-hold': /^OrderIsReleased( OrderIsPartiallyConfirmed)? OrderIsLocked$/,
      completed: /^OrderIsReleased OrderIsPartiallyConfirmed OrderIsTechnicallyCompleted$/,
      closed: /^OrderIsReleased OrderIsPartiallyConfirmed OrderIsTechnicallyCompleted OrderIsClosed$/,
      deleted: /^OrderIsDeleted$/,
    };
    const atP2 = (await get('API_PRODUCTION_ORDER_2_SRV/A_ProductionOrder_2', { $filter: "ProductionPlant eq 'P2'", $top: '1000' })).body.d.results;
    const byNumber = new Map(atP2.map((o: any) => [o.ManufacturingOrder, o]));
    const mine = orders.filter((o) => o.plant === 'P2');
    expect(new Set(mine.map((o) => o.state)).size).toBe(7);
    for (const order of mine) {
      const native: any = byNumber.get(order.number);
      expect([order.number, native?.Material, Number(native?.TotalQuantity), flags(native)]).toEqual([order.number, order.item, order.quantity, expect.stringMatching(expected[order.state])]);
      if (order.state === 'on-hold') expect(native.OrderLockReason).toBe(order.hold!.reason);
    }
  });

  it('stocks the bought family parts and has open purchase orders, numbered from 4500001001, for what runs short', async () => {
    const stock = buildFamilyStock(family).filter((s) => s.plant === 'P1');
    const bearings = await get('API_MATERIAL_STOCK_SRV/A_MatlStkInAcctMod', { $filter: "Plant eq 'P1' and Material eq 'BEARING-6205'" });
    expect(bearings.body.d.results.map((s: any) => [s.InventoryStockType, Number(s.MatlWrhsStkQtyInMatlBaseUnit)])).toEqual([
      ['01', stock.find((s) => s.item === 'BEARING-6205')!.quantity],
    ]);
    expect(await count('API_MATERIAL_STOCK_SRV/A_MatlStkInAcctMod', "Plant eq 'P1' and Material eq 'MSEAL-35'")).toBe(0);
    const items = await get('API_PURCHASEORDER_PROCESS_SRV/A_PurchaseOrderItem', { $filter: "Plant eq 'P1' and Material eq 'MSEAL-35'", $expand: 'to_ScheduleLine' });
    expect(items.body.d.results).toHaveLength(1);
    expect(Number(items.body.d.results[0].PurchaseOrder)).toBeGreaterThanOrEqual(4_500_001_001);
    expect(items.body.d.results[0]).toMatchObject({ IsCompletelyDelivered: false });
    const delivery = Number(/\/Date\((\d+)\)\//.exec(items.body.d.results[0].to_ScheduleLine.results[0].ScheduleLineDeliveryDate)![1]);
    expect(delivery).toBeGreaterThan(Date.now());
  });

  it('changes nothing on a second start, and seeds the family into a database that was seeded without it', async () => {
    const before = await census();
    await mock.close();
    mock = await startErpMock(config);
    expect(await census()).toEqual(before);

    // A database from before the family: only the original world.
    const numbers = family.parts.map((p) => p.number);
    await sql("DELETE FROM erp_mock.production_orders WHERE manufacturing_order >= '2000000'");
    await sql("DELETE FROM erp_mock.purchase_order_schedule_lines WHERE purchase_order >= '4500001001'");
    await sql("DELETE FROM erp_mock.purchase_order_items WHERE purchase_order >= '4500001001'");
    await sql("DELETE FROM erp_mock.purchase_orders WHERE purchase_order >= '4500001001'");
    await sql('DELETE FROM erp_mock.cost_estimates WHERE material = ANY($1)', [numbers]);
    for (const table of ['stock', 'routing_operations']) await sql(`DELETE FROM erp_mock.${table} WHERE material = ANY($1)`, [numbers]);
    await sql('DELETE FROM erp_mock.material_boms WHERE material = ANY($1)', [numbers]);
    await sql('DELETE FROM erp_mock.product_valuations WHERE product = ANY($1)', [numbers]);
    await sql('DELETE FROM erp_mock.product_plants WHERE product = ANY($1)', [numbers]);
    await sql('DELETE FROM erp_mock.products WHERE product = ANY($1)', [numbers]);
    const without = (await census())[0];
    expect(without.production_orders).toBe(18);

    await mock.close();
    mock = await startErpMock(config);
    expect(await census()).toEqual(before);
  });
});
