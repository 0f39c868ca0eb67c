import { createHmac } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { RunningApp } from '@threadline/platform';
import { eventually } from '../../../test/support/eventually';
import { call as httpCall } from '../../../test/support/http';
import { startTestIdp, TestIdp } from '../../../test/support/idp';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { startSchedulerMock } from './scheduler-mock.app';
import { SchedulerMockConfig } from './scheduler-mock.config';

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
    config = Object.assign(new SchedulerMockConfig(), { port: 0, databaseUrl: db.url, jwksUrl: idp.jwksUrl, jwtIssuer: idp.issuer, webhookBackoffMs: 10 });
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

  it('updates one record and answers it as a record', async () => {
    const [record] = (await call('/P1/api/input/operationmaterial/?item=SEAL-200')).body;
    const patched = await call(`/P1/api/input/operationmaterial/${record.id}/`, { method: 'PATCH', body: { quantity: record.quantity } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: record.id, item: 'SEAL-200', operation: record.operation, quantity: record.quantity });
  });

  it('runs a plan, records the task, and lets a change with no stock of the new seal make jobs late', async () => {
    const first = await call('/P2/execute/api/runplan/?constraint=15&plantype=1', { method: 'POST' });
    expect(first.status).toBe(200);
    const status = await call(`/P2/execute/api/status/?id=${first.body.taskid}`);
    const task = status.body[String(first.body.taskid)];
    // Every open order: 12 of the original demo world, the rest the product family's.
    const openOrders = (await call('/P2/api/input/manufacturingorder/?status__in=proposed,approved,confirmed')).body.length;
    expect(openOrders).toBeGreaterThan(12);
    expect(task).toMatchObject({ name: 'runplan', status: 'Done', arguments: '--constraint=15 --plantype=1', planned_orders: openOrders });

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

  it('links the orders loaded from ERP by their ERP production order numbers, and keeps its own MO-... orders', async () => {
    // The original demo world's orders (1000001-1000018); the product family's follow from 2000001.
    const original = (mo: any) => Number(mo.reference) < 2_000_000;
    const fromErp = (await call('/P2/api/input/manufacturingorder/?source=erp-load')).body.filter(original);
    expect(fromErp.map((mo: any) => [mo.reference, mo.item, mo.quantity, mo.status])).toEqual([
      ['1000007', 'PUMP-100', 20, 'completed'],
      ['1000008', 'PUMP-100', 25, 'confirmed'],
      ['1000009', 'PUMP-100', 30, 'approved'],
      ['1000010', 'PUMP-100', 40, 'proposed'],
      ['1000011', 'VALVE-300', 50, 'approved'],
      ['1000012', 'VALVE-300', 60, 'proposed'],
    ]);
    expect((await call('/P1/api/input/manufacturingorder/?source=erp-load')).body.filter(original).map((mo: any) => mo.reference)).toEqual(
      ['1000001', '1000002', '1000003', '1000004', '1000005', '1000006'],
    );
    expect((await call('/P3/api/input/manufacturingorder/?source=erp-load')).body.filter(original)[5].reference).toBe('1000018');
    const own = (await call('/P2/api/input/manufacturingorder/?source=initial-load')).body;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((mo: any) => /^MO-P2-\d{4}$/.test(mo.reference))).toBe(true);
  });

  describe('problems and webhooks', () => {
    let operator: string;
    let receiver: Server;
    let receiverUrl: string;
    const received: Array<{ headers: IncomingMessage['headers']; raw: string }> = [];
    /** Answers 503 to this many deliveries before accepting. */
    let failNext = 0;
    const SECRET = 'mock-test-secret-0123456789';
    const admin = (method: string, path: string, body?: unknown, bearer: string = operator) => call(path, { method, body, token: bearer });

    beforeAll(async () => {
      operator = await idp.token('operator');
      receiver = createServer((req, res) => {
        let raw = '';
        req.on('data', (chunk) => (raw += chunk));
        req.on('end', () => {
          received.push({ headers: req.headers, raw });
          if (failNext > 0) {
            failNext--;
            res.writeHead(503).end();
          } else res.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/frepple`;
    });

    afterAll(async () => {
      await new Promise((resolve) => receiver.close(resolve));
    });

    it('derives late and shortage problems from the plan, and a re-plan keeps their ids', async () => {
      const before = (await call('/P3/api/output/problem/')).body;
      // P3's 200 SEAL-200 are gone before the last orders: they wait for a purchase, and those due soon end late.
      expect(before).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'material shortage', owner: '1000016', entity: 'material', operationplan_source: 'erp-load', active: true }),
          expect.objectContaining({ name: 'material shortage', owner: 'MO-P3-0006', operationplan_source: 'initial-load' }),
          expect.objectContaining({ name: 'late', owner: 'MO-P3-0006', entity: 'demand', item: 'PUMP-100' }),
        ]),
      );
      expect(before.every((p: any) => /^P3-EXC-\d{6}$/.test(p.id) && p.active)).toBe(true);
      await call('/P3/execute/api/runplan/', { method: 'POST' });
      const after = (await call('/P3/api/output/problem/')).body;
      // The same plan finds the same problems: same ids, nothing new.
      expect(after.map((p: any) => [p.id, p.name, p.owner])).toEqual(before.map((p: any) => [p.id, p.name, p.owner]));
      expect((await call('/P3/api/output/problem/?name=late')).body.every((p: any) => p.name === 'late')).toBe(true);
    });

    it('refuses problem filters and a plan source longer than frePPLe keeps them, with 400 in its style', async () => {
      const longName = await call(`/P3/api/output/problem/?name=${'x'.repeat(21)}`);
      expect(longName.status).toBe(400);
      expect(longName.body).toEqual({ name: ['Ensure this field has no more than 20 characters.'] });
      expect((await call(`/P3/api/output/problem/?owner=${'1'.repeat(300)}`)).status).toBe(200);
      expect((await call(`/P3/api/output/problem/?owner=${'1'.repeat(301)}`)).body).toEqual({ owner: ['Ensure this field has no more than 300 characters.'] });
      const tasksBefore = Object.keys((await call('/P3/execute/api/status/')).body);
      const longSource = await call(`/P3/execute/api/runplan/?source=${'E'.repeat(301)}`, { method: 'POST' });
      expect(longSource.status).toBe(400);
      expect(longSource.body).toEqual({ source: ['Ensure this field has no more than 300 characters.'] });
      expect(Object.keys((await call('/P3/execute/api/status/')).body)).toEqual(tasksBefore);
    });

    it('subscribes a receiver once per URL (scope mock:subscribe or mock:admin), and refuses URLs that are not http(s) on a private host', async () => {
      const readOnly = await idp.token('threadline-connector', 'mock:access');
      expect((await admin('POST', '/P1/api/webhook/', { url: receiverUrl, secret: SECRET, events: ['problem'] }, readOnly)).status).toBe(403);
      const first = await admin('POST', '/P1/api/webhook/', { url: receiverUrl, secret: SECRET, events: ['problem'] });
      expect(first.status).toBe(201);
      expect(first.body).not.toHaveProperty('secret');
      const again = await admin('POST', '/P1/api/webhook/', { url: receiverUrl, secret: SECRET });
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.body.id);
      for (const url of ['http://169.254.169.254/latest/meta-data/', 'file:///etc/passwd', 'ftp://127.0.0.1/x', 'http://8.8.8.8/hook', 'http://user:pw@127.0.0.1/x']) {
        const refused = await admin('POST', '/P1/api/webhook/', { url, secret: SECRET });
        expect(refused.status).toBe(400);
        expect(refused.body.url).toHaveLength(1);
      }
      expect((await admin('POST', '/P1/api/webhook/', { url: receiverUrl, secret: 'short' })).body).toEqual({ secret: [expect.any(String)] });
      expect((await admin('GET', '/P1/api/webhook/')).body.map((w: any) => w.url)).toEqual([receiverUrl]);

      // Unsubscribing: 204 once, then 404, and the other subscription stays.
      const extra = await admin('POST', '/P1/api/webhook/', { url: 'http://127.0.0.1:9/unused-receiver', secret: SECRET });
      expect(extra.status).toBe(201);
      expect((await admin('DELETE', `/P1/api/webhook/${extra.body.id}/`)).status).toBe(204);
      expect((await admin('DELETE', `/P1/api/webhook/${extra.body.id}/`)).status).toBe(404);
      expect((await admin('DELETE', '/P1/api/webhook/999999/')).status).toBe(404);
      expect((await admin('GET', '/P1/api/webhook/')).body.map((w: any) => w.url)).toEqual([receiverUrl]);
    });

    it('announces a reported quality hold once, signed, retrying a failing receiver with the same delivery id', async () => {
      failNext = 1;
      received.length = 0;
      const hold = await call('/P1/api/input/problem/', { method: 'POST', body: { operationplan: '1000002', description: 'Leak test failed on 3 of 25 units', resource: 'P1-TEST' } });
      expect(hold.status).toBe(201);
      expect(hold.body).toMatchObject({ name: 'quality hold', owner: '1000002', item: 'PUMP-100', resource: 'P1-TEST', operationplan_source: 'erp-load', active: true });
      await eventually(async () => (received.length >= 2 ? true : undefined), 'the retried delivery');
      const [failed, delivered] = received;
      expect(delivered.headers['x-frepple-delivery']).toBe(failed.headers['x-frepple-delivery']);
      const timestamp = delivered.headers['x-frepple-timestamp'] as string;
      const expected = createHmac('sha256', SECRET).update(`${timestamp}.${delivered.raw}`).digest('hex');
      expect(delivered.headers['x-frepple-signature']).toBe(`sha256=${expected}`);
      expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(300);
      expect(JSON.parse(delivered.raw)).toEqual({ event: 'problem', plant: 'P1', problem: hold.body });

      // The same hold again: the same problem, and no announcement. A hold on another order is the barrier.
      const repeated = await call('/P1/api/input/problem/', { method: 'POST', body: { operationplan: '1000002', description: 'Leak test failed again' } });
      expect(repeated.status).toBe(200);
      expect(repeated.body).toEqual(hold.body);
      const other = await call('/P1/api/input/problem/', { method: 'POST', body: { operationplan: '1000003', description: 'Wrong seal fitted' } });
      expect(other.status).toBe(201);
      await eventually(async () => (received.length >= 3 ? true : undefined), 'the second hold');
      expect(received.slice(2).map((r) => JSON.parse(r.raw).problem.owner)).toEqual(['1000003']);

      // A re-plan keeps the holds and announces nothing it had found before.
      await call('/P1/execute/api/runplan/', { method: 'POST' });
      expect((await call('/P1/api/output/problem/?name=quality%20hold')).body.map((p: any) => p.id)).toEqual([hold.body.id, other.body.id]);
    });

    it('refuses a malformed or unknown quality hold with 400 and records nothing', async () => {
      const before = (await call('/P1/api/output/problem/')).body;
      const unknown = await call('/P1/api/input/problem/', { method: 'POST', body: { operationplan: 'NO-SUCH-MO', description: 'x' } });
      expect(unknown.status).toBe(400);
      expect(unknown.body.operationplan[0]).toContain('does not exist');
      expect((await call('/P1/api/input/problem/', { method: 'POST', body: { operationplan: '1000004' } })).body).toEqual({ description: ['This field is required.'] });
      expect((await call('/P1/api/input/problem/', { method: 'POST', body: { operationplan: '1000004', description: 'x', colour: 'red' } })).status).toBe(400);
      expect((await call('/P1/api/output/problem/')).body).toEqual(before);
    });

    it("sends an acknowledged delivery once more under the plant's duplicateWebhookRate 1 (same delivery id and body), and once without a profile", async () => {
      const faults = (method: string, path: string, body?: unknown) => httpCall(method, `${mock.url}/admin/faults${path}`, { token: operator, body });
      const deliveriesOf = (owner: string) => received.filter((r) => JSON.parse(r.raw).problem.owner === owner);
      received.length = 0;
      expect((await faults('PUT', '/P1', { duplicateWebhookRate: 1, seed: 5 })).status).toBe(200);
      const hold = await call('/P1/api/input/problem/', { method: 'POST', body: { operationplan: '1000005', description: 'Casting porosity' } });
      expect(hold.status).toBe(201);
      const twice = await eventually(async () => (deliveriesOf('1000005').length >= 2 ? deliveriesOf('1000005') : undefined), 'the delivery and its duplicate');
      expect(twice[1].headers['x-frepple-delivery']).toBe(twice[0].headers['x-frepple-delivery']);
      expect(twice[1].raw).toBe(twice[0].raw);
      for (const delivery of twice) {
        const expected = createHmac('sha256', SECRET).update(`${delivery.headers['x-frepple-timestamp'] as string}.${delivery.raw}`).digest('hex');
        expect(delivery.headers['x-frepple-signature']).toBe(`sha256=${expected}`);
      }

      expect((await faults('DELETE', '/P1')).status).toBe(204);
      await call('/P1/api/input/problem/', { method: 'POST', body: { operationplan: '1000006', description: 'Wrong impeller fitted' } });
      await eventually(async () => (deliveriesOf('1000006').length >= 1 ? true : undefined), 'the second hold');
      // A duplicate would follow its acknowledged delivery at once; a third hold is the barrier.
      await call('/P1/api/input/problem/', { method: 'POST', body: { operationplan: '1000004', description: 'Barrier' } });
      await eventually(async () => (deliveriesOf('1000004').length >= 1 ? true : undefined), 'the barrier hold');
      expect(deliveriesOf('1000006')).toHaveLength(1);
      expect(deliveriesOf('1000005')).toHaveLength(2);
    });

    it('lists the plants it hosts', async () => {
      expect((await call('/plants/')).body).toEqual([
        { code: 'P1', name: 'Leipzig', timezone: 'Europe/Berlin' },
        { code: 'P2', name: 'Brno', timezone: 'Europe/Prague' },
        { code: 'P3', name: 'Monterrey', timezone: 'America/Monterrey' },
      ]);
    });
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
