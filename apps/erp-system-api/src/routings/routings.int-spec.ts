import { ApplyPlantRoutingDto, PlantRoutingDto } from '@threadline/canonical';
import { startSystemApiUnderTest, SystemApiUnderTest } from '../../../../test/support/system-api';

/** Work centres and change-numbered routing versions over the S/4HANA mock (real Postgres, real HTTP). */
describe('erp-system-api: routings', () => {
  let t: SystemApiUnderTest<'erp'>;
  let token: string;

  const call = async <T = any>(method: 'GET' | 'POST', path: string, body?: unknown) => {
    const response = await fetch(new URL(path, t.api.url), {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  };

  const routing = (overrides: Partial<ApplyPlantRoutingDto> = {}): ApplyPlantRoutingDto => ({
    changeNumber: 'ECN-000901',
    itemNumber: 'IMPELLER-120',
    validFrom: '2027-05-03T00:00:00.000Z',
    operations: [
      { sequence: 10, description: 'Machining', workCenter: 'CNC', setupMinutes: 30, runMinutesPerUnit: 8 },
      { sequence: 20, description: 'Balancing', workCenter: 'CNC', setupMinutes: 10, runMinutesPerUnit: 7.5 },
    ],
    ...overrides,
  });

  beforeAll(async () => {
    t = await startSystemApiUnderTest('erp', { label: 'erp_api_routings', api: { feedPolling: false } });
    token = await t.idp.token('threadline-process');
  });

  afterAll(() => t?.close());

  it("lists a plant's work centres with their plant-neutral kind", async () => {
    const { status, body } = await call('GET', '/v1/plants/P3/work-centers');
    expect(status).toBe(200);
    expect(body).toEqual(
      expect.arrayContaining([
        { workCenter: 'CNC', plantWorkCenter: 'P3-CNC1', description: 'CNC machining' },
        { workCenter: 'CNC', plantWorkCenter: 'P3-CNC2', description: 'CNC machining' },
        { workCenter: 'TEST', plantWorkCenter: 'P3-TEST', description: 'Test bench' },
      ]),
    );
  });

  it('applies a routing version valid from its date (201), answers a retry 200 unchanged, and keeps the routing in force today', async () => {
    const created = await call<{ routing: PlantRoutingDto; created: boolean }>('POST', '/v1/plants/P3/routings', routing());
    expect(created.status).toBe(201);
    expect(created.body.routing).toMatchObject({ plant: 'P3', itemNumber: 'IMPELLER-120', changeNumber: 'ECN-000901', validFrom: '2027-05-03T00:00:00.000Z', validTo: null });
    expect(created.body.routing.operations.map((o) => [o.sequence, o.workCenter, o.plantWorkCenter, o.runMinutesPerUnit])).toEqual([
      [10, 'CNC', 'P3-CNC1', 8],
      [20, 'CNC', 'P3-CNC1', 7.5],
    ]);
    const again = await call<{ created: boolean; routing: PlantRoutingDto }>('POST', '/v1/plants/P3/routings', routing());
    expect([again.status, again.body.created]).toEqual([200, false]);

    const versions = (await call<PlantRoutingDto[]>('GET', '/v1/plants/P3/items/IMPELLER-120/routing-versions')).body;
    expect(versions.map((v) => [v.changeNumber, v.validFrom, v.validTo])).toEqual([
      [null, '2026-01-01T00:00:00.000Z', '2027-05-03T00:00:00.000Z'],
      ['ECN-000901', '2027-05-03T00:00:00.000Z', null],
    ]);
    expect(versions[0].operations.find((o) => o.sequence === 20)).toMatchObject({ workCenter: 'TEST', plantWorkCenter: 'P3-TEST', runMinutesPerUnit: 6 });
    // The routing in force today is still the old one.
    const today = (await call<Array<{ sequence: number; workCentre: string }>>('GET', '/v1/plants/P3/items/IMPELLER-120/routing')).body;
    expect(today.map((o) => [o.sequence, o.workCentre])).toEqual([
      [10, 'P3-CNC1'],
      [20, 'P3-TEST'],
    ]);
  });

  it('refuses the same change with other operations (409 ROUTING_CHANGE_CONFLICT) and a work centre the plant has none of (422), changing nothing', async () => {
    const other = await call('POST', '/v1/plants/P3/routings', routing({ operations: [{ sequence: 10, description: 'x', workCenter: 'CNC', setupMinutes: 1, runMinutesPerUnit: 1 }] }));
    expect([other.status, other.body.code]).toEqual([409, 'ROUTING_CHANGE_CONFLICT']);
    const unknown = await call('POST', '/v1/plants/P1/routings', routing({ changeNumber: 'ECN-000902', operations: [{ sequence: 10, description: 'Painting', workCenter: 'PAINT', setupMinutes: 1, runMinutesPerUnit: 1 }] }));
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'PLANT_WORK_CENTER_UNKNOWN', plant: 'P1', workCenter: 'PAINT', operation: 10 });
    expect((await call<PlantRoutingDto[]>('GET', '/v1/plants/P1/items/IMPELLER-120/routing-versions')).body).toHaveLength(1);
  });
});
