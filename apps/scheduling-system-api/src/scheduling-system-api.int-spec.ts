import { decideFault, FaultDecision, FaultProfileDto, RunningApp, seededRandom } from '@threadline/platform';
import { startSchedulerMock } from '../../scheduler-mock/src/scheduler-mock.app';
import { SchedulerMockConfig } from '../../scheduler-mock/src/scheduler-mock.config';
import { call as httpCall } from '../../../test/support/http';
import { startTestIdp, TestIdp } from '../../../test/support/idp';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { startSchedulingSystemApi } from './scheduling-system-api.app';
import { SchedulingSystemApiConfig } from './scheduling-system-api.config';

interface Json {
  status: number;
  contentType: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const EFFECTIVE_FROM = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 0, 4)).toISOString();

function pumpChangeB(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    changeNumber: 'ECN-000042',
    itemNumber: 'PUMP-100',
    revision: 'B',
    effectiveFrom: EFFECTIVE_FROM,
    components: [
      { componentNumber: 'HOUSING-110', quantity: 1, unit: 'EA' },
      { componentNumber: 'IMPELLER-120', quantity: 1, unit: 'EA' },
      { componentNumber: 'SHAFT-130', quantity: 1, unit: 'EA' },
      { componentNumber: 'SEAL-210', quantity: 2, unit: 'EA' },
      { componentNumber: 'MOTOR-140', quantity: 1, unit: 'EA' },
      { componentNumber: 'BOLT-M8', quantity: 8, unit: 'EA' },
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

describe('scheduling-system-api over the simulated frePPLe (real Postgres, real HTTP)', () => {
  let db: TestDatabase;
  let idp: TestIdp;
  let mock: RunningApp;
  let api: RunningApp;
  let processToken: string;
  let connectorToken: string;

  async function call(base: string, path: string, init: { method?: string; body?: unknown; token?: string | null } = {}): Promise<Json> {
    const token = init.token === undefined ? processToken : init.token;
    const response = await fetch(`${base}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : undefined };
  }

  const apiCall = (path: string, init?: Parameters<typeof call>[2]) => call(api.url, path, init);
  const mockCall = (path: string) => call(mock.url, path, { token: connectorToken });

  beforeAll(async () => {
    db = await createTestDatabase('scheduling');
    idp = await startTestIdp(db.url);
    mock = await startSchedulerMock(
      Object.assign(new SchedulerMockConfig(), { port: 0, databaseUrl: db.url, jwksUrl: idp.jwksUrl, jwtIssuer: idp.issuer }),
    );
    api = await startSchedulingSystemApi(
      Object.assign(new SchedulingSystemApiConfig(), {
        port: 0,
        databaseUrl: db.url,
        jwksUrl: idp.jwksUrl,
        jwtIssuer: idp.issuer,
        tokenUrl: idp.tokenUrl,
        schedulerBaseUrl: mock.url,
        schedulerTimeoutMs: 5_000,
      }),
    );
    processToken = await idp.token('threadline-process');
    connectorToken = await idp.token('threadline-connector');
  });

  afterAll(async () => {
    await api?.close();
    await mock?.close().catch(() => undefined);
    await idp?.close();
    await db?.drop();
  });

  it('lists the resources of P1 with their calendars, and the two CNC machines of P3', async () => {
    const p1 = await apiCall('/v1/plants/P1/resources');
    expect(p1.status).toBe(200);
    expect(p1.body).toEqual([
      { id: 'P1-ASSY', plant: 'P1', name: 'Assembly line', capacity: 1, calendarId: 'P1-2SHIFT' },
      { id: 'P1-CNC', plant: 'P1', name: 'CNC machining centre', capacity: 1, calendarId: 'P1-2SHIFT' },
      { id: 'P1-TEST', plant: 'P1', name: 'Test bench', capacity: 1, calendarId: 'P1-2SHIFT' },
    ]);
    const p3 = await apiCall('/v1/plants/P3/resources');
    expect(p3.body.map((r: { id: string }) => r.id)).toEqual(['P3-ASSY', 'P3-CNC-1', 'P3-CNC-2', 'P3-TEST']);
  });

  it('lists the jobs of P1 with a feasible plan from the latest run', async () => {
    const page = await apiCall('/v1/plants/P1/jobs?limit=200');
    expect(page.status).toBe(200);
    expect(page.body.nextCursor).toBeNull();
    const jobs = page.body.items as Array<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(jobs.length).toBeGreaterThanOrEqual(10);
    expect(new Set(jobs.map((j) => j.status))).toEqual(new Set(['created', 'released', 'in-progress', 'completed']));
    const open = jobs.filter((j) => j.status !== 'completed');
    const busy = new Map<string, Array<[number, number]>>();
    for (const job of open) {
      expect(job.plannedStart).not.toBeNull();
      expect(job.operations.length).toBeGreaterThan(0);
      expect(job.plannedStart).toBe(job.operations[0].start);
      expect(job.plannedEnd).toBe(job.operations[job.operations.length - 1].end);
      const lateMs = Date.parse(job.plannedEnd) - Date.parse(job.dueDate);
      expect(job.lateHours).toBeCloseTo(Math.max(0, lateMs / 3_600_000), 1);
      for (let i = 0; i < job.operations.length; i++) {
        const op = job.operations[i];
        if (i > 0) {
          expect(op.sequence).toBeGreaterThan(job.operations[i - 1].sequence);
          expect(Date.parse(op.start)).toBeGreaterThanOrEqual(Date.parse(job.operations[i - 1].end));
        }
        busy.set(op.resourceId, [...(busy.get(op.resourceId) ?? []), [Date.parse(op.start), Date.parse(op.end)]]);
      }
    }
    for (const intervals of busy.values()) {
      const sorted = intervals.sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i][0]).toBeGreaterThanOrEqual(sorted[i - 1][1]);
    }
  });

  it('filters jobs by item and status, and pages with a cursor', async () => {
    const pumps = await apiCall('/v1/plants/P1/jobs?itemNumber=PUMP-100');
    expect(pumps.body.items.length).toBeGreaterThan(0);
    expect(pumps.body.items.every((j: { itemNumber: string }) => j.itemNumber === 'PUMP-100')).toBe(true);
    const completed = await apiCall('/v1/plants/P1/jobs?status=completed');
    expect(completed.body.items.length).toBe(2);
    expect(completed.body.items.every((j: { status: string; operations: unknown[] }) => j.status === 'completed' && j.operations.length === 0)).toBe(true);
    const all = (await apiCall('/v1/plants/P1/jobs')).body.items.map((j: { id: string }) => j.id);
    const first = await apiCall('/v1/plants/P1/jobs?limit=5');
    expect(first.body.items).toHaveLength(5);
    const second = await apiCall(`/v1/plants/P1/jobs?limit=200&cursor=${first.body.nextCursor}`);
    expect([...first.body.items, ...second.body.items].map((j: { id: string }) => j.id)).toEqual(all);
    expect((await apiCall('/v1/plants/P1/jobs?status=started')).status).toBe(400);
  });

  it('applies the PUMP-100 B change at P2, re-plans, and shows the change', async () => {
    const before = await apiCall('/v1/plants/P2/plan-runs/latest');
    expect(before.status).toBe(200);

    const applied = await apiCall('/v1/plants/P2/production-changes', { method: 'POST', body: pumpChangeB() });
    expect(applied.status).toBe(201);
    expect(applied.body.created).toBe(true);
    expect(applied.body.change).toMatchObject({ plant: 'P2', changeNumber: 'ECN-000042', itemNumber: 'PUMP-100', revision: 'B', effectiveFrom: EFFECTIVE_FROM });
    expect(applied.body.change.components).toEqual(pumpChangeB().components);
    expect(Number(applied.body.planRun.id)).toBeGreaterThan(Number(before.body.id));
    expect(applied.body.planRun).toMatchObject({ plant: 'P2', status: 'finished', trigger: 'ECN-000042' });

    // In frePPLe terms: SEAL-210 starts at the change's date with the change as source; SEAL-200 ends there.
    const records = (await mockCall('/P2/api/input/operationmaterial/?operation=PUMP-100 @ P2&format=json')).body as Array<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const effective = EFFECTIVE_FROM.slice(0, 19);
    expect(records.find((r) => r.item === 'SEAL-210')).toMatchObject({ quantity: -2, effective_start: effective, source: 'ECN-000042', revision: 'B' });
    expect(records.find((r) => r.item === 'SEAL-200')).toMatchObject({ effective_end: effective, source: 'initial-load' });

    const shown = await apiCall('/v1/plants/P2/production-changes?changeNumber=ECN-000042');
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual([applied.body.change]);
    expect((await apiCall('/v1/plants/P1/production-changes?changeNumber=ECN-000042')).body).toEqual([]);
    expect((await apiCall('/v1/plants/P2/plan-runs/latest')).body.id).toBe(applied.body.planRun.id);
  });

  it('changes nothing when the same change is applied again', async () => {
    const count = async () => ((await mockCall('/P2/api/input/operationmaterial/')).body as unknown[]).length;
    const recordsBefore = await count();
    const latestBefore = (await apiCall('/v1/plants/P2/plan-runs/latest')).body;
    const again = await apiCall('/v1/plants/P2/production-changes', { method: 'POST', body: pumpChangeB() });
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);
    expect(again.body.planRun).toEqual(latestBefore);
    expect(again.body.change.components).toEqual(pumpChangeB().components);
    expect(await count()).toBe(recordsBefore);
  });

  it('re-plans on request', async () => {
    const before = (await apiCall('/v1/plants/P3/plan-runs/latest')).body;
    const run = await apiCall('/v1/plants/P3/plan-runs', { method: 'POST' });
    expect(run.status).toBe(201);
    expect(Number(run.body.id)).toBeGreaterThan(Number(before.id));
    expect(run.body).toMatchObject({ plant: 'P3', status: 'finished', trigger: null });
    expect(run.body.jobsPlanned).toBe(12);
  });

  it('answers an unknown plant with 404 problem+json that keeps the backend error', async () => {
    const response = await apiCall('/v1/plants/P9/resources');
    expect(response.status).toBe(404);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body).toMatchObject({ code: 'NOT_FOUND', status: 404, backendError: { detail: expect.stringContaining('P9') } });
    expect((await apiCall('/v1/plants/P9/production-changes', { method: 'POST', body: pumpChangeB() })).status).toBe(404);
  });

  it('refuses a malformed change with 400 and writes nothing', async () => {
    const count = async () => ((await mockCall('/P1/api/input/operationmaterial/')).body as unknown[]).length;
    const before = await count();
    const malformed = [
      pumpChangeB({ changeNumber: 'ECN-BAD-1', components: [{ componentNumber: 'SEAL-210', quantity: -2, unit: 'EA' }] }),
      pumpChangeB({ changeNumber: 'ECN-BAD-2', effectiveFrom: 'next tuesday' }),
      pumpChangeB({ changeNumber: 'ECN-BAD-3', unexpected: true }),
      { changeNumber: 'ECN-BAD-4', itemNumber: 'PUMP-100' },
    ];
    for (const body of malformed) {
      const response = await apiCall('/v1/plants/P1/production-changes', { method: 'POST', body });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    expect(await count()).toBe(before);
    expect((await mockCall('/P1/api/input/operationmaterial/?source__in=ECN-BAD-1,ECN-BAD-2,ECN-BAD-3,ECN-BAD-4')).body).toEqual([]);
  });

  it('refuses an experience token with 403 and a missing token with 401', async () => {
    const dashboard = await idp.token('dashboard');
    const forbidden = await apiCall('/v1/plants/P1/resources', { token: dashboard });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('INSUFFICIENT_SCOPE');
    expect((await apiCall('/v1/plants/P1/production-changes', { method: 'POST', body: pumpChangeB(), token: dashboard })).status).toBe(403);
    expect((await apiCall('/v1/plants/P1/resources', { token: null })).status).toBe(401);
  });

  /*
   * Resilience against the simulated frePPLe's injected faults (set per plant through its admin
   * API), on a second instance of the API with a 300 ms timeout towards the scheduler. Premises
   * about which attempt meets which fault are computed from the same seeded sequence the mock uses.
   */
  describe('under injected scheduler faults', () => {
    let impatient: RunningApp;
    let operator: string;
    const faults = async (method: 'PUT' | 'DELETE', scope: string, profile?: FaultProfileDto) =>
      (await httpCall(method, `${mock.url}/admin/faults${scope ? `/${scope}` : ''}`, { token: operator, body: profile })).status;
    const viaImpatient = (method: string, path: string) => httpCall(method, `${impatient.url}${path}`, { token: processToken });
    const outageNow = () => ({ outages: [{ from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() }] });

    beforeAll(async () => {
      operator = await idp.token('operator');
      impatient = await startSchedulingSystemApi(
        Object.assign(new SchedulingSystemApiConfig(), {
          port: 0,
          databaseUrl: db.url,
          jwksUrl: idp.jwksUrl,
          jwtIssuer: idp.issuer,
          tokenUrl: idp.tokenUrl,
          schedulerBaseUrl: mock.url,
          schedulerTimeoutMs: 300,
        }),
      );
    });

    afterEach(async () => {
      expect(await faults('DELETE', '')).toBe(204);
    });

    afterAll(async () => {
      await impatient?.close();
    });

    it("retries an idempotent read through a plant's 429s, and gives up after its retries with a 503 naming frePPLe", async () => {
      const expected = (await apiCall('/v1/plants/P1/resources')).body;
      const profile = { rateLimitRate: 0.5 };
      await faults('PUT', 'P1', { ...profile, seed: seedStartingWith(profile, ['rate-limited', 'rate-limited', 'pass']) });
      const resources = await viaImpatient('GET', '/v1/plants/P1/resources');
      // The mock refused the first two attempts: only a client that retried twice gets the list.
      expect(resources.status).toBe(200);
      expect(resources.body).toEqual(expected);

      await faults('PUT', 'P1', { ...profile, seed: seedStartingWith(profile, ['rate-limited', 'rate-limited', 'rate-limited', 'pass']) });
      const exhausted = await viaImpatient('GET', '/v1/plants/P1/resources');
      // A fourth attempt would have passed: the client stops after two retries.
      expect(exhausted.status).toBe(503);
      expect(exhausted.headers.get('content-type')).toContain('application/problem+json');
      expect(exhausted.headers.get('retry-after')).toBe('1');
      expect(exhausted.body).toMatchObject({ code: 'BACKEND_ERROR', backend: 'frePPLe', backendStatus: 429, backendError: { detail: expect.stringContaining('rate limit') } });
    });

    it('answers 503 problem+json naming frePPLe while P3 is in an outage window, P1 meanwhile answers, and P3 recovers once healed', async () => {
      await faults('PUT', 'P3', outageNow());
      const down = await viaImpatient('GET', '/v1/plants/P3/resources');
      expect(down.status).toBe(503);
      expect(down.headers.get('content-type')).toContain('application/problem+json');
      expect(down.body).toMatchObject({ code: 'BACKEND_ERROR', backend: 'frePPLe', backendStatus: 503 });
      expect((await viaImpatient('GET', '/v1/plants/P1/resources')).status).toBe(200);

      expect(await faults('DELETE', '')).toBe(204);
      const healed = await viaImpatient('GET', '/v1/plants/P3/resources');
      expect(healed.status).toBe(200);
      expect(healed.body.map((r: { id: string }) => r.id)).toEqual(['P3-ASSY', 'P3-CNC-1', 'P3-CNC-2', 'P3-TEST']);
    });

    it('answers 504 problem+json when the scheduler is slower than the timeout, and succeeds once healed', async () => {
      await faults('PUT', 'P1', { latencyMinMs: 1_000, latencyMaxMs: 1_000 });
      const slow = await viaImpatient('GET', '/v1/plants/P1/resources');
      expect(slow.status).toBe(504);
      expect(slow.headers.get('content-type')).toContain('application/problem+json');
      expect(slow.body).toMatchObject({ code: 'BACKEND_TIMEOUT', backend: 'frePPLe' });

      expect(await faults('DELETE', '')).toBe(204);
      expect((await viaImpatient('GET', '/v1/plants/P1/resources')).status).toBe(200);
    });

    it('never retries launching a plan run (a POST without idempotency key): refused once, run once after healing', async () => {
      const taskIds = async () => Object.keys((await mockCall('/P3/execute/api/status/')).body).map(Number);
      const before = await taskIds();

      await faults('PUT', 'P3', { errorRate: 1 });
      const refused = await viaImpatient('POST', '/v1/plants/P3/plan-runs');
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ code: 'BACKEND_ERROR', backend: 'frePPLe' });

      // Only the first attempt fails in this sequence: a retried POST would have launched the run.
      const profile = { errorRate: 0.5 };
      await faults('PUT', 'P3', { ...profile, seed: seedStartingWith(profile, ['error', 'pass']) });
      expect((await viaImpatient('POST', '/v1/plants/P3/plan-runs')).status).toBe(503);

      expect(await faults('DELETE', '')).toBe(204);
      expect(await taskIds()).toEqual(before);
      const run = await viaImpatient('POST', '/v1/plants/P3/plan-runs');
      expect(run.status).toBe(201);
      const added = (await taskIds()).filter((id) => !before.includes(id));
      expect(added).toEqual([Number(run.body.id)]);
    });
  });

  it('answers 503 problem+json when the scheduler is down', async () => {
    await mock.close();
    const response = await apiCall('/v1/plants/P1/resources');
    expect(response.status).toBe(503);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body).toMatchObject({ code: 'BACKEND_UNAVAILABLE', backend: 'frePPLe' });
    expect((await apiCall('/v1/plants/P1/plan-runs', { method: 'POST' })).status).toBe(503);
  });
});
