import { RunningApp } from '@threadline/platform';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { startTestIdp, TestIdp } from '../../../../test/support/idp';
import { startErpMock } from '../erp-mock.app';
import { ErpMockConfig } from '../erp-mock.config';

const ROUTING_SRV = '/sap/opu/odata/sap/API_PRODUCTION_ROUTING';
const WORK_CENTERS = '/sap/opu/odata/sap/API_WORK_CENTERS';
const sapDate = (iso: string) => `/Date(${Date.parse(iso)})/`;

/** Change-numbered routing versions through API_PRODUCTION_ROUTING, and work centres (real Postgres, real HTTP). */
describe('erp-mock: routing versions and work centres', () => {
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

  const op = (operation: string, workCenter: string, text: string, setup: string, run: string) => ({
    Operation: operation,
    WorkCenter: workCenter,
    OperationText: text,
    StandardWorkQuantity1: setup,
    StandardWorkQuantityUnit1: 'MIN',
    StandardWorkQuantity2: run,
    StandardWorkQuantityUnit2: 'MIN',
  });
  const routing = (changeNumber: string, validFrom: string, operations: unknown[], extra: Record<string, unknown> = {}) => ({
    Material: 'HOUSING-110',
    Plant: 'P3',
    ChangeNumber: changeNumber,
    ValidityStartDate: sapDate(validFrom),
    to_Operation: { results: operations },
    ...extra,
  });
  const operations = (filter: string) =>
    call('GET', `${ROUTING_SRV}/ProductionRoutingOperation?$filter=${encodeURIComponent(filter)}`).then((r) => r.body.d.results as any[]);

  beforeAll(async () => {
    db = await createTestDatabase('erp_mock_routing');
    idp = await startTestIdp(db.url);
    mock = await startErpMock(Object.assign(new ErpMockConfig(), { port: 0, databaseUrl: db.url, jwksUrl: idp.jwksUrl, jwtIssuer: idp.issuer }));
    token = await idp.token('threadline-connector');
  });

  afterAll(async () => {
    await mock?.close();
    await idp?.close();
    await db?.drop();
  });

  it("lists a plant's work centres with their plant-neutral kind", async () => {
    const { body } = await call('GET', `${WORK_CENTERS}/A_WorkCenters?$filter=${encodeURIComponent("Plant eq 'P3'")}`);
    expect(body.d.results.map((w: any) => [w.WorkCenter, w.YY1_ResourceType])).toEqual([
      ['P3-ASSY', 'ASSY'],
      ['P3-CNC1', 'CNC'],
      ['P3-CNC2', 'CNC'],
      ['P3-TEST', 'TEST'],
    ]);
  });

  it('creates a routing version valid from its date; the version in force ends there and keeps its operations', async () => {
    const created = await call(
      'POST',
      `${ROUTING_SRV}/ProductionRoutingHeader`,
      routing('ECN-000777', '2027-04-01T00:00:00Z', [op('0010', 'P3-CNC2', 'Machining', '45', '12'), op('0020', 'P3-CNC1', 'Deburr and wash', '0', '7.5')]),
    );
    expect(created.status).toBe(201);
    expect(created.location).toMatch(/ProductionRoutingHeader\(ProductionRoutingGroup='\d+',ProductionRouting='1',ProductionRoutingInternalVersion='2'\)$/);
    expect(created.body.d).toMatchObject({ Material: 'HOUSING-110', Plant: 'P3', ChangeNumber: 'ECN-000777', ValidityStartDate: sapDate('2027-04-01T00:00:00Z') });
    expect(created.body.d.to_Operation.results.map((o: any) => [o.Operation, o.WorkCenter, o.StandardWorkQuantity2])).toEqual([
      ['0010', 'P3-CNC2', '12.000'],
      ['0020', 'P3-CNC1', '7.500'],
    ]);
    const all = await operations("Material eq 'HOUSING-110' and Plant eq 'P3'");
    const old = all.filter((o) => o.ChangeNumber === '');
    expect(old.map((o) => [o.Operation, o.WorkCenter, o.ValidityEndDate])).toEqual([
      ['0010', 'P3-CNC1', sapDate('2027-04-01T00:00:00Z')],
      ['0020', 'P3-ASSY', sapDate('2027-04-01T00:00:00Z')],
    ]);
    // Other plants keep theirs.
    expect((await operations("Material eq 'HOUSING-110' and Plant eq 'P1'")).every((o) => o.ValidityEndDate === sapDate('9999-12-31T00:00:00Z'))).toBe(true);
  });

  it('refuses the same change number again (409), a date not after the latest version, an unknown work centre and an unknown material, changing nothing', async () => {
    const before = await operations("Material eq 'HOUSING-110' and Plant eq 'P3'");
    const again = await call('POST', `${ROUTING_SRV}/ProductionRoutingHeader`, routing('ECN-000777', '2027-05-01T00:00:00Z', [op('0010', 'P3-CNC1', 'x', '1', '1')]));
    expect([again.status, again.body.error.code]).toEqual([409, 'CP/600']);
    const early = await call('POST', `${ROUTING_SRV}/ProductionRoutingHeader`, routing('ECN-000778', '2027-04-01T00:00:00Z', [op('0010', 'P3-CNC1', 'x', '1', '1')]));
    expect([early.status, early.body.error.code]).toEqual([400, 'CP/601']);
    const unknown = await call('POST', `${ROUTING_SRV}/ProductionRoutingHeader`, routing('ECN-000779', '2027-06-01T00:00:00Z', [op('0010', 'P1-CNC', 'x', '1', '1')]));
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'CP/050']);
    expect(unknown.body.error.message.value).toContain('Work center P1-CNC does not exist in plant P3');
    const material = await call('POST', `${ROUTING_SRV}/ProductionRoutingHeader`, routing('ECN-000780', '2027-06-01T00:00:00Z', [op('0010', 'P3-CNC1', 'x', '1', '1')], { Material: 'NOPE-1' }));
    expect([material.status, material.body.error.code]).toEqual([400, 'CP/014']);
    const empty = await call('POST', `${ROUTING_SRV}/ProductionRoutingHeader`, routing('ECN-000781', '2027-06-01T00:00:00Z', []));
    expect([empty.status, empty.body.error.code]).toEqual([400, 'CP/020']);
    expect(await operations("Material eq 'HOUSING-110' and Plant eq 'P3'")).toEqual(before);
  });
});
