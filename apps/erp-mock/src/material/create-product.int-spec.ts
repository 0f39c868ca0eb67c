import { RunningApp } from '@threadline/platform';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { startTestIdp, TestIdp } from '../../../../test/support/idp';
import { startErpMock } from '../erp-mock.app';
import { ErpMockConfig } from '../erp-mock.config';

const PRODUCT_SRV = '/sap/opu/odata/sap/API_PRODUCT_SRV';

/** Creating materials through API_PRODUCT_SRV as S/4HANA does (real Postgres, real HTTP). */
describe('erp-mock: creating a material with plant data and valuation', () => {
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
    return { status: response.status, location: response.headers.get('location'), body: (await response.json()) as any };
  }

  const plantRecord = (plant: string, extra: Record<string, unknown> = {}) => ({ Plant: plant, ProcurementType: 'F', MRPResponsible: '101', LotSizingProcedure: 'EX', MaterialRevisionLevel: 'A', ...extra });
  const valuation = (area: string, currency: string, price = '4.80') => ({ ValuationArea: area, InventoryValuationProcedure: 'S', StandardPrice: price, Currency: currency });
  const product = (number: string, extra: Record<string, unknown> = {}) => ({
    Product: number,
    BaseUnit: 'PC',
    to_Description: { results: [{ Language: 'EN', ProductDescription: 'Shaft seal, HNBR' }] },
    to_Plant: { results: [plantRecord('P1')] },
    to_Valuation: { results: [valuation('P1', 'EUR')] },
    ...extra,
  });
  const read = (number: string) => call('GET', `${PRODUCT_SRV}/A_Product('${number}')?$expand=to_Description,to_Plant,to_Valuation`);

  beforeAll(async () => {
    db = await createTestDatabase('erp_mock_material');
    idp = await startTestIdp(db.url);
    mock = await startErpMock(Object.assign(new ErpMockConfig(), { port: 0, databaseUrl: db.url, jwksUrl: idp.jwksUrl, jwtIssuer: idp.issuer }));
    token = await idp.token('threadline-connector');
  });

  afterAll(async () => {
    await mock?.close();
    await idp?.close();
    await db?.drop();
  });

  it('creates a material with its plant record and valuation in one deep insert (201, Location), readable through API_PRODUCT_SRV', async () => {
    const created = await call('POST', `${PRODUCT_SRV}/A_Product`, product('SEAL-960'));
    expect(created.status).toBe(201);
    expect(created.location).toMatch(/A_Product\('SEAL-960'\)$/);
    expect(created.body.d).toMatchObject({ Product: 'SEAL-960', ProductType: 'ROH', BaseUnit: 'PC' });
    const { body } = await read('SEAL-960');
    expect(body.d.to_Description.results[0].ProductDescription).toBe('Shaft seal, HNBR');
    expect(body.d.to_Plant.results).toEqual([
      expect.objectContaining({ Plant: 'P1', ProcurementType: 'F', MRPResponsible: '101', LotSizingProcedure: 'EX', MaterialRevisionLevel: 'A' }),
    ]);
    expect(body.d.to_Valuation.results).toEqual([expect.objectContaining({ ValuationArea: 'P1', InventoryValuationProcedure: 'S', StandardPrice: '4.80', Currency: 'EUR' })]);
  });

  it('refuses an existing material (409) and leaves it as it was', async () => {
    const again = await call('POST', `${PRODUCT_SRV}/A_Product`, product('SEAL-960', { to_Plant: { results: [plantRecord('P2')] }, to_Valuation: { results: [] } }));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('M3/300');
    expect((await read('SEAL-960')).body.d.to_Plant.results.map((p: any) => p.Plant)).toEqual(['P1']);
  });

  it('extends an existing material to another plant (A_ProductPlant, A_ProductValuation), and refuses either a second time (409)', async () => {
    const plant = await call('POST', `${PRODUCT_SRV}/A_ProductPlant`, { Product: 'SEAL-960', ...plantRecord('P2', { MRPResponsible: '201', LotSizingProcedure: 'WB' }) });
    expect(plant.status).toBe(201);
    expect(plant.body.d).toMatchObject({ Product: 'SEAL-960', Plant: 'P2', MRPResponsible: '201', LotSizingProcedure: 'WB' });
    const value = await call('POST', `${PRODUCT_SRV}/A_ProductValuation`, { Product: 'SEAL-960', ...valuation('P2', 'CZK', '121.00') });
    expect(value.status).toBe(201);
    expect(value.body.d).toMatchObject({ ValuationArea: 'P2', StandardPrice: '121.00', Currency: 'CZK' });

    expect((await call('POST', `${PRODUCT_SRV}/A_ProductPlant`, { Product: 'SEAL-960', ...plantRecord('P2') })).body.error.code).toBe('M3/301');
    const valuedTwice = await call('POST', `${PRODUCT_SRV}/A_ProductValuation`, { Product: 'SEAL-960', ...valuation('P2', 'CZK', '1.00') });
    expect(valuedTwice.status).toBe(409);
    expect(valuedTwice.body.error.code).toBe('M3/302');
    const { body } = await read('SEAL-960');
    expect(body.d.to_Valuation.results.find((v: any) => v.ValuationArea === 'P2').StandardPrice).toBe('121.00');
  });

  it('refuses bad master data with SAP messages and writes nothing of the request', async () => {
    const cases: Array<[unknown, number, string]> = [
      [product('SEAL-961', { to_Plant: { results: [plantRecord('P9')] }, to_Valuation: { results: [] } }), 400, 'M3/139'],
      [product('SEAL-961', { to_Valuation: { results: [valuation('P1', 'USD')] } }), 400, 'M3/044'],
      [product('SEAL-961', { to_Valuation: { results: [valuation('P2', 'CZK')] } }), 400, 'M3/138'],
      [product('SEAL-961', { to_Plant: { results: [plantRecord('P1', { ProcurementType: 'Z' })] } }), 400, 'M3/003'],
      [product('SEAL-961', { to_Plant: { results: [plantRecord('P1', { MRPResponsible: undefined })] } }), 400, 'M3/002'],
      [product('SEAL-961', { Colour: 'red' }), 400, '/IWBEP/CM_MGW_RT/004'],
    ];
    for (const [body, status, code] of cases) {
      const answer = await call('POST', `${PRODUCT_SRV}/A_Product`, body);
      expect([answer.status, answer.body.error.code]).toEqual([status, code]);
    }
    expect((await read('SEAL-961')).status).toBe(404);
    expect((await call('POST', `${PRODUCT_SRV}/A_ProductPlant`, { Product: 'NOPE-1', ...plantRecord('P1') })).body.error.code).toBe('M3/305');
  });

  it('costs a BOM that uses the new material at its standard price', async () => {
    const bom = await call('POST', '/sap/opu/odata/sap/API_BILL_OF_MATERIAL_SRV;v=0002/MaterialBOM', {
      Material: 'VALVE-300',
      Plant: 'P1',
      BillOfMaterialVariant: '1',
      EngineeringChangeDocument: 'ECN-000960',
      BOMHeaderRevisionLevel: 'B',
      ValidityStartDate: `/Date(${Date.UTC(2027, 0, 4)})/`,
      to_BillOfMaterialItem: { results: [{ BillOfMaterialItemNumber: '0010', BillOfMaterialComponent: 'SEAL-960', BillOfMaterialItemQuantity: '1.000', BillOfMaterialItemUnit: 'PC' }] },
    });
    expect(bom.status).toBe(201);
    const estimate = await call('POST', '/sap/opu/odata/sap/API_PRODUCT_COST_ESTIMATE_SRV/A_ProductCostEstimate', {
      Product: 'VALVE-300',
      Plant: 'P1',
      EngineeringChangeDocument: 'ECN-000960',
      BOMHeaderRevisionLevel: 'B',
      CostingDate: `/Date(${Date.UTC(2027, 0, 4)})/`,
    });
    expect(estimate.status).toBe(201);
    expect(estimate.body.d.MaterialCostAmount).toBe('4.80');
  });
});
