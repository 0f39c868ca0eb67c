import { RunningApp } from '@threadline/platform';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { startTestIdp, TestIdp } from '../../../../test/support/idp';
import { startErpMock } from '../erp-mock.app';
import { ErpMockConfig } from '../erp-mock.config';

const ODATA = '/sap/opu/odata/sap';
const sapDate = (iso: string) => `/Date(${Date.parse(iso)})/`;

/** Master data's change pointers (API_CHANGE_POINTER_SRV), written by each master-data write and read as a delta query. */
describe('erp-mock: master-data change pointers', () => {
  let db: TestDatabase;
  let idp: TestIdp;
  let mock: RunningApp;
  let token: string;

  async function call(method: string, path: string, body?: unknown) {
    const response = await fetch(new URL(path, mock.url), {
      method,
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as any };
  }
  const pointersSince = async (from: string) => {
    const filter = `ChangeDateTime ge datetimeoffset'${from}' and ChangeDateTime lt datetimeoffset'2999-01-01T00:00:00.000Z'`;
    const read = await call('GET', `${ODATA}/API_CHANGE_POINTER_SRV/A_ChangePointer?$filter=${encodeURIComponent(filter)}&$orderby=ChangeDateTime,ChangePointer`);
    expect(read.status).toBe(200);
    return (read.body.d.results as any[]).map((p) => [p.ObjectClass, p.Material, p.Plant]);
  };

  beforeAll(async () => {
    db = await createTestDatabase('erp_mock_change_pointers');
    idp = await startTestIdp(db.url);
    mock = await startErpMock(Object.assign(new ErpMockConfig(), { port: 0, databaseUrl: db.url, jwksUrl: idp.jwksUrl, jwtIssuer: idp.issuer }));
    token = await idp.token('threadline-connector');
  });

  afterAll(async () => {
    await mock?.close();
    await idp?.close();
    await db?.drop();
  });

  it('records each master-data write (material, plant data, valuation, BOM, routing) in change order; the seed and refused writes record none', async () => {
    expect(await pointersSince('2000-01-01T00:00:00.000Z')).toEqual([]);
    const start = new Date(Date.now() - 1_000).toISOString();
    const product = {
      Product: 'SEAL-970',
      BaseUnit: 'PC',
      to_Description: { results: [{ Language: 'EN', ProductDescription: 'Shaft seal, FKM' }] },
      to_Plant: { results: [{ Plant: 'P1', ProcurementType: 'F', MRPResponsible: '101', LotSizingProcedure: 'EX', MaterialRevisionLevel: 'A' }] },
      to_Valuation: { results: [{ ValuationArea: 'P1', InventoryValuationProcedure: 'S', StandardPrice: '5.10', Currency: 'EUR' }] },
    };
    expect((await call('POST', `${ODATA}/API_PRODUCT_SRV/A_Product`, product)).status).toBe(201);
    expect((await call('POST', `${ODATA}/API_PRODUCT_SRV/A_Product`, product)).status).toBe(409);
    const bom = await call('POST', `${ODATA}/API_BILL_OF_MATERIAL_SRV;v=0002/MaterialBOM`, {
      Material: 'VALVE-300',
      Plant: 'P3',
      BillOfMaterialVariant: '1',
      EngineeringChangeDocument: 'ECN-000990',
      BOMHeaderRevisionLevel: 'B',
      ValidityStartDate: sapDate('2027-06-01T00:00:00Z'),
      to_BillOfMaterialItem: { results: [{ BillOfMaterialItemNumber: '0010', BillOfMaterialComponent: 'SEAL-200', BillOfMaterialItemQuantity: '1', BillOfMaterialItemUnit: 'PC' }] },
    });
    expect(bom.status).toBe(201);
    const routing = await call('POST', `${ODATA}/API_PRODUCTION_ROUTING/ProductionRoutingHeader`, {
      Material: 'HOUSING-110',
      Plant: 'P3',
      ChangeNumber: 'ECN-000991',
      ValidityStartDate: sapDate('2027-06-01T00:00:00Z'),
      to_Operation: {
        results: [
          { Operation: '0010', WorkCenter: 'P3-CNC2', OperationText: 'Machining', StandardWorkQuantity1: '45', StandardWorkQuantityUnit1: 'MIN', StandardWorkQuantity2: '12', StandardWorkQuantityUnit2: 'MIN' },
        ],
      },
    });
    expect(routing.status).toBe(201);

    expect(await pointersSince(start)).toEqual([
      ['MATERIAL', 'SEAL-970', ''],
      ['MATERIAL', 'SEAL-970', 'P1'],
      ['MATERIAL', 'SEAL-970', 'P1'],
      ['BOM', 'VALVE-300', 'P3'],
      ['MATERIAL', 'VALVE-300', 'P3'],
      ['ROUTING', 'HOUSING-110', 'P3'],
    ]);
    // A delta read from now on: nothing yet.
    expect(await pointersSince(new Date(Date.now() + 60_000).toISOString())).toEqual([]);
  });
});
