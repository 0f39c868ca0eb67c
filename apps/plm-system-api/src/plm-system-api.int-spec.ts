import { BomDto, CreateEngineeringChangeDto, EngineeringChangeDto, EventTypes, ItemDto } from '@threadline/canonical';
import { EngineeringChangePageDto } from '@threadline/canonical/plm/engineering-change-page.dto';
import { decideFault, FaultDecision, FaultProfileDto, RunningApp, seededRandom } from '@threadline/platform';
import { Client } from 'pg';
import { PlmMockConfig } from '../../plm-mock/src/plm-mock.config';
import { startPlmMock } from '../../plm-mock/src/plm-mock.app';
import { call as httpCall } from '../../../test/support/http';
import { startTestIdp, TestIdp } from '../../../test/support/idp';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { PlmSystemApiConfig } from './plm-system-api.config';
import { startPlmSystemApi } from './plm-system-api.app';

interface Problem {
  status: number;
  code: string;
  detail?: string;
  backendError?: { error: { code: string; message: string } };
  errors?: Array<{ field: string }>;
}

function sealChange(overrides: Partial<CreateEngineeringChangeDto> = {}): CreateEngineeringChangeDto {
  return {
    title: 'Replace obsolete shaft seal',
    description: 'Supplier discontinued SEAL-200; SEAL-210 (FKM) is form-fit-function compatible.',
    priority: 'high',
    targetPlants: ['P1', 'P2', 'P3'],
    effectivity: { type: 'date', startDate: '2026-12-01T00:00:00.000Z' },
    affectedItems: [
      {
        itemNumber: 'PUMP-100',
        fromRevision: 'A',
        toRevision: 'B',
        disposition: 'use-up',
        bomChanges: [{ action: 'replace', componentNumber: 'SEAL-200', replacementNumber: 'SEAL-210' }],
      },
    ],
    ...overrides,
  };
}

/**
 * The first seed whose fault sequence under `profile` begins with `kinds`, found by running the
 * mock's own decision function: a test's premise about which attempt meets which fault is computed.
 */
function seedStartingWith(profile: FaultProfileDto, kinds: Array<FaultDecision['kind']>): number {
  for (let seed = 1; seed < 100_000; seed++) {
    const random = seededRandom(seed);
    if (kinds.every((kind) => decideFault(profile, random, new Date()).kind === kind)) return seed;
  }
  throw new Error(`no seed begins with ${kinds.join(', ')}`);
}

/*
 * The system API is tested against the simulated Windchill over real HTTP: that the test imports
 * the mock's start function is test wiring only; the API itself reaches the mock through HTTP.
 */
describe('plm-system-api over plm-mock (real Postgres, real HTTP)', () => {
  let db: TestDatabase;
  let idp: TestIdp;
  let mock: RunningApp;
  let api: RunningApp;
  let token: string;
  let sql: Client;

  async function call<T>(path: string, init: { method?: string; body?: unknown; token?: string | null } = {}) {
    const auth = init.token === null ? undefined : (init.token ?? token);
    const response = await fetch(`${api.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(auth ? { authorization: `Bearer ${auth}` } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: (await response.json()) as T };
  }

  async function noticeCount(): Promise<number> {
    return (await sql.query('SELECT count(*)::int AS n FROM plm_mock.change_notices')).rows[0].n;
  }

  beforeAll(async () => {
    db = await createTestDatabase('plm_system_api');
    idp = await startTestIdp(db.url);
    mock = await startPlmMock(Object.assign(new PlmMockConfig(), { port: 0, databaseUrl: db.url, jwksUrl: idp.jwksUrl, jwtIssuer: idp.issuer }));
    api = await startPlmSystemApi(
      Object.assign(new PlmSystemApiConfig(), {
        port: 0,
        databaseUrl: db.url,
        jwksUrl: idp.jwksUrl,
        jwtIssuer: idp.issuer,
        tokenUrl: idp.tokenUrl,
        plmBaseUrl: mock.url,
        plmTimeoutMs: 3_000,
      }),
    );
    token = await idp.token('threadline-process');
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await api?.close();
    await mock?.close();
    await idp?.close();
    await db?.drop();
  });

  it('reads an item with its revisions, and its revision A BOM, in canonical form', async () => {
    const item = await call<ItemDto>('/v1/items/PUMP-100');
    expect(item.status).toBe(200);
    expect(item.body).toMatchObject({ number: 'PUMP-100', name: 'Centrifugal pump assembly', unit: 'EA', sourcing: 'make', latestReleasedRevision: 'A' });
    expect(item.body.revisions).toEqual([expect.objectContaining({ itemNumber: 'PUMP-100', revision: 'A', state: 'RELEASED', changeNumber: null })]);

    const bom = await call<BomDto>('/v1/items/PUMP-100/revisions/A/bom');
    expect(bom.status).toBe(200);
    expect(bom.body.lines.map((l) => [l.findNumber, l.componentNumber, l.quantity, l.unit])).toEqual([
      [10, 'HOUSING-110', 1, 'EA'],
      [20, 'IMPELLER-120', 1, 'EA'],
      [30, 'SHAFT-130', 1, 'EA'],
      [40, 'SEAL-200', 2, 'EA'],
      [50, 'MOTOR-140', 1, 'EA'],
      [60, 'BOLT-M8', 8, 'EA'],
    ]);
  });

  it('answers an unknown item or revision with a 404 problem', async () => {
    const item = await call<Problem>('/v1/items/NOPE-1');
    expect(item.status).toBe(404);
    expect(item.contentType).toContain('application/problem+json');
    expect(item.body.code).toBe('NOT_FOUND');
    const bom = await call<Problem>('/v1/items/PUMP-100/revisions/Q/bom');
    expect(bom).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });

  it('refuses a call without a token (401) and a dashboard token (403)', async () => {
    expect((await call<Problem>('/v1/items/PUMP-100', { token: null })).status).toBe(401);
    const dashboard = await call<Problem>('/v1/items/PUMP-100', { token: await idp.token('dashboard') });
    expect(dashboard).toMatchObject({ status: 403, body: { code: 'INSUFFICIENT_SCOPE' } });
    const write = await call<Problem>('/v1/engineering-changes', { method: 'POST', body: sealChange(), token: await idp.token('dashboard') });
    expect(write.status).toBe(403);
  });

  it('refuses a malformed engineering change with a 400 problem and creates nothing in PLM', async () => {
    const before = await noticeCount();
    const { status, contentType, body } = await call<Problem>('/v1/engineering-changes', {
      method: 'POST',
      body: { ...sealChange(), targetPlants: [], effectivity: { type: 'date', startDate: 'next tuesday' }, unexpected: true },
    });
    expect(status).toBe(400);
    expect(contentType).toContain('application/problem+json');
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors!.map((e) => e.field)).toEqual(expect.arrayContaining(['targetPlants', 'effectivity.startDate', 'unexpected']));
    expect(await noticeCount()).toBe(before);
  });

  let released: EngineeringChangeDto;

  it('creates the SEAL-210 change (OPEN) and releases it into PUMP-100 B, whose BOM has SEAL-210 and not SEAL-200', async () => {
    const created = await call<EngineeringChangeDto>('/v1/engineering-changes', { method: 'POST', body: sealChange() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'OPEN', priority: 'high', targetPlants: ['P1', 'P2', 'P3'], releasedAt: null });
    expect(created.body.number).toMatch(/^ECN-\d{6}$/);
    expect(created.body.affectedItems).toEqual(sealChange().affectedItems);

    const release = await call<EngineeringChangeDto>(`/v1/engineering-changes/${created.body.number}/release`, { method: 'POST' });
    expect(release.status).toBe(200);
    expect(release.body.state).toBe('RELEASED');
    expect(release.body.releasedAt).not.toBeNull();
    released = release.body;

    const bom = await call<BomDto>('/v1/items/PUMP-100/revisions/B/bom');
    const components = bom.body.lines.map((l) => l.componentNumber);
    expect(components).toContain('SEAL-210');
    expect(components).not.toContain('SEAL-200');
    expect(bom.body.lines.find((l) => l.componentNumber === 'SEAL-210')).toMatchObject({ findNumber: 40, quantity: 2, referenceDesignators: ['S1', 'S2'] });

    const item = await call<ItemDto>('/v1/items/PUMP-100');
    expect(item.body.latestReleasedRevision).toBe('B');
    expect(item.body.revisions.map((r) => [r.revision, r.state, r.changeNumber])).toEqual([
      ['A', 'SUPERSEDED', null],
      ['B', 'RELEASED', created.body.number],
    ]);
    expect((await call<EngineeringChangeDto>(`/v1/engineering-changes/${created.body.number}`)).body).toEqual(released);
  });

  it('makes a repeated release harmless: 200 with the change, one revision B, exactly one outbox event', async () => {
    const again = await call<EngineeringChangeDto>(`/v1/engineering-changes/${released.number}/release`, { method: 'POST' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(released);
    const { rows } = await sql.query('SELECT subject, event FROM plm_system_api.outbox WHERE type = $1', [EventTypes.EngineeringChangeReleased]);
    expect(rows).toHaveLength(1);
    expect(rows[0].subject).toBe(released.number);
    expect(rows[0].event).toMatchObject({ specversion: '1.0', source: '/threadline/plm-system-api', data: { change: released } });
    const versions = await sql.query("SELECT version FROM plm_mock.parts WHERE number = 'PUMP-100' ORDER BY version");
    expect(versions.rows.map((r) => r.version)).toEqual(['A', 'B']);
  });

  it('passes on what PLM refuses: a change whose items do not resolve is a 422 problem carrying the Windchill error', async () => {
    const created = await call<EngineeringChangeDto>('/v1/engineering-changes', {
      method: 'POST',
      body: sealChange({ affectedItems: [{ ...sealChange().affectedItems[0], itemNumber: 'GHOST-999' }] }),
    });
    const release = await call<Problem>(`/v1/engineering-changes/${created.body.number}/release`, { method: 'POST' });
    expect(release.status).toBe(422);
    expect(release.body.code).toBe('BACKEND_ERROR');
    expect(release.body.backendError?.error.code).toBe('InvalidAffectedObject');
    expect((await call<Problem>('/v1/engineering-changes/ECN-999999')).status).toBe(404);
  });

  it('lists changes with cursor pagination, and the released ones since a time as a feed', async () => {
    // A second released change, so the feed has two entries in release order.
    const valve = await call<EngineeringChangeDto>('/v1/engineering-changes', {
      method: 'POST',
      body: sealChange({ affectedItems: [{ ...sealChange().affectedItems[0], itemNumber: 'VALVE-300' }] }),
    });
    await call(`/v1/engineering-changes/${valve.body.number}/release`, { method: 'POST' });

    const first = await call<EngineeringChangePageDto>('/v1/engineering-changes?limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await call<EngineeringChangePageDto>(`/v1/engineering-changes?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((c) => c.number)).toEqual([valve.body.number]);
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.items, ...second.body.items].map((c) => c.number)).toEqual(['ECN-000001', 'ECN-000002', 'ECN-000003']);

    const feed = await call<EngineeringChangePageDto>('/v1/engineering-changes?state=RELEASED&releasedSince=2020-01-01T00:00:00Z&limit=1');
    expect(feed.body.items.map((c) => c.number)).toEqual([released.number]);
    const rest = await call<EngineeringChangePageDto>(
      `/v1/engineering-changes?state=RELEASED&releasedSince=2020-01-01T00:00:00Z&limit=1&cursor=${feed.body.nextCursor}`,
    );
    expect(rest.body.items.map((c) => c.number)).toEqual([valve.body.number]);
    const caughtUp = await call<EngineeringChangePageDto>(`/v1/engineering-changes?releasedSince=${encodeURIComponent(rest.body.items[0].releasedAt!)}`);
    expect(caughtUp.body.items).toEqual([]);
    expect((await call<Problem>('/v1/engineering-changes?limit=1000')).status).toBe(400);
  });

  /*
   * Resilience against the simulated Windchill's injected faults (set through its admin API), on
   * a second instance of the API with a 300 ms timeout towards PLM. Premises about which attempt
   * meets which fault are computed from the same seeded sequence the mock uses.
   */
  describe('under injected PLM faults', () => {
    let impatient: RunningApp;
    let operator: string;
    const faults = (method: 'PUT' | 'DELETE', scope: string, profile?: FaultProfileDto) =>
      httpCall(method, `${mock.url}/admin/faults${scope ? `/${scope}` : ''}`, { token: operator, body: profile });
    const viaImpatient = (method: string, path: string, body?: unknown) => httpCall(method, `${impatient.url}${path}`, { token, body });

    beforeAll(async () => {
      operator = await idp.token('operator');
      impatient = await startPlmSystemApi(
        Object.assign(new PlmSystemApiConfig(), {
          port: 0,
          databaseUrl: db.url,
          jwksUrl: idp.jwksUrl,
          jwtIssuer: idp.issuer,
          tokenUrl: idp.tokenUrl,
          plmBaseUrl: mock.url,
          plmTimeoutMs: 300,
        }),
      );
    });

    afterEach(async () => {
      expect((await faults('DELETE', '')).status).toBe(204);
    });

    afterAll(async () => {
      await impatient?.close();
    });

    it('retries an idempotent read through 429s, and gives up after its retries with a 503 naming PLM', async () => {
      const profile = { rateLimitRate: 0.5 };
      await faults('PUT', '*', { ...profile, seed: seedStartingWith(profile, ['rate-limited', 'rate-limited', 'pass']) });
      const item = await viaImpatient('GET', '/v1/items/PUMP-100');
      // The mock refused the first two attempts: only a client that retried twice gets the item.
      expect(item.status).toBe(200);
      expect(item.body).toMatchObject({ number: 'PUMP-100', latestReleasedRevision: 'B' });

      await faults('PUT', '*', { ...profile, seed: seedStartingWith(profile, ['rate-limited', 'rate-limited', 'rate-limited', 'pass']) });
      const exhausted = await viaImpatient('GET', '/v1/items/PUMP-100');
      // A fourth attempt would have passed: the client stops after two retries.
      expect(exhausted.status).toBe(503);
      expect(exhausted.headers.get('content-type')).toContain('application/problem+json');
      expect(exhausted.headers.get('retry-after')).toBe('1');
      expect(exhausted.body).toMatchObject({ code: 'BACKEND_ERROR', backend: 'PLM', backendStatus: 429, backendError: { error: { code: 'TooManyRequests' } } });
    });

    it('answers 503 problem+json naming PLM during an outage window, and the same call succeeds once healed', async () => {
      const now = Date.now();
      await faults('PUT', '*', { outages: [{ from: new Date(now - 60_000).toISOString(), to: new Date(now + 3_600_000).toISOString() }] });
      const down = await viaImpatient('GET', '/v1/items/PUMP-100/revisions/A/bom');
      expect(down.status).toBe(503);
      expect(down.headers.get('content-type')).toContain('application/problem+json');
      expect(down.body).toMatchObject({ code: 'BACKEND_ERROR', backend: 'PLM', backendError: { error: { code: 'ServiceUnavailable' } } });

      expect((await faults('DELETE', '')).status).toBe(204);
      const healed = await viaImpatient('GET', '/v1/items/PUMP-100/revisions/A/bom');
      expect(healed.status).toBe(200);
      expect(healed.body.lines).toHaveLength(6);
    });

    it('answers 504 problem+json when PLM is slower than the timeout, and succeeds once healed', async () => {
      await faults('PUT', '*', { latencyMinMs: 1_000, latencyMaxMs: 1_000 });
      const slow = await viaImpatient('GET', '/v1/items/PUMP-100');
      expect(slow.status).toBe(504);
      expect(slow.headers.get('content-type')).toContain('application/problem+json');
      expect(slow.body).toMatchObject({ code: 'BACKEND_TIMEOUT', backend: 'PLM' });
      expect(slow.body.detail).toContain('300 ms');

      expect((await faults('DELETE', '')).status).toBe(204);
      expect((await viaImpatient('GET', '/v1/items/PUMP-100')).status).toBe(200);
    });

    it('never retries the creation of a change (a POST without idempotency key): refused once, created once after healing', async () => {
      const before = await noticeCount();
      await faults('PUT', '*', { errorRate: 1 });
      const refused = await viaImpatient('POST', '/v1/engineering-changes', sealChange());
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ code: 'BACKEND_ERROR', backend: 'PLM' });
      expect(await noticeCount()).toBe(before);

      // Only the first attempt fails in this sequence: a retried POST would have created the change.
      const profile = { errorRate: 0.5 };
      await faults('PUT', '*', { ...profile, seed: seedStartingWith(profile, ['error', 'pass']) });
      expect((await viaImpatient('POST', '/v1/engineering-changes', sealChange())).status).toBe(503);
      expect(await noticeCount()).toBe(before);

      expect((await faults('DELETE', '')).status).toBe(204);
      const created = await viaImpatient('POST', '/v1/engineering-changes', sealChange());
      expect(created.status).toBe(201);
      expect(await noticeCount()).toBe(before + 1);
      const { rows } = await sql.query('SELECT number FROM plm_mock.change_notices WHERE number > $1', [`ECN-${String(before).padStart(6, '0')}`]);
      expect(rows.map((r) => r.number)).toEqual([created.body.number]);
    });
  });

  it('answers 503 problem when PLM is down, instead of hanging', async () => {
    await mock.close();
    const { status, contentType, body } = await call<Problem>('/v1/items/PUMP-100');
    expect(status).toBe(503);
    expect(contentType).toContain('application/problem+json');
    expect(body.code).toBe('BACKEND_UNAVAILABLE');
  });
});
