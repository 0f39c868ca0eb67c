import { RunningApp } from '@threadline/platform';
import { Client } from 'pg';
import { call as httpCall } from '../../../test/support/http';
import { startTestIdp, TestIdp } from '../../../test/support/idp';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { createHmac } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { eventually } from '../../../test/support/eventually';
import { PlmMockConfig } from './plm-mock.config';
import { startPlmMock } from './plm-mock.app';
import { buildDemoFamily } from './seed/demo-family';
import { DEMO_PARTS } from './seed/demo-world';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher';

const ALL_PARTS = DEMO_PARTS.length + buildDemoFamily().parts.length;

/** A webhook subscriber on a free port: records what it receives, answers the queued statuses (then 200). */
async function startReceiver(): Promise<{ url: string; received: Array<{ headers: IncomingHttpHeaders; body: string }>; answers: number[]; close(): Promise<void> }> {
  const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  const answers: number[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.statusCode = answers.shift() ?? 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/hook`, received, answers, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const ROOT = '/Windchill/servlet/odata';

interface Collection<T> {
  '@odata.context': string;
  '@odata.nextLink'?: string;
  value: T[];
}

interface Part {
  ID: string;
  Number: string;
  Version: string;
  State: { Value: string; Display: string };
  Source: { Value: string };
  ReleasedByChangeNotice: string | null;
}

interface Use {
  FindNumber: string;
  Quantity: number;
  Unit: { Value: string };
  ReferenceDesignatorRange: string | null;
  Uses: { Number: string; Version: string | null };
}

interface Notice {
  ID: string;
  Number: string;
  State: { Value: string };
  EffectivityType: { Value: string; Display: string };
  SerialNumberRange: { Start: string; End: string | null } | null;
  LotNumbers: string[] | null;
  ReviewRoles: string[];
  Reviews: Array<{ Role: string; Reviewer: string; Vote: { Value: string; Display: string }; Comments: string | null; VotedOn: string }>;
  ResolutionDate: string | null;
  TargetPlants: string;
  AffectedObjects: Array<{ Number: string; FromVersion: string; ToVersion: string; WIPDisposition: { Value: string; Display: string } }>;
}

const USE_UP = { Value: 'USE_UP' };

function sealNotice(overrides: Record<string, unknown> = {}, affected: Record<string, unknown> = {}): object {
  return {
    Name: 'Replace obsolete shaft seal',
    Description: 'Supplier discontinued SEAL-200; SEAL-210 (FKM) is form-fit-function compatible.',
    Priority: { Value: 'HIGH' },
    NeedDate: '2026-12-01T00:00:00Z',
    TargetPlants: 'P1,P2,P3',
    AffectedObjects: [
      {
        Number: 'PUMP-100',
        FromVersion: 'A',
        ToVersion: 'B',
        OnOrderDisposition: USE_UP,
        WIPDisposition: USE_UP,
        FinishedDisposition: USE_UP,
        BOMChanges: [{ Action: 'Replace', ComponentNumber: 'SEAL-200', ReplacementNumber: 'SEAL-210' }],
        ...affected,
      },
    ],
    ...overrides,
  };
}

describe('plm-mock: simulated Windchill over OData v4 (real Postgres, real HTTP)', () => {
  let db: TestDatabase;
  let idp: TestIdp;
  let mock: RunningApp;
  let token: string;
  const config = (): PlmMockConfig =>
    Object.assign(new PlmMockConfig(), { port: 0, databaseUrl: db.url, jwksUrl: idp.jwksUrl, jwtIssuer: idp.issuer, pageSize: 5, webhookRetryBaseMs: 10 });

  async function call<T>(path: string, init: { method?: string; body?: unknown; token?: string | null } = {}): Promise<{ status: number; body: T }> {
    const auth = init.token === null ? undefined : (init.token ?? token);
    const response = await fetch(`${mock.url}${ROOT}/${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(auth ? { authorization: `Bearer ${auth}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  async function partVersion(number: string, version: string): Promise<Part | undefined> {
    const { body } = await call<Collection<Part>>(`ProdMgmt/Parts?$filter=${encodeURIComponent(`Number eq '${number}' and Version eq '${version}'`)}`);
    return body.value[0];
  }

  /** Follows @odata.nextLink, as a Windchill client must (the test server pages by 5). */
  async function uses(part: Part): Promise<Use[]> {
    const first = (await call<Collection<Use>>(`ProdMgmt/Parts('${part.ID}')/Uses`)).body;
    const all = [...first.value];
    let link = first['@odata.nextLink'];
    while (link) {
      const page = (await fetch(link, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json())) as Collection<Use>;
      all.push(...page.value);
      link = page['@odata.nextLink'];
    }
    return all;
  }

  beforeAll(async () => {
    db = await createTestDatabase('plm_mock');
    idp = await startTestIdp(db.url);
    mock = await startPlmMock(config());
    token = await idp.token('threadline-connector');
  });

  afterAll(async () => {
    await mock?.close();
    await idp?.close();
    await db?.drop();
  });

  it('serves the seeded parts with $filter on Number and State, in Windchill field names', async () => {
    const { status, body } = await call<Collection<Part>>(`ProdMgmt/Parts?$filter=${encodeURIComponent("Number eq 'PUMP-100' and State eq 'RELEASED'")}`);
    expect(status).toBe(200);
    expect(body['@odata.context']).toContain('/Windchill/servlet/odata/ProdMgmt/$metadata#Parts');
    expect(body.value).toHaveLength(1);
    expect(body.value[0]).toMatchObject({ Number: 'PUMP-100', Version: 'A', State: { Value: 'RELEASED', Display: 'Released' }, Source: { Value: 'make' } });
    expect(body.value[0].ID).toMatch(/^OR:wt\.part\.WTPart:\d+$/);
  });

  it('pages server-side with @odata.nextLink, and honours a client $top without one', async () => {
    const first = await call<Collection<Part>>('ProdMgmt/Parts?$top=40');
    expect(first.body.value).toHaveLength(5);
    const next = new URL(first.body['@odata.nextLink']!);
    expect(next.searchParams.get('$skip')).toBe('5');
    const numbers = first.body.value.map((p) => p.Number);
    let link: string | undefined = first.body['@odata.nextLink'];
    while (link) {
      const page = (await fetch(link, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json())) as Collection<Part>;
      numbers.push(...page.value.map((p) => p.Number));
      link = page['@odata.nextLink'];
    }
    expect(numbers).toHaveLength(40);
    expect(new Set(numbers).size).toBe(40);
    const top = await call<Collection<Part>>('ProdMgmt/Parts?$top=3');
    expect(top.body.value).toHaveLength(3);
    expect(top.body['@odata.nextLink']).toBeUndefined();
  });

  it("reads one part by its object reference and its structure through Parts('id')/Uses", async () => {
    const pump = (await partVersion('PUMP-100', 'A'))!;
    const single = await call<Part>(`ProdMgmt/Parts('${pump.ID}')`);
    expect(single.body).toMatchObject({ ID: pump.ID, Number: 'PUMP-100' });
    const lines = await uses(pump);
    expect(lines.map((l) => [l.FindNumber, l.Uses.Number, l.Quantity])).toEqual([
      ['10', 'HOUSING-110', 1],
      ['20', 'IMPELLER-120', 1],
      ['30', 'SHAFT-130', 1],
      ['40', 'SEAL-200', 2],
      ['50', 'MOTOR-140', 1],
      ['60', 'BOLT-M8', 8],
    ]);
    expect(lines[3]).toMatchObject({ Unit: { Value: 'ea' }, ReferenceDesignatorRange: 'S1,S2', Uses: { Version: 'A' } });
  });

  it('answers unknown keys, bad filters and missing tokens with OData v4 error documents', async () => {
    const missing = await call<{ error: { code: string; message: string } }>("ProdMgmt/Parts('OR:wt.part.WTPart:999999')");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('EntityNotFound');
    const badFilter = await call<{ error: { code: string } }>(`ProdMgmt/Parts?$filter=${encodeURIComponent('Number eq 5')}`);
    expect(badFilter).toMatchObject({ status: 400, body: { error: { code: 'InvalidQueryOption' } } });
    const anonymous = await call<{ error: { code: string } }>('ProdMgmt/Parts', { token: null });
    expect(anonymous).toMatchObject({ status: 401, body: { error: { code: 'Unauthorized' } } });
    const wrongScope = await call<{ error: { code: string } }>('ProdMgmt/Parts', { token: await idp.token('dashboard') });
    expect(wrongScope.status).toBe(403);
  });

  it('refuses a malformed change notice with 400 and per-property details', async () => {
    const { status, body } = await call<{ error: { code: string; details: Array<{ target: string }> } }>('ChangeMgmt/ChangeNotices', {
      method: 'POST',
      body: sealNotice({ TargetPlants: 'p1;p2', AffectedObjects: [] }),
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('InvalidRequestBody');
    expect(body.error.details.map((d) => d.target).sort()).toEqual(['AffectedObjects', 'TargetPlants']);
  });

  it('creates an OPEN notice, releases it into PUMP-100 B with the redlined BOM, and refuses a second release with 409', async () => {
    const created = await call<Notice>('ChangeMgmt/ChangeNotices', { method: 'POST', body: sealNotice() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ State: { Value: 'OPEN' }, TargetPlants: 'P1,P2,P3', ResolutionDate: null });
    expect(created.body.Number).toMatch(/^ECN-\d{6}$/);
    expect(created.body.AffectedObjects[0]).toMatchObject({ Number: 'PUMP-100', FromVersion: 'A', ToVersion: 'B', WIPDisposition: { Display: 'Use Up' } });

    const released = await call<Notice>(`ChangeMgmt/ChangeNotices('${created.body.ID}')/PTC.ChangeMgmt.Release`, { method: 'POST' });
    expect(released.status).toBe(200);
    expect(released.body.State.Value).toBe('RELEASED');
    expect(released.body.ResolutionDate).not.toBeNull();

    const b = (await partVersion('PUMP-100', 'B'))!;
    expect(b).toMatchObject({ State: { Value: 'RELEASED' }, ReleasedByChangeNotice: created.body.Number });
    const bLines = await uses(b);
    expect(bLines.map((l) => l.Uses.Number)).toContain('SEAL-210');
    expect(bLines.map((l) => l.Uses.Number)).not.toContain('SEAL-200');
    expect(bLines.find((l) => l.Uses.Number === 'SEAL-210')).toMatchObject({ FindNumber: '40', Quantity: 2 });
    expect((await partVersion('PUMP-100', 'A'))!.State.Value).toBe('SUPERSEDED');

    const again = await call<{ error: { code: string } }>(`ChangeMgmt/ChangeNotices('${created.body.ID}')/PTC.ChangeMgmt.Release`, { method: 'POST' });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'InvalidStateTransition' } } });
    const versions = await call<Collection<Part>>(`ProdMgmt/Parts?$filter=${encodeURIComponent("Number eq 'PUMP-100'")}`);
    expect(versions.body.value.map((p) => p.Version)).toEqual(['A', 'B']);
  });

  it('rolls the whole release back when one affected object cannot be resolved (400, nothing created)', async () => {
    const notice = sealNotice({
      AffectedObjects: [
        { ...(sealNotice() as { AffectedObjects: object[] }).AffectedObjects[0], Number: 'VALVE-300', FromVersion: 'A', ToVersion: 'B' },
        { ...(sealNotice() as { AffectedObjects: object[] }).AffectedObjects[0], Number: 'GHOST-999' },
      ],
    });
    const created = await call<Notice>('ChangeMgmt/ChangeNotices', { method: 'POST', body: notice });
    const release = await call<{ error: { code: string; message: string } }>(`ChangeMgmt/ChangeNotices('${created.body.ID}')/PTC.ChangeMgmt.Release`, {
      method: 'POST',
    });
    expect(release.status).toBe(400);
    expect(release.body.error).toMatchObject({ code: 'InvalidAffectedObject' });
    expect(release.body.error.message).toContain('GHOST-999');
    expect(await partVersion('VALVE-300', 'B')).toBeUndefined();
    expect((await partVersion('VALVE-300', 'A'))!.State.Value).toBe('RELEASED');
    const after = await call<Notice>(`ChangeMgmt/ChangeNotices('${created.body.ID}')`);
    expect(after.body.State.Value).toBe('OPEN');
  });

  it('serves the change feed: released notices after a time, by Number or by ResolutionDate', async () => {
    const byNumber = await call<Collection<Notice>>(
      `ChangeMgmt/ChangeNotices?$filter=${encodeURIComponent("Number eq 'ECN-000001'")}`,
    );
    expect(byNumber.body.value).toHaveLength(1);
    const releasedAt = byNumber.body.value[0].ResolutionDate!;
    const feed = (since: string) =>
      call<Collection<Notice>>(
        `ChangeMgmt/ChangeNotices?$filter=${encodeURIComponent(`State eq 'RELEASED' and ResolutionDate gt ${since}`)}&$orderby=ResolutionDate asc`,
      );
    expect((await feed('2020-01-01T00:00:00Z')).body.value.map((n) => n.Number)).toEqual(['ECN-000001']);
    expect((await feed(releasedAt)).body.value).toEqual([]);
  });

  it('holds the product family: six levels from a skid down to bar stock, with shared standard parts', async () => {
    const structureOf = async (number: string) => uses((await partVersion(number, 'A'))!);
    const path = ['SKID-7100'];
    for (const next of ['PUMPUNIT-7120', 'PUMP-2010', 'ROTOR-2015', 'SHAFT-2016', 'BAR-14021-D20']) {
      const lines = await structureOf(path[path.length - 1]);
      expect(lines.map((l) => l.Uses.Number)).toContain(next);
      path.push(next);
    }
    expect(await structureOf('BAR-14021-D20')).toEqual([]);
    const shaft = await structureOf('SHAFT-2016');
    expect(shaft[0]).toMatchObject({ Quantity: 1.2, Unit: { Value: 'kg' } });
    const frame = await structureOf('FRAME-7110');
    expect(frame.find((l) => l.Uses.Number === 'BOLT-M8')).toMatchObject({ Quantity: 12, Uses: { Version: 'A' } });
  });

  it("serves documents referenced by a part (Parts('id')/References) with their primary content's metadata and content", async () => {
    const pump = (await partVersion('PUMP-100', 'A'))!;
    const refs = await call<Collection<{ Number: string; Type: { Value: string }; Version: string; PrimaryContent: { FileName: string; URL: string } }>>(
      `ProdMgmt/Parts('${pump.ID}')/References`,
    );
    expect(refs.status).toBe(200);
    expect(refs.body.value.map((d) => [d.Number, d.Type.Value, d.Version])).toEqual([
      ['DRW-PUMP-100', 'DRAWING', 'A'],
      ['SPEC-PUMP-100', 'SPECIFICATION', 'A'],
      ['TP-PUMP-100', 'TEST_PROCEDURE', 'A'],
    ]);
    const spec = refs.body.value[1];
    expect(spec.PrimaryContent.FileName).toBe('SPEC-PUMP-100_A.pdf');
    const content = await fetch(spec.PrimaryContent.URL, { headers: { authorization: `Bearer ${token}` } });
    expect(content.status).toBe(200);
    expect(await content.text()).toContain('SPEC-PUMP-100 A');
    const docs = await call<Collection<{ Number: string }>>(`DocMgmt/Documents?$filter=${encodeURIComponent("Type eq 'DATASHEET'")}`);
    expect(docs.body.value.map((d) => d.Number)).toEqual(['DS-SEAL-200', 'DS-SEAL-210']);
  });

  describe('webhooks (EventMgmt/Subscriptions, scope mock:subscribe or mock:admin)', () => {
    let operator: string;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    const SECRET = 'subscriber-secret-0123456789';
    const subscriptions = (method: string, path = '', body?: unknown, bearer: string = operator) =>
      httpCall(method, `${mock.url}${ROOT}/EventMgmt/Subscriptions${path}`, { token: bearer, body });

    beforeAll(async () => {
      operator = await idp.token('operator');
      receiver = await startReceiver();
    });

    afterAll(async () => {
      await receiver?.close();
    });

    it('refuses subscriptions without mock:subscribe or mock:admin, to non-http(s) URLs, with credentials or to hosts off the allow-list', async () => {
      const body = (url: string) => ({ URL: url, Secret: SECRET, Events: ['CHANGE_NOTICE_RELEASED'] });
      const readOnly = await idp.token('threadline-connector', 'mock:access');
      expect((await subscriptions('POST', '', body(receiver.url), readOnly)).status).toBe(403);
      for (const url of ['file:///etc/passwd', 'http://user:pw@127.0.0.1/hook', 'http://10.0.0.5/hook', 'http://169.254.169.254/latest']) {
        const refused = await subscriptions('POST', '', body(url));
        expect([url, refused.status, refused.body.error.code]).toEqual([url, 400, 'InvalidCallbackURL']);
      }
      const badEvent = await subscriptions('POST', '', { ...body(receiver.url), Events: ['PART_DELETED'] });
      expect(badEvent.status).toBe(400);
      expect((await subscriptions('GET')).body.value).toEqual([]);
    });

    it('subscribes idempotently by URL (201, then 200 with the same ID) and never returns the secret', async () => {
      const first = await subscriptions('POST', '', { URL: receiver.url, Secret: 'an-older-secret-0000000', Events: ['CHANGE_NOTICE_RELEASED'] });
      expect(first.status).toBe(201);
      expect(first.body.ID).toMatch(/^OR:com\.ptc\.EventSubscription:\d+$/);
      const again = await subscriptions('POST', '', { URL: receiver.url, Secret: SECRET, Events: ['CHANGE_NOTICE_RELEASED'] });
      expect(again.status).toBe(200);
      expect(again.body.ID).toBe(first.body.ID);
      const list = await subscriptions('GET', `?$filter=${encodeURIComponent(`URL eq '${receiver.url}'`)}`);
      expect(list.body.value).toHaveLength(1);
      expect(JSON.stringify(list.body)).not.toContain(SECRET);
    });

    it('POSTs the released notice, signed over timestamp + raw body, retrying a failing subscriber without delaying the release', async () => {
      receiver.answers.push(503, 500);
      const created = await call<Notice>('ChangeMgmt/ChangeNotices', {
        method: 'POST',
        body: sealNotice({}, { Number: 'VALVE-300' }),
      });
      const released = await call<Notice>(`ChangeMgmt/ChangeNotices('${created.body.ID}')/PTC.ChangeMgmt.Release`, { method: 'POST' });
      expect(released.status).toBe(200);
      const deliveries = await eventually(async () => (receiver.received.length >= 3 ? receiver.received : undefined), 'three delivery attempts');
      expect(deliveries).toHaveLength(3);
      const last = deliveries[2];
      expect(last.headers['x-ptc-event']).toBe('CHANGE_NOTICE_RELEASED');
      expect(new Set(deliveries.map((d) => d.headers['x-ptc-delivery'])).size).toBe(1);
      const timestamp = String(last.headers['x-ptc-timestamp']);
      const expected = createHmac('sha256', SECRET).update(`${timestamp}.${last.body}`).digest('hex');
      expect(last.headers['x-ptc-signature']).toBe(`sha256=${expected}`);
      expect(JSON.parse(last.body)).toMatchObject({ ID: created.body.ID, Number: created.body.Number, State: { Value: 'RELEASED' }, ResolutionDate: released.body.ResolutionDate });
      const subscription = (await subscriptions('GET')).body.value[0];
      await eventually(async () => ((await subscriptions('GET')).body.value[0].LastDelivery?.Status === 200 ? true : undefined), 'the delivery outcome');
      expect((await subscriptions('GET', `('${subscription.ID}')`)).body.LastDelivery).toMatchObject({ Status: 200, Attempts: 3, Error: null });
    });

    it('releases normally when the subscriber is down, and sends nothing once the subscription is deleted', async () => {
      const subscription = (await subscriptions('GET')).body.value[0];
      await receiver.close();
      const created = await call<Notice>('ChangeMgmt/ChangeNotices', {
        method: 'POST',
        body: sealNotice({}, { Number: 'PUMP-2010', BOMChanges: [{ Action: 'Replace', ComponentNumber: 'BOLT-M6X30', Quantity: 10 }] }),
      });
      const released = await call<Notice>(`ChangeMgmt/ChangeNotices('${created.body.ID}')/PTC.ChangeMgmt.Release`, { method: 'POST' });
      expect(released.status).toBe(200);
      expect((await partVersion('PUMP-2010', 'B'))?.State.Value).toBe('RELEASED');
      await eventually(
        async () => ((await subscriptions('GET', `('${subscription.ID}')`)).body.LastDelivery?.Attempts === 4 ? true : undefined),
        'the failed delivery to be recorded',
      );
      expect((await subscriptions('GET', `('${subscription.ID}')`)).body.LastDelivery).toMatchObject({ Status: null, Attempts: 4 });

      expect((await subscriptions('DELETE', `('${subscription.ID}')`)).status).toBe(204);
      expect((await subscriptions('DELETE', `('${subscription.ID}')`)).status).toBe(404);
      expect((await subscriptions('GET')).body.value).toEqual([]);
    });

    it('serves the change feed in (ResolutionDate, Number) order, resumable from a keyset cursor one page at a time', async () => {
      const feed = (after?: { t: string; n: string }) => {
        const cursor = after ? ` and (ResolutionDate gt ${after.t} or (ResolutionDate eq ${after.t} and Number gt '${after.n}'))` : '';
        return call<Collection<Notice>>(
          `ChangeMgmt/ChangeNotices?$filter=${encodeURIComponent(`State eq 'RELEASED'${cursor}`)}&$orderby=ResolutionDate asc,Number asc&$top=1`,
        );
      };
      const seen: string[] = [];
      let after: { t: string; n: string } | undefined;
      for (let page = await feed(); page.body.value.length > 0; page = await feed(after)) {
        expect(page.body['@odata.nextLink']).toBeUndefined();
        const notice = page.body.value[0];
        seen.push(notice.Number);
        after = { t: notice.ResolutionDate!, n: notice.Number };
      }
      expect(seen).toEqual(['ECN-000001', 'ECN-000003', 'ECN-000004']);
      const all = await call<Collection<Notice>>(`ChangeMgmt/ChangeNotices?$filter=${encodeURIComponent("State eq 'RELEASED'")}&$orderby=ResolutionDate asc,Number asc`);
      const times = all.body.value.map((n) => n.ResolutionDate!);
      expect([...times].sort()).toEqual(times);
    });
  });

  describe('fault injection (admin API under /admin/faults, scope mock:admin)', () => {
    let operator: string;
    const admin = (method: string, path: string, body?: unknown, bearer: string | null = operator) =>
      httpCall(method, `${mock.url}/admin/faults${path}`, { token: bearer ?? undefined, body });
    const parts = () => httpCall('GET', `${mock.url}${ROOT}/ProdMgmt/Parts?$top=1`, { token });

    beforeAll(async () => {
      operator = await idp.token('operator');
    });

    afterEach(async () => {
      expect((await admin('DELETE', '')).status).toBe(204);
    });

    it('refuses the admin API without scope mock:admin (403) or without a token (401)', async () => {
      expect((await admin('GET', '', undefined, token)).status).toBe(403);
      expect((await admin('PUT', '/*', { errorRate: 1 }, token)).status).toBe(403);
      expect((await admin('GET', '', undefined, null)).status).toBe(401);
      expect((await parts()).status).toBe(200);
      expect((await admin('GET', '')).body).toEqual({});
    });

    it('refuses a profile out of range (400) and keeps the backend healthy', async () => {
      expect((await admin('PUT', '/*', { errorRate: 2 })).status).toBe(400);
      expect((await admin('PUT', '/*', { outages: [{ from: 'soon', to: 'later' }] })).status).toBe(400);
      expect((await parts()).status).toBe(200);
    });

    it('answers errorRate 1 with 503 as an OData v4 error with Retry-After; health and the admin API stay up', async () => {
      expect((await admin('PUT', '/*', { errorRate: 1 })).status).toBe(200);
      const faulted = await parts();
      expect(faulted.status).toBe(503);
      expect(faulted.headers.get('retry-after')).toBe('1');
      expect(faulted.headers.get('odata-version')).toBe('4.0');
      expect(faulted.body).toEqual({ error: { code: 'ServiceUnavailable', message: expect.stringContaining('injected') } });
      expect((await httpCall('GET', `${mock.url}/health/live`)).status).toBe(200);
      expect((await admin('GET', '')).body).toEqual({ '*': { errorRate: 1 } });
    });

    it('answers rateLimitRate 1 with 429 and the configured Retry-After', async () => {
      await admin('PUT', '/*', { rateLimitRate: 1, retryAfterSeconds: 7 });
      const limited = await parts();
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('7');
      expect(limited.body.error.code).toBe('TooManyRequests');
    });

    it('answers 503 to every call inside an outage window, writes included, until DELETE /admin/faults heals it', async () => {
      const before = (await call<Collection<Notice>>('ChangeMgmt/ChangeNotices')).body.value.length;
      const now = Date.now();
      await admin('PUT', '/*', { outages: [{ from: new Date(now - 60_000).toISOString(), to: new Date(now + 3_600_000).toISOString() }] });
      for (const path of ['ProdMgmt/Parts', "ProdMgmt/Parts('OR:wt.part.WTPart:1001')/Uses", 'ChangeMgmt/ChangeNotices']) {
        const response = await httpCall('GET', `${mock.url}${ROOT}/${path}`, { token });
        expect([path, response.status, response.body.error.code]).toEqual([path, 503, 'ServiceUnavailable']);
      }
      const write = await httpCall('POST', `${mock.url}${ROOT}/ChangeMgmt/ChangeNotices`, { token, body: sealNotice() });
      expect(write.status).toBe(503);

      expect((await admin('DELETE', '')).status).toBe(204);
      expect((await parts()).status).toBe(200);
      expect((await call<Collection<Notice>>('ChangeMgmt/ChangeNotices')).body.value).toHaveLength(before);
    });

    it('is deterministic: the same seed and the same requests meet the same faults', async () => {
      const profile = { errorRate: 0.4, rateLimitRate: 0.2, seed: 42 };
      const run = async () => {
        await admin('PUT', '/*', profile);
        const statuses: number[] = [];
        for (let i = 0; i < 16; i++) statuses.push((await parts()).status);
        return statuses;
      };
      const first = await run();
      expect(await run()).toEqual(first);
      expect(new Set(first)).toEqual(new Set([200, 429, 503]));
    });
  });

  it('keeps its data across a restart instead of seeding twice', async () => {
    await mock.close();
    mock = await startPlmMock(config());
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT count(*)::int AS n FROM plm_mock.parts WHERE number = 'PUMP-100'");
      expect(rows[0].n).toBe(2);
      const all = await client.query('SELECT count(*)::int AS n FROM plm_mock.parts');
      expect(all.rows[0].n).toBe(ALL_PARTS + 3);
      const documents = await client.query('SELECT count(*)::int AS n FROM plm_mock.documents');
      expect(documents.rows[0].n).toBe(28);
    } finally {
      await client.end();
    }
    expect((await partVersion('PUMP-100', 'B'))?.State.Value).toBe('RELEASED');
  });

  describe('effectivity kinds and review votes', () => {
    const review = (notice: Notice, body: object) =>
      call<Notice & { error: { code: string; message: string } }>(`ChangeMgmt/ChangeNotices('${notice.ID}')/PTC.ChangeMgmt.RecordReview`, { method: 'POST', body });
    const reviewCount = async (): Promise<number> => {
      const client = new Client({ connectionString: db.url });
      await client.connect();
      try {
        return (await client.query('SELECT count(*)::int AS n FROM plm_mock.change_notice_reviews')).rows[0].n;
      } finally {
        await client.end();
      }
    };

    it('stores serial-number and lot-number effectivity and returns them, a dated notice by default', async () => {
      const serial = await call<Notice>('ChangeMgmt/ChangeNotices', {
        method: 'POST',
        body: sealNotice({ EffectivityType: { Value: 'SERIAL_NUMBER' }, SerialNumberRange: { Start: 'SN-1000', End: 'SN-1999' }, LotNumbers: ['LOT-IGNORED'] }),
      });
      expect(serial.status).toBe(201);
      expect(serial.body).toMatchObject({
        EffectivityType: { Value: 'SERIAL_NUMBER', Display: 'Serial Number' },
        SerialNumberRange: { Start: 'SN-1000', End: 'SN-1999' },
        LotNumbers: null,
        NeedDate: '2026-12-01T00:00:00.000Z',
      });
      const lot = await call<Notice>('ChangeMgmt/ChangeNotices', {
        method: 'POST',
        body: sealNotice({ EffectivityType: { Value: 'LOT_NUMBER' }, LotNumbers: ['LOT-2026-48', 'LOT-2026-49'] }),
      });
      expect(lot.body).toMatchObject({ EffectivityType: { Value: 'LOT_NUMBER' }, SerialNumberRange: null, LotNumbers: ['LOT-2026-48', 'LOT-2026-49'] });
      const reread = await call<Collection<Notice>>(`ChangeMgmt/ChangeNotices?$filter=${encodeURIComponent("EffectivityType eq 'LOT_NUMBER'")}`);
      expect(reread.body.value.map((n) => n.Number)).toEqual([lot.body.Number]);
      const dated = await call<Notice>('ChangeMgmt/ChangeNotices', { method: 'POST', body: sealNotice() });
      expect(dated.body).toMatchObject({ EffectivityType: { Value: 'DATE' }, SerialNumberRange: null, LotNumbers: null, ReviewRoles: [], Reviews: [] });
    });

    it('refuses serial effectivity without a range and lot effectivity without lots (400), creating nothing', async () => {
      const count = async () => (await call<Collection<Notice>>('ChangeMgmt/ChangeNotices?$top=1000')).body.value.length;
      const before = await count();
      const noRange = await call<{ error: { code: string; details: Array<{ target: string }> } }>('ChangeMgmt/ChangeNotices', {
        method: 'POST',
        body: sealNotice({ EffectivityType: { Value: 'SERIAL_NUMBER' } }),
      });
      expect(noRange.status).toBe(400);
      expect(noRange.body.error.details.map((d) => d.target)).toEqual(['SerialNumberRange']);
      const noLots = await call<{ error: { code: string; details: Array<{ target: string }> } }>('ChangeMgmt/ChangeNotices', {
        method: 'POST',
        body: sealNotice({ EffectivityType: { Value: 'LOT_NUMBER' }, LotNumbers: [] }),
      });
      expect(noLots.status).toBe(400);
      expect(noLots.body.error.details.map((d) => d.target)).toEqual(['LotNumbers']);
      expect(await count()).toBe(before);
    });

    it('records one vote per review role, refuses a second vote (409), a role not asked (400) and a released notice (409)', async () => {
      const created = await call<Notice>('ChangeMgmt/ChangeNotices', { method: 'POST', body: sealNotice({ ReviewRoles: ['engineering', 'quality'] }) });
      expect(created.body).toMatchObject({ ReviewRoles: ['engineering', 'quality'], Reviews: [] });

      const voted = await review(created.body, { Role: 'quality', Reviewer: 'q-lead', Vote: { Value: 'REJECT' }, Comments: 'FKM not qualified yet' });
      expect(voted.status).toBe(200);
      expect(voted.body.Reviews).toEqual([
        { Role: 'quality', Reviewer: 'q-lead', Vote: { Value: 'REJECT', Display: 'Reject' }, Comments: 'FKM not qualified yet', VotedOn: expect.any(String) },
      ]);
      const before = await reviewCount();

      const twice = await review(created.body, { Role: 'quality', Reviewer: 'someone-else', Vote: { Value: 'APPROVE' } });
      expect(twice).toMatchObject({ status: 409, body: { error: { code: 'ReviewAlreadyRecorded' } } });
      const unknown = await review(created.body, { Role: 'purchasing', Reviewer: 'p-lead', Vote: { Value: 'APPROVE' } });
      expect(unknown).toMatchObject({ status: 400, body: { error: { code: 'InvalidReviewRole' } } });
      const malformed = await review(created.body, { Role: 'engineering', Reviewer: 'e-lead', Vote: { Value: 'MAYBE' } });
      expect(malformed).toMatchObject({ status: 400, body: { error: { code: 'InvalidRequestBody' } } });
      const released = (await call<Collection<Notice>>(`ChangeMgmt/ChangeNotices?$filter=${encodeURIComponent("State eq 'RELEASED'")}&$top=1`)).body.value[0];
      const late = await review(released, { Role: 'quality', Reviewer: 'q-lead', Vote: { Value: 'APPROVE' } });
      expect(late).toMatchObject({ status: 409, body: { error: { code: 'InvalidStateTransition' } } });
      expect(await reviewCount()).toBe(before);

      const again = await call<Notice>(`ChangeMgmt/ChangeNotices('${created.body.ID}')`);
      expect(again.body.Reviews.map((r) => [r.Role, r.Reviewer, r.Vote.Value])).toEqual([['quality', 'q-lead', 'REJECT']]);
    });
  });

  describe('duplicate deliveries (fault profile duplicateWebhookRate, scope `*`)', () => {
    let operator: string;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let subscriptionId: string;
    const SECRET = 'duplicate-secret-0123456789';
    const asOperator = (method: string, path: string, body?: unknown) => httpCall(method, `${mock.url}${path}`, { token: operator, body });

    beforeAll(async () => {
      operator = await idp.token('operator');
      receiver = await startReceiver();
      const subscribed = await asOperator('POST', `${ROOT}/EventMgmt/Subscriptions`, { URL: receiver.url, Secret: SECRET, Events: ['CHANGE_NOTICE_RELEASED'] });
      expect(subscribed.status).toBe(201);
      subscriptionId = subscribed.body.ID;
    });

    afterAll(async () => {
      await asOperator('DELETE', '/admin/faults');
      await asOperator('DELETE', `${ROOT}/EventMgmt/Subscriptions('${subscriptionId}')`);
      await receiver?.close();
    });

    /** Releases PUMP-100 from one revision to the next; answers the notice number once every delivery (duplicates included) is done. */
    async function releasePump(from: string, to: string): Promise<string> {
      const created = await call<Notice>('ChangeMgmt/ChangeNotices', {
        method: 'POST',
        body: sealNotice({}, { FromVersion: from, ToVersion: to, BOMChanges: [{ Action: 'Replace', ComponentNumber: 'BOLT-M8', Quantity: 6 }] }),
      });
      expect(created.status).toBe(201);
      const released = await call<Notice>(`ChangeMgmt/ChangeNotices('${created.body.ID}')/PTC.ChangeMgmt.Release`, { method: 'POST' });
      expect(released.status).toBe(200);
      await eventually(async () => (deliveriesOf(created.body.Number).length > 0 ? true : undefined), `the delivery of ${created.body.Number}`);
      await mock.app.get(WebhookDispatcher).idle();
      return created.body.Number;
    }

    const deliveriesOf = (number: string) => receiver.received.filter((d) => (JSON.parse(d.body) as { Number?: string }).Number === number);

    it('with rate 1, sends an acknowledged delivery once more: the same delivery id and body, signed afresh', async () => {
      expect((await asOperator('PUT', '/admin/faults/*', { duplicateWebhookRate: 1, seed: 3 })).status).toBe(200);
      const number = await releasePump('B', 'C');
      const deliveries = deliveriesOf(number);
      expect(deliveries).toHaveLength(2);
      const [first, again] = deliveries;
      expect(again.headers['x-ptc-delivery']).toBe(first.headers['x-ptc-delivery']);
      expect(again.body).toBe(first.body);
      for (const delivery of deliveries) {
        const expected = createHmac('sha256', SECRET).update(`${String(delivery.headers['x-ptc-timestamp'])}.${delivery.body}`).digest('hex');
        expect(delivery.headers['x-ptc-signature']).toBe(`sha256=${expected}`);
      }
      // The subscription records the delivery, not its duplicate.
      expect((await asOperator('GET', `${ROOT}/EventMgmt/Subscriptions('${subscriptionId}')`)).body.LastDelivery).toMatchObject({ Status: 200, Attempts: 1 });
    });

    it('without a profile, sends each delivery once', async () => {
      expect((await asOperator('DELETE', '/admin/faults')).status).toBe(204);
      const number = await releasePump('C', 'D');
      expect(deliveriesOf(number)).toHaveLength(1);
    });
  });
});
