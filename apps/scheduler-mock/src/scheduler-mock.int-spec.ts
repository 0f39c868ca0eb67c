import { RunningApp } from '@threadline/platform';
import { call as httpCall } from '../../../test/support/http';
import { startTestIdp, TestIdp } from '../../../test/support/idp';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { startSchedulerMock } from './scheduler-mock.app';
import { SchedulerMockConfig } from './scheduler-mock.config';

/* eslint-disable @typescript-eslint/no-explicit-any */
describe('scheduler-mock: frePPLe dialect per plant (real Postgres, real HTTP)', () => {
  let db: TestDatabase;
  let idp: TestIdp;
  let mock: RunningApp;
  let token: string;
  let config: SchedulerMockConfig;

  async function call(path: string, init: { method?: string; body?: unknown; token?: string | null } = {}): Promise<{ status: number; type: string; body: any }> {
    const bearer = init.token === undefined ? token : init.token;
    const response = await fetch(`${mock.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : undefined };
  }

  beforeAll(async () => {
    db = await createTestDatabase('schedmock');
    idp = await startTestIdp(db.url);
    config = Object.assign(new SchedulerMockConfig(), { port: 0, databaseUrl: db.url, jwksUrl: idp.jwksUrl, jwtIssuer: idp.issuer });
    mock = await startSchedulerMock(config);
    token = await idp.token('threadline-connector');
  });

  afterAll(async () => {
    await mock?.close();
    await idp?.close();
    await db?.drop();
  });

  it('serves frePPLe lists with trailing slashes and field filters', async () => {
    const all = await call('/P1/api/input/operationmaterial/?format=json');
    expect(all.status).toBe(200);
    const pump = await call('/P1/api/input/operationmaterial/?operation=PUMP-100%20%40%20P1&quantity__lt=0');
    expect(pump.body.map((r: any) => [r.item, r.quantity])).toEqual([
      ['HOUSING-110', -1],
      ['IMPELLER-120', -1],
      ['SHAFT-130', -1],
      ['SEAL-200', -2],
      ['MOTOR-140', -1],
      ['BOLT-M8', -8],
    ]);
    expect(all.body.length).toBeGreaterThan(pump.body.length);
    const steps = await call('/P1/api/input/operation/?owner=PUMP-100%20%40%20P1');
    expect(steps.body.map((o: any) => [o.priority, o.duration, o.duration_per])).toEqual([
      [10, '00:30:00', '00:20:00'],
      [20, '00:10:00', '00:15:00'],
    ]);
    const p3Cnc = await call('/P3/api/input/operationresource/?operation=HOUSING-110%20%40%20P3%20-%2010%20machining');
    expect(p3Cnc.body.map((r: any) => r.resource)).toEqual(['P3-CNC-1', 'P3-CNC-2']);
    const one = await call('/P1/api/input/resource/P1-CNC/');
    expect(one.body).toMatchObject({ name: 'P1-CNC', available: 'P1-2SHIFT', maximum: 1 });
  });

  it('answers errors in frePPLe style with proper status codes', async () => {
    const unknownPlant = await call('/P9/api/input/item/');
    expect(unknownPlant.status).toBe(404);
    expect(unknownPlant.type).toContain('application/json');
    expect(unknownPlant.body.detail).toContain('P9');
    expect((await call('/P1/api/input/widget/')).status).toBe(404);
    expect((await call('/P1/api/input/item/NOPE-1/')).body).toEqual({ detail: 'Not found.' });
    const invalid = await call('/P1/api/input/operationmaterial/', { method: 'POST', body: { operation: 'PUMP-100 @ P1', quantity: 'two', colour: 'red' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual({ item: ['This field is required.'], quantity: ['A valid number is required.'], colour: ['Unknown field.'] });
    expect((await call('/P1/api/input/item/?weight=3')).status).toBe(400);
    const noToken = await call('/P1/api/input/item/', { token: null });
    expect(noToken.status).toBe(401);
    expect(noToken.body.detail).toBeDefined();
    const processToken = await idp.token('threadline-process');
    expect((await call('/P1/api/input/item/', { token: processToken })).status).toBe(403);
  });

  it('applies a bulk write in one transaction: one bad record and nothing changes', async () => {
    const before = (await call('/P1/api/input/operationmaterial/?item=SEAL-200')).body;
    const result = await call('/P1/api/input/operationmaterial/', {
      method: 'PATCH',
      body: [
        { id: before[0].id, effective_end: '2030-01-01T00:00:00' },
        { operation: 'PUMP-100 @ P1', item: 'NO-SUCH-ITEM', quantity: -1, source: 'ECN-X' },
      ],
    });
    expect(result.status).toBe(400);
    expect((await call('/P1/api/input/operationmaterial/?item=SEAL-200')).body).toEqual(before);
    expect((await call('/P1/api/input/operationmaterial/?source=ECN-X')).body).toEqual([]);
  });

  it('runs a plan, records the task, and lets a change with no stock of the new seal make jobs late', async () => {
    const first = await call('/P2/execute/api/runplan/?constraint=15&plantype=1', { method: 'POST' });
    expect(first.status).toBe(200);
    const status = await call(`/P2/execute/api/status/?id=${first.body.taskid}`);
    const task = status.body[String(first.body.taskid)];
    expect(task).toMatchObject({ name: 'runplan', status: 'Done', arguments: '--constraint=15 --plantype=1', planned_orders: 12 });

    // Switch PUMP-100 at P2 to SEAL-210 from now on; P2 holds no SEAL-210, so pumps wait for a purchase.
    const seal = (await call('/P2/api/input/operationmaterial/?operation=PUMP-100%20%40%20P2&item=SEAL-200')).body[0];
    const now = new Date(Date.now() - 60_000).toISOString().slice(0, 19);
    const written = await call('/P2/api/input/operationmaterial/', {
      method: 'PATCH',
      body: [
        { id: seal.id, effective_end: now },
        { operation: 'PUMP-100 @ P2', item: 'SEAL-210', quantity: -2, effective_start: now, source: 'ECN-TEST', revision: 'B' },
      ],
    });
    expect(written.status).toBe(200);
    const second = await call('/P2/execute/api/runplan/?source=ECN-TEST', { method: 'POST' });
    const after = (await call(`/P2/execute/api/status/?id=${second.body.taskid}`)).body[String(second.body.taskid)];
    expect(after.source).toBe('ECN-TEST');
    const open = (await call('/P2/api/input/manufacturingorder/?status__in=proposed,approved,confirmed')).body;
    expect(open.filter((mo: any) => !mo.delay.startsWith('-') && mo.delay !== '00:00:00')).toHaveLength(after.late_orders);
    const pumps = open.filter((mo: any) => mo.item === 'PUMP-100');
    const leadTimeOut = Date.now() + (config.purchaseLeadTimeDays - 1) * 86_400_000;
    expect(pumps.every((mo: any) => Date.parse(`${mo.startdate}Z`) > leadTimeOut)).toBe(true);
    expect(pumps.every((mo: any) => mo.plan_task === second.body.taskid)).toBe(true);
    // Pumps due before the seal can arrive are late.
    const dueBeforeSeal = pumps.filter((mo: any) => Date.parse(`${mo.due}Z`) < leadTimeOut);
    expect(dueBeforeSeal.length).toBeGreaterThan(0);
    expect(dueBeforeSeal.every((mo: any) => !mo.delay.startsWith('-'))).toBe(true);
    expect(after.late_orders).toBeGreaterThanOrEqual(dueBeforeSeal.length);
  });

  describe('fault injection (admin API under /admin/faults, scope mock:admin, one scope per plant)', () => {
    let operator: string;
    const admin = (method: string, path: string, body?: unknown, bearer: string | null = operator) =>
      httpCall(method, `${mock.url}/admin/faults${path}`, { token: bearer ?? undefined, body });
    const resources = (plant: string) => httpCall('GET', `${mock.url}/${plant}/api/input/resource/?format=json`, { token });

    beforeAll(async () => {
      operator = await idp.token('operator');
    });

    afterEach(async () => {
      expect((await admin('DELETE', '')).status).toBe(204);
    });

    it('refuses the admin API without scope mock:admin (403) or without a token (401)', async () => {
      expect((await admin('PUT', '/P3', { errorRate: 1 }, token)).status).toBe(403);
      expect((await admin('GET', '', undefined, token)).status).toBe(403);
      expect((await admin('GET', '', undefined, null)).status).toBe(401);
      expect((await resources('P3')).status).toBe(200);
    });

    it('takes P3 down for an outage window while P1 answers, in frePPLe style with Retry-After, until P3 is healed', async () => {
      const now = Date.now();
      const outage = { outages: [{ from: new Date(now - 60_000).toISOString(), to: new Date(now + 3_600_000).toISOString() }] };
      const tasksBefore = Object.keys((await call('/P3/execute/api/status/')).body);
      expect((await admin('PUT', '/P3', outage)).status).toBe(200);

      const down = await resources('P3');
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('1');
      expect(down.headers.get('content-type')).toContain('application/json');
      expect(down.body).toEqual({ detail: expect.stringContaining('outage') });
      expect((await call('/P3/execute/api/runplan/', { method: 'POST' })).status).toBe(503);
      expect((await call('/P3/api/input/item/PUMP-100/')).status).toBe(503);

      expect((await resources('P1')).status).toBe(200);
      expect((await resources('P2')).status).toBe(200);

      expect((await admin('DELETE', '/P3')).status).toBe(204);
      expect((await resources('P3')).status).toBe(200);
      // The refused runplan never ran.
      expect(Object.keys((await call('/P3/execute/api/status/')).body)).toEqual(tasksBefore);
    });

    it('answers rateLimitRate 1 with 429 and Retry-After, and errorRate 1 with the configured 5xx', async () => {
      await admin('PUT', '/P1', { rateLimitRate: 1, retryAfterSeconds: 3 });
      await admin('PUT', '/P2', { errorRate: 1, errorStatus: 502 });
      const limited = await resources('P1');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('3');
      expect(limited.body.detail).toContain('rate limit');
      const failed = await resources('P2');
      expect(failed.status).toBe(502);
      expect(failed.body.detail).toContain('injected');
      expect((await resources('P3')).status).toBe(200);
      expect((await httpCall('GET', `${mock.url}/health/live`)).status).toBe(200);
    });

    it('applies `*` to every plant without a profile of its own', async () => {
      await admin('PUT', '/*', { errorRate: 1 });
      await admin('PUT', '/P1', {});
      expect((await resources('P1')).status).toBe(200);
      expect((await resources('P2')).status).toBe(503);
      expect((await resources('P3')).status).toBe(503);
    });

    it('is deterministic: the same seed and the same requests meet the same faults', async () => {
      const run = async () => {
        await admin('PUT', '/P2', { errorRate: 0.4, rateLimitRate: 0.2, seed: 11 });
        const statuses: number[] = [];
        for (let i = 0; i < 16; i++) statuses.push((await resources('P2')).status);
        return statuses;
      };
      const first = await run();
      expect(await run()).toEqual(first);
      expect(new Set(first)).toEqual(new Set([200, 429, 503]));
    });
  });

  it('keeps its data across a restart instead of seeding again', async () => {
    const tasksBefore = Object.keys((await call('/P1/execute/api/status/')).body).length;
    const ordersBefore = (await call('/P1/api/input/manufacturingorder/')).body;
    await mock.close();
    mock = await startSchedulerMock(config);
    expect((await call('/P1/api/input/manufacturingorder/')).body).toEqual(ordersBefore);
    expect(Object.keys((await call('/P1/execute/api/status/')).body)).toHaveLength(tasksBefore);
  });
});
