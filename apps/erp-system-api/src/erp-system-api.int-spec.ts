import { LIST_LIMITS } from '@threadline/canonical';
import { FaultProfileDto, RunningApp } from '@threadline/platform';
import { Client } from 'pg';
import { seedStartingWith } from '../../../test/support/faults';
import { call as httpCall } from '../../../test/support/http';
import { startSystemApiUnderTest, SystemApiUnderTest } from '../../../test/support/system-api';

/** PUMP-100 revision B: SEAL-210 instead of SEAL-200, everything else as in revision A. */
function pumpRevisionB(overrides: Record<string, unknown> = {}) {
  return {
    itemNumber: 'PUMP-100',
    revision: 'B',
    changeNumber: 'ECN-000042',
    validFrom: new Date().toISOString(),
    lines: [
      { findNumber: 10, componentNumber: 'HOUSING-110', quantity: 1, unit: 'EA' },
      { findNumber: 20, componentNumber: 'IMPELLER-120', quantity: 1, unit: 'EA' },
      { findNumber: 30, componentNumber: 'SHAFT-130', quantity: 1, unit: 'EA' },
      { findNumber: 40, componentNumber: 'SEAL-210', quantity: 2, unit: 'EA' },
      { findNumber: 50, componentNumber: 'MOTOR-140', quantity: 1, unit: 'EA' },
      { findNumber: 60, componentNumber: 'BOLT-M8', quantity: 8, unit: 'EA' },
    ],
    ...overrides,
  };
}

describe('erp-system-api over erp-mock (real Postgres, real HTTP)', () => {
  let t: SystemApiUnderTest<'erp'>;
  let token: string;

  const call = async (method: 'GET' | 'POST', path: string, body?: unknown, bearer = token) => {
    const response = await fetch(new URL(path, t.api.url), {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: (await response.json()) as any };
  };

  beforeAll(async () => {
    // No background change-feed reads: they would draw from the plants' seeded fault sequences below.
    t = await startSystemApiUnderTest('erp', { label: 'erp_api', api: { feedPolling: false } });
    token = await t.idp.token('threadline-process');
  });

  afterAll(() => t?.close());

  it('lists the plants', async () => {
    const { status, body } = await call('GET', '/v1/plants');
    expect(status).toBe(200);
    expect(body).toEqual([
      { code: 'P1', name: 'Leipzig', timeZone: 'Europe/Berlin' },
      { code: 'P2', name: 'Brno', timeZone: 'Europe/Prague' },
      { code: 'P3', name: 'Monterrey', timeZone: 'America/Monterrey' },
    ]);
  });

  it('reads a plant item, and answers 404 problem+json for an unknown one', async () => {
    const item = await call('GET', '/v1/plants/P1/items/PUMP-100');
    expect(item.status).toBe(200);
    expect(item.body).toEqual({
      plant: 'P1',
      itemNumber: 'PUMP-100',
      description: 'Centrifugal pump assembly',
      revision: 'A',
      latestRevision: 'A',
      latestRevisionValidFrom: null,
      unit: 'EA',
      procurementType: 'make',
      standardCost: 412.5,
      currency: 'EUR',
      mrpController: '001',
      lotSizing: 'lot-for-lot',
    });
    const unknown = await call('GET', '/v1/plants/P1/items/NOPE-404');
    expect(unknown.status).toBe(404);
    expect(unknown.contentType).toContain('application/problem+json');
    expect(unknown.body).toMatchObject({ code: 'NOT_FOUND', backendError: { error: { code: '/IWBEP/CM_MGW_RT/021' } } });
    const notInPlant = await call('GET', '/v1/plants/P9/items/PUMP-100');
    expect(notInPlant.status).toBe(404);
  });

  it('reads several items of a plant in one call, each as the single read answers it, leaving out what the plant lacks', async () => {
    const listed = await call('GET', '/v1/plants/P1/items?items=PUMP-100,NOPE-404,SEAL-200');
    expect(listed.status).toBe(200);
    const single = await Promise.all(['PUMP-100', 'SEAL-200'].map(async (n) => (await call('GET', `/v1/plants/P1/items/${n}`)).body));
    expect([...listed.body].sort((a: any, b: any) => a.itemNumber.localeCompare(b.itemNumber))).toEqual(single);
    expect((await call('GET', '/v1/plants/P9/items?items=PUMP-100')).body).toEqual([]);
    const tooMany = await call('GET', `/v1/plants/P1/items?items=${Array.from({ length: 101 }, (_, i) => `X-${i}`).join(',')}`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.code).toBe('ITEM_LIST_TOO_LONG');
    expect((await call('GET', '/v1/plants/P1/items')).status).toBe(400);
  });

  it('reads work orders by status, paging with a cursor', async () => {
    const all = await call('GET', '/v1/plants/P1/work-orders?itemNumber=PUMP-100');
    expect(all.status).toBe(200);
    expect(all.body.items.map((o: any) => o.status).sort()).toEqual(['COMPLETED', 'CREATED', 'IN_PROGRESS', 'RELEASED']);
    const released = await call('GET', '/v1/plants/P1/work-orders?status=RELEASED&limit=200');
    expect(released.body.items.every((o: any) => o.status === 'RELEASED')).toBe(true);
    // The original demo world's (1000001-1000018); the product family's are numbered from 2000001.
    expect(released.body.items.filter((o: any) => Number(o.number) < 2_000_000).map((o: any) => [o.itemNumber, o.status])).toEqual([
      ['PUMP-100', 'RELEASED'],
      ['VALVE-300', 'RELEASED'],
    ]);
    const first = await call('GET', '/v1/plants/P2/work-orders?itemNumber=PUMP-100&limit=3');
    expect(first.body.items).toHaveLength(3);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await call('GET', `/v1/plants/P2/work-orders?itemNumber=PUMP-100&limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const numbers = [...first.body.items, ...second.body.items].map((o: any) => o.number);
    expect(new Set(numbers).size).toBe(4);
    expect(second.body.items.every((o: any) => o.plant === 'P2')).toBe(true);
    const tooMany = await call('GET', '/v1/plants/P2/work-orders?limit=1000');
    expect(tooMany.status).toBe(400);
  });

  it('reads inventory and purchase orders of a plant', async () => {
    const stock = await call('GET', '/v1/plants/P1/inventory?itemNumber=SEAL-200');
    expect(stock.status).toBe(200);
    expect(stock.body.items).toEqual([
      { plant: 'P1', itemNumber: 'SEAL-200', location: '0001', lot: 'B2026-10', stockType: 'unrestricted', quantity: 140, unit: 'EA' },
      { plant: 'P1', itemNumber: 'SEAL-200', location: '0001', lot: 'B2026-11', stockType: 'quality-inspection', quantity: 20, unit: 'EA' },
    ]);
    const open = await call('GET', '/v1/plants/P2/purchase-orders?itemNumber=SEAL-200&status=OPEN');
    expect(open.body).toMatchObject({ items: [{ number: '4500000001', plant: 'P2', supplierId: '17300001', status: 'OPEN' }], nextCursor: null });
    expect(open.body.items[0].lines[0]).toMatchObject({ itemNumber: 'SEAL-200', quantity: 500, unit: 'EA', receivedQuantity: 0 });
    const partly = await call('GET', '/v1/plants/P1/purchase-orders?itemNumber=SEAL-200');
    expect(partly.body.items.map((o: any) => [o.number, o.status])).toEqual([['4500000002', 'PARTIALLY_RECEIVED']]);
  });

  it('applies PUMP-100 revision B at P1: the BOM is created and the plant item moves to B', async () => {
    const before = await call('GET', '/v1/plants/P1/items/PUMP-100/boms');
    expect(before.body.map((b: any) => b.revision)).toEqual(['A']);

    const applied = await call('POST', '/v1/plants/P1/boms', pumpRevisionB());
    expect(applied.status).toBe(201);
    expect(applied.body.created).toBe(true);
    expect(applied.body.bom).toMatchObject({ plant: 'P1', itemNumber: 'PUMP-100', revision: 'B', changeNumber: 'ECN-000042', validTo: null });
    expect(applied.body.bom.lines.find((l: any) => l.findNumber === 40)).toEqual({ findNumber: 40, componentNumber: 'SEAL-210', quantity: 2, unit: 'EA' });

    const boms = await call('GET', '/v1/plants/P1/items/PUMP-100/boms');
    expect(boms.body.map((b: any) => b.revision)).toEqual(['B', 'A']);
    expect(boms.body[1].validTo).toBe(boms.body[0].validFrom);
    const item = await call('GET', '/v1/plants/P1/items/PUMP-100');
    expect(item.body.revision).toBe('B');
    const otherPlant = await call('GET', '/v1/plants/P2/items/PUMP-100');
    expect(otherPlant.body.revision).toBe('A');
  });

  it('applying the same change again changes nothing: 200, created false, same BOM count', async () => {
    const again = await call('POST', '/v1/plants/P1/boms', pumpRevisionB({ validFrom: new Date(Date.now() + 86_400_000).toISOString() }));
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);
    expect(again.body.bom.revision).toBe('B');
    const boms = await call('GET', '/v1/plants/P1/items/PUMP-100/boms');
    expect(boms.body).toHaveLength(2);
  });

  it("passes the ERP's refusal of an unknown component on as problem+json with the SAP error", async () => {
    const bom = pumpRevisionB({ changeNumber: 'ECN-000043', revision: 'C', validFrom: new Date(Date.now() + 30 * 86_400_000).toISOString() });
    bom.lines[3] = { findNumber: 40, componentNumber: 'GHOST-999', quantity: 2, unit: 'EA' };
    const refused = await call('POST', '/v1/plants/P1/boms', bom);
    expect(refused.status).toBe(422);
    expect(refused.contentType).toContain('application/problem+json');
    expect(refused.body).toMatchObject({
      code: 'BACKEND_REJECTED',
      backend: 'S/4HANA',
      backendError: { error: { code: 'CS/015', message: { lang: 'en', value: expect.stringContaining('GHOST-999') } } },
    });
    const boms = await call('GET', '/v1/plants/P1/items/PUMP-100/boms');
    expect(boms.body).toHaveLength(2);
  });

  it('answers 400 for a malformed body and creates nothing', async () => {
    const malformed = await call('POST', '/v1/plants/P3/boms', { ...pumpRevisionB({ changeNumber: 'ECN-000044' }), lines: [{ findNumber: 'ten', componentNumber: 'SEAL-210' }] });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('VALIDATION_FAILED');
    const unknownField = await call('POST', '/v1/plants/P3/boms', { ...pumpRevisionB({ changeNumber: 'ECN-000044' }), colour: 'red' });
    expect(unknownField.status).toBe(400);
    const boms = await call('GET', '/v1/plants/P3/items/PUMP-100/boms');
    expect(boms.body.map((b: any) => b.revision)).toEqual(['A']);
  });

  it('refuses an experience token with 403 and a missing token with 401', async () => {
    const forbidden = await call('GET', '/v1/plants/P1/items/PUMP-100', undefined, await t.idp.token('dashboard'));
    expect(forbidden.status).toBe(403);
    // The dashboard's token is for experience-api only: refused here before its scopes are looked at.
    expect(forbidden.body.code).toBe('TOKEN_AUDIENCE_MISMATCH');
    const readOnly = await call('POST', '/v1/plants/P1/boms', pumpRevisionB(), await t.idp.token('threadline-process', 'erp:read'));
    expect(readOnly.status).toBe(403);
    const anonymous = await fetch(new URL('/v1/plants', t.api.url));
    expect(anonymous.status).toBe(401);
  });

  /*
   * Resilience against the simulated S/4HANA's injected faults (set through its admin API), on a
   * second instance of the API with a 300 ms timeout towards the ERP. Premises about which
   * attempt meets which fault are computed from the same seeded sequence the mock uses.
   */
  describe('under injected ERP faults', () => {
    let impatient: RunningApp;
    let operator: string;
    const faults = (method: 'PUT' | 'DELETE', scope: string, profile?: FaultProfileDto) =>
      httpCall(method, `${t.mock.url}/admin/faults${scope ? `/${scope}` : ''}`, { token: operator, body: profile });
    const viaImpatient = (method: string, path: string, body?: unknown) => httpCall(method, `${impatient.url}${path}`, { token, body });
    const outageNow = () => ({ outages: [{ from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() }] });

    beforeAll(async () => {
      operator = await t.idp.token('operator');
      // No master-data cache: every read reaches the ERP, as these tests are about what its faults become.
      impatient = await t.startApi({ erpTimeoutMs: 300, feedPolling: false, masterDataCacheTtlSeconds: 0 });
    });

    afterEach(async () => {
      expect((await faults('DELETE', '')).status).toBe(204);
    });

    afterAll(async () => {
      await impatient?.close();
    });

    it("retries an idempotent read through a plant's 429s, and gives up after its retries with a 503 naming S/4HANA", async () => {
      const profile = { rateLimitRate: 0.5 };
      await faults('PUT', 'P2', { ...profile, seed: seedStartingWith(profile, ['rate-limited', 'rate-limited', 'pass']) });
      const stock = await viaImpatient('GET', '/v1/plants/P2/inventory?itemNumber=SEAL-200');
      // The mock refused the first two attempts: only a client that retried twice gets the stock.
      expect(stock.status).toBe(200);
      expect(stock.body.items.length).toBeGreaterThan(0);
      expect(stock.body.items.every((p: any) => p.plant === 'P2' && p.itemNumber === 'SEAL-200')).toBe(true);

      await faults('PUT', 'P2', { ...profile, seed: seedStartingWith(profile, ['rate-limited', 'rate-limited', 'rate-limited', 'pass']) });
      const exhausted = await viaImpatient('GET', '/v1/plants/P2/inventory?itemNumber=SEAL-200');
      // A fourth attempt would have passed: the client stops after two retries.
      expect(exhausted.status).toBe(503);
      expect(exhausted.headers.get('content-type')).toContain('application/problem+json');
      expect(exhausted.headers.get('retry-after')).toBe('1');
      expect(exhausted.body).toMatchObject({ code: 'BACKEND_UNAVAILABLE', backend: 'S/4HANA', backendStatus: 429, backendError: { error: { code: '/IWFND/CM_CONSUMER/429' } } });
      // The fault was P2's: P1 is served as usual.
      expect((await viaImpatient('GET', '/v1/plants/P1/inventory?itemNumber=SEAL-200')).status).toBe(200);
    });

    it('answers 503 problem+json naming S/4HANA during an outage window, per plant or for all, and succeeds once healed', async () => {
      await faults('PUT', 'P3', outageNow());
      const p3 = await viaImpatient('GET', '/v1/plants/P3/work-orders');
      expect(p3.status).toBe(503);
      expect(p3.headers.get('content-type')).toContain('application/problem+json');
      expect(p3.body).toMatchObject({ code: 'BACKEND_UNAVAILABLE', backend: 'S/4HANA', backendStatus: 503 });
      expect((await viaImpatient('GET', '/v1/plants/P1/work-orders')).status).toBe(200);

      await faults('PUT', '*', outageNow());
      expect((await viaImpatient('GET', '/v1/plants')).status).toBe(503);

      expect((await faults('DELETE', '')).status).toBe(204);
      expect((await viaImpatient('GET', '/v1/plants/P3/work-orders')).status).toBe(200);
      const plants = await viaImpatient('GET', '/v1/plants');
      expect(plants.status).toBe(200);
      expect(plants.body.map((p: any) => p.code)).toEqual(['P1', 'P2', 'P3']);
    });

    it('answers 504 problem+json when the ERP is slower than the timeout, and succeeds once healed', async () => {
      await faults('PUT', '*', { latencyMinMs: 1_000, latencyMaxMs: 1_000 });
      const slow = await viaImpatient('GET', '/v1/plants/P1/items/PUMP-100');
      expect(slow.status).toBe(504);
      expect(slow.headers.get('content-type')).toContain('application/problem+json');
      expect(slow.body).toMatchObject({ code: 'BACKEND_TIMEOUT', backend: 'S/4HANA' });

      expect((await faults('DELETE', '')).status).toBe(204);
      const healed = await viaImpatient('GET', '/v1/plants/P1/items/PUMP-100');
      expect(healed.status).toBe(200);
      expect(healed.body.itemNumber).toBe('PUMP-100');
    });

    it('never retries the BOM deep insert (a POST without idempotency key): refused once, created once after healing', async () => {
      const change = pumpRevisionB({ changeNumber: 'ECN-000050' });
      // Read straight from the ERP (the impatient instance keeps no cache).
      const revisions = async () => (await viaImpatient('GET', '/v1/plants/P2/items/PUMP-100/boms')).body.map((b: any) => b.revision);
      expect(await revisions()).toEqual(['A']);

      await faults('PUT', 'P2', { errorRate: 1 });
      const refused = await viaImpatient('POST', '/v1/plants/P2/boms', change);
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ code: 'BACKEND_UNAVAILABLE', backend: 'S/4HANA' });

      // The insert (the first call: an earlier application is looked up only when the ERP refuses a
      // duplicate) fails, and a retried insert would have passed: the API answers 503 because it did
      // not retry the POST.
      const profile = { errorRate: 0.5 };
      await faults('PUT', 'P2', { ...profile, seed: seedStartingWith(profile, ['error', 'pass']) });
      const once = await viaImpatient('POST', '/v1/plants/P2/boms', change);
      expect(once.status).toBe(503);
      expect(once.body.backendError.error.code).toBe('/IWFND/CM_CONSUMER/503');

      expect((await faults('DELETE', '')).status).toBe(204);
      expect(await revisions()).toEqual(['A']);
      const applied = await viaImpatient('POST', '/v1/plants/P2/boms', change);
      expect(applied.status).toBe(201);
      expect(applied.body.created).toBe(true);
      expect(await revisions()).toEqual(['B', 'A']);
    });
  });

  it('answers 502 BACKEND_LIMIT_EXCEEDED when the ERP holds more plants than documented, rather than cutting the list', async () => {
    const sql = new Client({ connectionString: t.db.url });
    await sql.connect();
    // Plants added in ERP directly send no event: an instance without the master-data cache reads each change at once.
    const direct = await t.startApi({ feedPolling: false, masterDataCacheTtlSeconds: 0 });
    const call = async (method: string, path: string) => {
      const response = await httpCall(method, `${direct.url}${path}`, { token });
      return { ...response, contentType: response.headers.get('content-type') ?? '' };
    };
    const addPlants = (count: number) =>
      sql.query(
        `INSERT INTO erp_mock.plants (plant, plant_name, city_name, country, time_zone, currency)
         SELECT 'X' || lpad(n::text, 3, '0'), 'Extra ' || n, 'Leipzig', 'DE', 'Europe/Berlin', 'EUR' FROM generate_series(1, $1::int) n`,
        [count],
      );
    try {
      // The demo's three plants and enough more to reach the bound exactly: all of them are listed.
      await addPlants(LIST_LIMITS.plants - 3);
      const atLimit = await call('GET', '/v1/plants');
      expect(atLimit.status).toBe(200);
      expect(atLimit.body).toHaveLength(LIST_LIMITS.plants);

      await sql.query(`INSERT INTO erp_mock.plants VALUES ('Y001', 'One too many', 'Brno', 'CZ', 'Europe/Prague', 'CZK')`);
      const over = await call('GET', '/v1/plants');
      expect(over.status).toBe(502);
      expect(over.contentType).toContain('application/problem+json');
      expect(over.body).toMatchObject({ code: 'BACKEND_LIMIT_EXCEEDED', list: 'plants of the ERP', limit: LIST_LIMITS.plants, count: LIST_LIMITS.plants + 1 });
    } finally {
      await sql.query(`DELETE FROM erp_mock.plants WHERE plant LIKE 'X%' OR plant = 'Y001'`);
      await sql.end();
    }
    expect((await call('GET', '/v1/plants')).body).toHaveLength(3);
    await direct.close();
  });

  it('answers 503 problem+json when the ERP is down', async () => {
    await t.mock.close();
    const down = await call('GET', '/v1/plants/P1/items/PUMP-100');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ code: 'BACKEND_UNAVAILABLE', backend: 'S/4HANA' });
  });
});
