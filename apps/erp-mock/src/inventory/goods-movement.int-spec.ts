import { RunningApp } from '@threadline/platform';
import { call } from '../../../../test/support/http';
import { startTestIdp, TestIdp } from '../../../../test/support/idp';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { startErpMock } from '../erp-mock.app';
import { ErpMockConfig } from '../erp-mock.config';

const ODATA = '/sap/opu/odata/sap';
const PO_SRV = `${ODATA}/API_PURCHASEORDER_PROCESS_SRV`;
const MD_SRV = `${ODATA}/API_MATERIAL_DOCUMENT_SRV`;
const STOCK_SRV = `${ODATA}/API_MATERIAL_STOCK_SRV`;
const LINE = "A_PurchaseOrderScheduleLine(PurchasingDocument='4500000002',PurchasingDocumentItem='10',ScheduleLine='1')";

describe('erp-mock: purchase order delivery dates and goods movements (real Postgres, real HTTP)', () => {
  let db: TestDatabase;
  let idp: TestIdp;
  let mock: RunningApp;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase('erp_mock_moves');
    idp = await startTestIdp(db.url);
    const config = Object.assign(new ErpMockConfig(), { port: 0, databaseUrl: db.url, jwksUrl: idp.jwksUrl, jwtIssuer: idp.issuer });
    mock = await startErpMock(config);
    token = await idp.token('threadline-connector');
  });

  afterAll(async () => {
    await mock?.close();
    await idp?.close();
    await db?.drop();
  });

  const url = (path: string) => `${mock.url}${path}`;
  const changedAt = async (): Promise<number> => {
    const item = await call('GET', url(`${PO_SRV}/A_PurchaseOrderItem(PurchaseOrder='4500000002',PurchaseOrderItem='10')`), { token });
    return Number(/\((\d+)/.exec(item.body.d.LastChangeDateTime)![1]);
  };
  const unrestricted = async (plant: string, material: string): Promise<number> => {
    const rows = await call('GET', url(`${STOCK_SRV}/A_MatlStkInAcctMod?$filter=Plant eq '${plant}' and Material eq '${material}' and InventoryStockType eq '01'`), { token });
    return rows.body.d.results.reduce((sum: number, r: { MatlWrhsStkQtyInMatlBaseUnit: string }) => sum + Number(r.MatlWrhsStkQtyInMatlBaseUnit), 0);
  };

  it("PATCH moves a schedule line's delivery date (to the day) and the order's LastChangeDateTime with it", async () => {
    const before = await changedAt();
    const moved = Date.UTC(2027, 2, 15, 13, 0);
    const patched = await call('PATCH', url(`${PO_SRV}/${LINE}`), { token, body: { ScheduleLineDeliveryDate: `/Date(${moved})/` } });
    expect(patched.status).toBe(204);
    const line = await call('GET', url(`${PO_SRV}/${LINE}`), { token });
    expect(line.body.d.ScheduleLineDeliveryDate).toBe(`/Date(${Date.UTC(2027, 2, 15)})/`);
    expect(await changedAt()).toBeGreaterThan(before);
  });

  it('PATCH refuses an unknown property, a missing date and an unknown line, changing nothing', async () => {
    const unknown = await call('PATCH', url(`${PO_SRV}/${LINE}`), { token, body: { ScheduleLineOrderQuantity: '1' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('/IWBEP/CM_MGW_RT/004');
    expect((await call('PATCH', url(`${PO_SRV}/${LINE}`), { token, body: {} })).body.error.code).toBe('ME/002');
    const missing = await call('PATCH', url(`${PO_SRV}/${LINE.replace("ScheduleLine='1'", "ScheduleLine='9'")}`), { token, body: { ScheduleLineDeliveryDate: '/Date(0)/' } });
    expect(missing.status).toBe(404);
    const line = await call('GET', url(`${PO_SRV}/${LINE}`), { token });
    expect(line.body.d.ScheduleLineDeliveryDate).toBe(`/Date(${Date.UTC(2027, 2, 15)})/`);
  });

  it('a goods receipt against the purchase order adds unrestricted stock, books the receipt on the line, and is readable by plant and creation time', async () => {
    const stockBefore = await unrestricted('P1', 'SEAL-200');
    const from = new Date(Date.now() - 1000).toISOString();
    const posted = await call('POST', url(`${MD_SRV}/A_MaterialDocumentHeader`), {
      token,
      body: {
        GoodsMovementCode: '01',
        to_MaterialDocumentItem: [
          { Material: 'SEAL-200', Plant: 'P1', StorageLocation: '0001', Batch: 'B2026-12', GoodsMovementType: '101', QuantityInEntryUnit: '50', EntryUnit: 'PC', PurchaseOrder: '4500000002', PurchaseOrderItem: '10' },
        ],
      },
    });
    expect(posted.status).toBe(201);
    expect(posted.body.d.MaterialDocument).toMatch(/^49\d{8}$/);
    expect(posted.body.d.to_MaterialDocumentItem.results[0]).toMatchObject({ Material: 'SEAL-200', GoodsMovementType: '101', QuantityInEntryUnit: '50.000' });
    expect(await unrestricted('P1', 'SEAL-200')).toBe(stockBefore + 50);
    const line = await call('GET', url(`${PO_SRV}/${LINE}`), { token });
    expect(Number(line.body.d.RoughGoodsReceiptQty)).toBe(200);
    const delta = await call('GET', url(`${MD_SRV}/A_MaterialDocumentItem?$filter=Plant eq 'P1' and CreationDateTime ge datetimeoffset'${from}'`), { token });
    expect(delta.body.d.results.map((r: { Material: string }) => r.Material)).toEqual(['SEAL-200']);
  });

  it('an issue takes stock; one larger than the stock is refused with the deficit and posts nothing', async () => {
    const before = await unrestricted('P1', 'BOLT-M8');
    const issue = (quantity: string) =>
      call('POST', url(`${MD_SRV}/A_MaterialDocumentHeader`), {
        token,
        body: { GoodsMovementCode: '03', to_MaterialDocumentItem: [{ Material: 'BOLT-M8', Plant: 'P1', StorageLocation: '0001', GoodsMovementType: '261', QuantityInEntryUnit: quantity, EntryUnit: 'PC', ManufacturingOrder: '1000003' }] },
      });
    expect((await issue('400')).status).toBe(201);
    expect(await unrestricted('P1', 'BOLT-M8')).toBe(before - 400);
    const refused = await issue('999999');
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('M7/021');
    expect(await unrestricted('P1', 'BOLT-M8')).toBe(before - 400);
  });

  it('refuses an over-delivery against the purchase order and a movement type the transaction does not allow', async () => {
    const over = await call('POST', url(`${MD_SRV}/A_MaterialDocumentHeader`), {
      token,
      body: { GoodsMovementCode: '01', to_MaterialDocumentItem: [{ Material: 'SEAL-200', Plant: 'P1', StorageLocation: '0001', GoodsMovementType: '101', QuantityInEntryUnit: '10000', EntryUnit: 'PC', PurchaseOrder: '4500000002' }] },
    });
    expect(over.body.error.code).toBe('M7/022');
    const wrong = await call('POST', url(`${MD_SRV}/A_MaterialDocumentHeader`), {
      token,
      body: { GoodsMovementCode: '01', to_MaterialDocumentItem: [{ Material: 'SEAL-200', Plant: 'P1', StorageLocation: '0001', GoodsMovementType: '261', QuantityInEntryUnit: '1', EntryUnit: 'PC' }] },
    });
    expect(wrong.body.error.code).toBe('M7/053');
  });
});
