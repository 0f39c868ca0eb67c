import { EventTypes, ScheduleExceptionDto } from '@threadline/canonical';
import { FaultProfileDto, RunningApp } from '@threadline/platform';
import { DataSource } from 'typeorm';
import { eventually } from '../../../test/support/eventually';
import { seedStartingWith } from '../../../test/support/faults';
import { call as httpCall } from '../../../test/support/http';
import { startSystemApiUnderTest, SystemApiUnderTest } from '../../../test/support/system-api';
import { signFreppleDelivery } from './connector/frepple-webhook-signature';
import { raisedEventId } from './exceptions/raise-schedule-exception.service';
import { SchedulerWebhookSubscriber } from './exceptions/scheduler-webhook.subscriber';
import { SchedulingSystemApiConfig } from './scheduling-system-api.config';

interface Json {
  status: number;
  contentType: string;
  body: any;
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

describe('scheduling-system-api over the simulated frePPLe (real Postgres, real HTTP)', () => {
  let t: SystemApiUnderTest<'scheduling'>;
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

  const apiCall = (path: string, init?: Parameters<typeof call>[2]) => call(t.api.url, path, init);
  const mockCall = (path: string) => call(t.mock.url, path, { token: connectorToken });

  beforeAll(async () => {
    // Reconciliation runs when a test asks: a background round would add events between a test's before and after.
    t = await startSystemApiUnderTest('scheduling', { label: 'scheduling', api: { schedulerTimeoutMs: 5_000, reconcilePolling: false } });
    processToken = await t.idp.token('threadline-process');
    connectorToken = await t.idp.token('threadline-connector');
    // The API subscribes itself to every plant's exceptions in the background after it boots.
    await eventually(async () => (t.api.app.get(SchedulerWebhookSubscriber).complete ? true : undefined), 'the webhook subscriptions');
  });

  afterAll(() => t?.close());

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
    const jobs = page.body.items as Array<any>;
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
    // Two of the original demo world, the rest the product family's technically completed orders.
    expect(completed.body.items.length).toBe((await mockCall('/P1/api/input/manufacturingorder/?status=completed')).body.length);
    expect(completed.body.items.length).toBeGreaterThan(2);
    expect(completed.body.items.every((j: { status: string; operations: unknown[] }) => j.status === 'completed' && j.operations.length === 0)).toBe(true);
    const all = (await apiCall('/v1/plants/P1/jobs?limit=200')).body.items.map((j: { id: string }) => j.id);
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
    const records = (await mockCall('/P2/api/input/operationmaterial/?operation=PUMP-100 @ P2&format=json')).body as Array<any>;
    const effective = EFFECTIVE_FROM.slice(0, 19);
    expect(records.find((r) => r.item === 'SEAL-210')).toMatchObject({ quantity: -2, effective_start: effective, source: 'ECN-000042', revision: 'B' });
    expect(records.find((r) => r.item === 'SEAL-200')).toMatchObject({ effective_end: effective, source: 'initial-load' });

    const shown = await apiCall('/v1/plants/P2/production-changes?changeNumber=ECN-000042');
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual([applied.body.change]);
    expect((await apiCall('/v1/plants/P1/production-changes?changeNumber=ECN-000042')).body).toEqual([]);
    expect((await apiCall('/v1/plants/P2/plan-runs/latest')).body.id).toBe(applied.body.planRun.id);
  });

  it("adds components new to the plant's scheduler to its item master, a bought one as frePPLe category 'buy'", async () => {
    const components = [
      ...(pumpChangeB().components as object[]).filter((c) => (c as { componentNumber: string }).componentNumber !== 'SEAL-210'),
      { componentNumber: 'SEAL-990', quantity: 2, unit: 'EA', sourcing: 'buy' },
      { componentNumber: 'CARTRIDGE-991', quantity: 1, unit: 'EA', sourcing: 'make' },
    ];
    const applied = await apiCall('/v1/plants/P3/production-changes', { method: 'POST', body: pumpChangeB({ changeNumber: 'ECN-000990', components }) });
    expect(applied.status).toBe(201);
    const items = (await mockCall('/P3/api/input/item/?name__in=SEAL-990,CARTRIDGE-991&format=json')).body as Array<{ name: string; category: string | null; source: string }>;
    expect(items.map((i) => [i.name, i.category, i.source]).sort()).toEqual([
      ['CARTRIDGE-991', 'make', 'ECN-000990'],
      ['SEAL-990', 'buy', 'ECN-000990'],
    ]);
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
    // Every open order: 12 of the original demo world and the product family's.
    expect(run.body.jobsPlanned).toBe((await mockCall('/P3/api/input/manufacturingorder/?status__in=proposed,approved,confirmed')).body.length);
    expect(run.body.jobsPlanned).toBeGreaterThan(12);
  });

  it("lists a plant's work calendars with their shifts and holidays", async () => {
    const p3 = await apiCall('/v1/plants/P3/calendars');
    expect(p3.status).toBe(200);
    expect(p3.body).toHaveLength(1);
    expect(p3.body[0]).toMatchObject({ id: 'P3-3SHIFT', plant: 'P3', timeZone: 'America/Monterrey', workingByDefault: false });
    const entries = p3.body[0].entries as Array<any>;
    expect(entries.filter((e) => e.type === 'shift').map((e) => [e.startTime, e.endTime, e.weekdays.length])).toEqual([
      ['06:00:00', '23:59:59', 5],
      ['00:00:00', '06:00:00', 5],
    ]);
    const holiday = entries.find((e) => e.type === 'holiday');
    expect(holiday).toMatchObject({ working: false, priority: 1 });
    expect(Date.parse(holiday.validTo) - Date.parse(holiday.validFrom)).toBeGreaterThan(23 * 3_600_000);
    expect((await apiCall('/v1/plants/P9/calendars')).status).toBe(404);
  });

  describe('exceptions: the scheduler announces them by signed webhook, the API raises one event each', () => {
    const SECRET = new SchedulingSystemApiConfig().webhookSecret;
    let operator: string;
    let dataSource: DataSource;

    /** The exception events in the outbox, optionally of one plant. */
    const raised = async (plant?: string): Promise<Array<{ id: string; subject: string; event: any }>> =>
      dataSource.query(
        `SELECT id, subject, event FROM scheduling_system_api.outbox WHERE type = $1 AND ($2::text IS NULL OR subject LIKE $2 || '/%') ORDER BY position`,
        [EventTypes.ScheduleExceptionRaised, plant ?? null],
      );
    const eventOf = async (exceptionId: string) => (await raised()).filter((r) => r.event.data.exception.id === exceptionId);
    const deliver = (body: string, headers: Record<string, string>) =>
      fetch(`${t.api.url}/v1/webhooks/scheduler`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }).then(async (r) => ({
        status: r.status,
        contentType: r.headers.get('content-type') ?? '',
        body: (await r.json()) as any,
      }));
    const signed = (body: string, timestamp = Math.floor(Date.now() / 1000)) => ({
      'x-frepple-timestamp': String(timestamp),
      'x-frepple-signature': signFreppleDelivery(SECRET, timestamp, body),
    });

    beforeAll(async () => {
      operator = await t.idp.token('operator');
      dataSource = t.api.app.get(DataSource);
    });

    it('is subscribed to every plant once, and a restart subscribes again without a duplicate', async () => {
      const hooks = async (plant: string) => (await httpCall('GET', `${t.mock.url}/${plant}/api/webhook/`, { token: operator })).body as Array<{ url: string }>;
      for (const plant of ['P1', 'P2', 'P3']) expect((await hooks(plant)).map((h) => h.url)).toEqual([`${t.api.url}/v1/webhooks/scheduler`]);
      const again = await t.startApi({ publicUrl: t.api.url, plants: ['P1'], reconcilePolling: false });
      try {
        await eventually(async () => (again.app.get(SchedulerWebhookSubscriber).complete ? true : undefined), 'the restarted subscription');
      } finally {
        await again.close();
      }
      expect((await hooks('P1')).map((h) => h.url)).toEqual([`${t.api.url}/v1/webhooks/scheduler`]);
    });

    it('reports a quality hold through the scheduler, which announces it: exactly one event, with the job and its ERP work order', async () => {
      const hold = await apiCall('/v1/plants/P1/quality-holds', { method: 'POST', body: { jobId: '1000002', detail: 'Leak test failed on 3 of 25 units; lot blocked' } });
      expect(hold.status).toBe(201);
      expect(hold.body).toEqual({
        id: expect.stringMatching(/^P1-EXC-\d{6}$/),
        plant: 'P1',
        kind: 'quality-hold',
        severity: 'high',
        jobId: '1000002',
        workOrderNumber: '1000002',
        itemNumber: 'PUMP-100',
        resourceId: null,
        detail: 'Leak test failed on 3 of 25 units; lot blocked',
        lateHours: null,
        raisedAt: expect.any(String),
      });
      const [row] = await eventually(async () => ((await eventOf(hold.body.id)).length > 0 ? eventOf(hold.body.id) : undefined), 'the raised event');
      expect(row.subject).toBe('P1/1000002');
      expect(row.event).toMatchObject({ type: EventTypes.ScheduleExceptionRaised, source: '/threadline/scheduling-system-api', data: { exception: hold.body } });

      // Reported again: the same hold, and no second event (the next hold is the barrier).
      const again = await apiCall('/v1/plants/P1/quality-holds', { method: 'POST', body: { jobId: '1000002', detail: 'again' } });
      expect(again.body).toEqual(hold.body);
      const next = await apiCall('/v1/plants/P1/quality-holds', { method: 'POST', body: { jobId: 'MO-P1-0002', detail: 'Porosity in castings' } });
      expect(next.body).toMatchObject({ jobId: 'MO-P1-0002', workOrderNumber: null });
      await eventually(async () => ((await eventOf(next.body.id)).length > 0 ? true : undefined), 'the second hold');
      expect(await eventOf(hold.body.id)).toHaveLength(1);

      const listed = await apiCall('/v1/plants/P1/exceptions?kind=quality-hold');
      expect(listed.body).toEqual({ items: [hold.body, next.body], nextCursor: null });
    });

    it('refuses a malformed hold with 400 and an unknown job with 422, and reports nothing', async () => {
      const before = (await apiCall('/v1/plants/P1/exceptions?limit=200')).body.items;
      expect((await apiCall('/v1/plants/P1/quality-holds', { method: 'POST', body: { jobId: '1000003' } })).status).toBe(400);
      expect((await apiCall('/v1/plants/P1/quality-holds', { method: 'POST', body: { jobId: '1000003', detail: 'x y z', extra: 1 } })).status).toBe(400);
      const unknown = await apiCall('/v1/plants/P1/quality-holds', { method: 'POST', body: { jobId: 'NO-SUCH-JOB', detail: 'Cracked housing' } });
      expect(unknown.status).toBe(422);
      expect(unknown.body.backendError.operationplan).toBeDefined();
      expect((await apiCall('/v1/plants/P1/quality-holds', { method: 'POST', body: { jobId: '1000003', detail: 'x y z' }, token: await t.idp.token('demo-integrator') })).status).toBe(403);
      expect((await apiCall('/v1/plants/P1/exceptions?limit=200')).body.items).toEqual(before);
    });

    it('raises one event for the same delivery received twice', async () => {
      // Which plant has a late job depends on the time of day the demo plan starts from (shift
      // boundaries); P2's material shortages make some of its jobs late at any hour.
      let plant = '';
      let problem: any;
      for (const candidate of ['P2', 'P1', 'P3']) {
        [problem] = (await mockCall(`/${candidate}/api/output/problem/?name=late`)).body;
        plant = candidate;
        if (problem) break;
      }
      expect(problem).toBeDefined();
      const body = JSON.stringify({ event: 'problem', plant, problem });
      const first = await deliver(body, signed(body));
      expect(first.status).toBe(200);
      const second = await deliver(body, signed(body));
      expect(second.status).toBe(200);
      expect(second.body).toEqual({ ...first.body, created: false });
      const rows = await eventOf(problem.id);
      expect(rows).toHaveLength(1);
      expect(rows[0].event.data.exception).toMatchObject({ id: problem.id, kind: 'delay', jobId: problem.owner, lateHours: problem.weight });
    });

    it('refuses a forged, unsigned, tampered or stale delivery with 401 problem+json and records nothing', async () => {
      const before = (await raised()).length;
      const problem = { ...(await mockCall('/P2/api/output/problem/?name=material%20shortage')).body[0], id: 'P2-EXC-999999' };
      const body = JSON.stringify({ event: 'problem', plant: 'P2', problem });
      const timestamp = Math.floor(Date.now() / 1000);
      const attempts = [
        { 'x-frepple-timestamp': String(timestamp), 'x-frepple-signature': `sha256=${'0'.repeat(64)}` },
        { 'x-frepple-timestamp': String(timestamp), 'x-frepple-signature': signFreppleDelivery('a-guessed-secret-0123', timestamp, body) },
        {},
        { 'x-frepple-timestamp': String(timestamp + 1), 'x-frepple-signature': signFreppleDelivery(SECRET, timestamp, body) },
        signed(body, timestamp - 6 * 60),
      ];
      for (const headers of attempts) {
        const refused = await deliver(body, headers);
        expect(refused.status).toBe(401);
        expect(refused.contentType).toContain('application/problem+json');
        expect(refused.body.code).toBe('WEBHOOK_SIGNATURE_INVALID');
      }
      const tampered = await deliver(body.replace('P2-EXC-999999', 'P2-EXC-999998'), signed(body));
      expect(tampered.status).toBe(401);
      // Authentic but unusable: 400, nothing recorded either.
      const empty = JSON.stringify({ event: 'problem', plant: 'P2', problem: { id: 'P2-EXC-999997' } });
      expect((await deliver(empty, signed(empty))).status).toBe(400);
      expect(await raised()).toHaveLength(before);
    });

    it('announces a re-plan that finds the same delays as nothing new', async () => {
      const delays = (await apiCall('/v1/plants/P3/exceptions?kind=delay')).body.items as Array<{ id: string; kind: string }>;
      expect(delays.length).toBeGreaterThan(0);
      expect(delays.every((d) => d.kind === 'delay')).toBe(true);
      const before = await raised('P3');
      expect((await apiCall('/v1/plants/P3/plan-runs', { method: 'POST' })).status).toBe(201);
      // A hold after the re-plan is the barrier: its event arrives after anything the re-plan announced.
      const hold = await apiCall('/v1/plants/P3/quality-holds', { method: 'POST', body: { jobId: '1000014', detail: 'Wrong seal fitted' } });
      await eventually(async () => ((await eventOf(hold.body.id)).length > 0 ? true : undefined), 'the barrier hold');
      expect((await raised('P3')).map((r) => r.event.data.exception.id)).toEqual([...before.map((r) => r.event.data.exception.id), hold.body.id]);
      expect((await apiCall('/v1/plants/P3/exceptions?kind=delay')).body.items.map((d: { id: string }) => d.id)).toEqual(delays.map((d) => d.id));
    });

    it('announces the new shortages a re-plan finds, once each', async () => {
      const shortagesAtP1 = async () => (await apiCall('/v1/plants/P1/exceptions?kind=material-shortage')).body.items as Array<{ id: string; jobId: string }>;
      const before = (await shortagesAtP1()).map((e) => e.id);
      // P1 loses its SEAL-200: the next plan finds the open orders short of it.
      const [seal] = (await mockCall('/P1/api/input/buffer/?item=SEAL-200')).body;
      expect((await httpCall('PATCH', `${t.mock.url}/P1/api/input/buffer/${seal.id}/`, { token: connectorToken, body: { onhand: 0 } })).status).toBe(200);
      expect((await apiCall('/v1/plants/P1/plan-runs', { method: 'POST' })).status).toBe(201);
      const after = await shortagesAtP1();
      expect(after.find((e) => e.jobId === '1000003')).toMatchObject({ kind: 'material-shortage', workOrderNumber: '1000003', itemNumber: 'PUMP-100', severity: 'high' });
      const found = after.filter((e) => !before.includes(e.id)).map((e) => e.id);
      expect(found.length).toBeGreaterThan(0);
      const announced = async () => (await raised('P1')).map((r) => r.event.data.exception.id).filter((id: string) => found.includes(id));
      await eventually(async () => ((await announced()).length >= found.length ? true : undefined), 'the shortage events');
      expect((await announced()).sort()).toEqual([...found].sort());
    });

    it('pages through the exceptions with a cursor', async () => {
      const all = (await apiCall('/v1/plants/P2/exceptions?limit=200')).body.items.map((e: { id: string }) => e.id);
      expect(all.length).toBeGreaterThan(3);
      expect([...all].sort()).toEqual(all);
      const first = await apiCall('/v1/plants/P2/exceptions?limit=2');
      expect(first.body.items).toHaveLength(2);
      const rest = await apiCall(`/v1/plants/P2/exceptions?limit=200&cursor=${first.body.nextCursor}`);
      expect([...first.body.items, ...rest.body.items].map((e: { id: string }) => e.id)).toEqual(all);
      expect((await apiCall('/v1/plants/P2/exceptions?kind=flood')).status).toBe(400);
    });

    it("refuses to let anyone subscribe the scheduler to a URL outside the private network (SSRF)", async () => {
      for (const url of ['http://169.254.169.254/latest/meta-data/', 'file:///etc/passwd', 'http://8.8.8.8/collect']) {
        const refused = await httpCall<{ url: string[] }>('POST', `${t.mock.url}/P1/api/webhook/`, { token: operator, body: { url, secret: 'an-attacker-secret-123' } });
        expect(refused.status).toBe(400);
        expect(refused.body.url).toHaveLength(1);
      }
      const hooks = (await httpCall('GET', `${t.mock.url}/P1/api/webhook/`, { token: operator })).body as Array<{ url: string }>;
      expect(hooks.map((h) => h.url)).toEqual([`${t.api.url}/v1/webhooks/scheduler`]);
    });
  });

  describe('reconciliation: exceptions no webhook delivered are announced once, with the webhook path\'s event id', () => {
    const PLANTS = ['P1', 'P2', 'P3'];
    let operator: string;
    let dataSource: DataSource;

    const announcedIds = async (): Promise<Set<string>> => {
      const rows = await dataSource.query<Array<{ id: string }>>(`SELECT id FROM scheduling_system_api.outbox WHERE type = $1`, [EventTypes.ScheduleExceptionRaised]);
      return new Set(rows.map((r) => r.id));
    };
    const current = async (plant: string): Promise<ScheduleExceptionDto[]> => (await apiCall(`/v1/plants/${plant}/exceptions?limit=200`)).body.items;
    const reconcile = () => apiCall('/v1/exception-reconciliation/run', { method: 'POST' });
    const hooks = async (plant: string) => (await httpCall('GET', `${t.mock.url}/${plant}/api/webhook/`, { token: operator })).body as Array<{ id: number; url: string }>;

    beforeAll(async () => {
      operator = await t.idp.token('operator');
      dataSource = t.api.app.get(DataSource);
    });

    it('announces every current exception not announced yet (those raised before the API subscribed) and nothing on the next round', async () => {
      const before = await announcedIds();
      const byPlant = await Promise.all(PLANTS.map(current));
      for (const exceptions of byPlant) expect(exceptions.length).toBeLessThan(200);
      const missing = byPlant.map((exceptions) => exceptions.filter((x) => !before.has(raisedEventId(x))));
      // The demo plan's problems were found while seeding, before anything subscribed.
      expect(missing.flat().length).toBeGreaterThan(0);

      const round = await reconcile();
      expect(round.status).toBe(200);
      expect(round.body).toEqual({
        announced: missing.flat().length,
        plants: PLANTS.map((plant, i) => ({ plant, outcome: 'reconciled', checked: byPlant[i].length, announced: missing[i].length, reason: null })),
      });
      const after = await announcedIds();
      expect(after.size).toBe(before.size + missing.flat().length);
      for (const x of byPlant.flat()) expect(after.has(raisedEventId(x))).toBe(true);
      // Announced as the webhook path announces: the same type, subject and canonical exception.
      const [x] = missing.flat();
      const [row] = await dataSource.query(`SELECT subject, event FROM scheduling_system_api.outbox WHERE id = $1`, [raisedEventId(x)]);
      expect(row).toEqual({ subject: `${x.plant}/${x.jobId}`, event: expect.objectContaining({ type: EventTypes.ScheduleExceptionRaised, source: '/threadline/scheduling-system-api', data: { exception: x } }) });

      const again = await reconcile();
      expect(again.body.announced).toBe(0);
      expect((await announcedIds()).size).toBe(after.size);
    });

    it('does not announce an exception again once the outbox has swept its published event (its retention)', async () => {
      const [x] = await current('P2');
      const id = raisedEventId(x);
      expect((await announcedIds()).has(id)).toBe(true);
      // What the relay's sweep does to published events past their retention.
      await dataSource.query(`DELETE FROM scheduling_system_api.outbox WHERE id = $1`, [id]);
      const round = await reconcile();
      expect(round.body.announced).toBe(0);
      expect((await announcedIds()).has(id)).toBe(false);
    });

    it("skips a plant whose scheduler is down, goes on with the others, and announces the plant's missed exception once it is back", async () => {
      // P3's deliveries stop (its subscription is gone) and a hold is reported on its shop floor.
      const [hook] = await hooks('P3');
      expect((await httpCall('DELETE', `${t.mock.url}/P3/api/webhook/${hook.id}`, { token: operator })).status).toBe(204);
      let missed: ScheduleExceptionDto | undefined;
      try {
        const reported = await httpCall<{ id: string }>('POST', `${t.mock.url}/P3/api/input/problem/`, { token: operator, body: { operationplan: '1000015', description: 'Cracked flange' } });
        expect(reported.status).toBe(201);
        missed = (await current('P3')).find((x) => x.id === reported.body.id);
        expect(missed).toMatchObject({ kind: 'quality-hold', jobId: '1000015' });

        const outage = { outages: [{ from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() }] };
        expect((await httpCall('PUT', `${t.mock.url}/admin/faults/P3`, { token: operator, body: outage })).status).toBe(200);
        const during = await reconcile();
        expect(during.status).toBe(200);
        expect(during.body.plants.map((p: { plant: string; outcome: string }) => [p.plant, p.outcome])).toEqual([
          ['P1', 'reconciled'],
          ['P2', 'reconciled'],
          ['P3', 'skipped'],
        ]);
        expect(during.body.plants[2]).toMatchObject({ announced: 0, reason: expect.stringContaining('BACKEND_UNAVAILABLE') });
        expect((await announcedIds()).has(raisedEventId(missed!))).toBe(false);
      } finally {
        expect((await httpCall('DELETE', `${t.mock.url}/admin/faults`, { token: operator })).status).toBe(204);
        await httpCall('POST', `${t.mock.url}/P3/api/webhook/`, { token: operator, body: { url: hook.url, secret: new SchedulingSystemApiConfig().webhookSecret, events: ['problem'] } });
      }
      const after = await reconcile();
      expect(after.body.plants[2]).toMatchObject({ plant: 'P3', outcome: 'reconciled', announced: 1, reason: null });
      expect(after.body.announced).toBe(1);
      expect((await announcedIds()).has(raisedEventId(missed!))).toBe(true);
      expect((await reconcile()).body.announced).toBe(0);
    });

    it('refuses a token without scheduling:write with 403, and no token with 401', async () => {
      expect((await apiCall('/v1/exception-reconciliation/run', { method: 'POST', token: await t.idp.token('demo-integrator') })).status).toBe(403);
      expect((await apiCall('/v1/exception-reconciliation/run', { method: 'POST', token: null })).status).toBe(401);
    });
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
    const dashboard = await t.idp.token('dashboard');
    const forbidden = await apiCall('/v1/plants/P1/resources', { token: dashboard });
    expect(forbidden.status).toBe(403);
    // The dashboard's token is for experience-api only: refused here before its scopes are looked at.
    expect(forbidden.body.code).toBe('TOKEN_AUDIENCE_MISMATCH');
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
      (await httpCall(method, `${t.mock.url}/admin/faults${scope ? `/${scope}` : ''}`, { token: operator, body: profile })).status;
    const viaImpatient = (method: string, path: string) => httpCall(method, `${impatient.url}${path}`, { token: processToken });
    const outageNow = () => ({ outages: [{ from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() }] });

    beforeAll(async () => {
      operator = await t.idp.token('operator');
      impatient = await t.startApi({
        schedulerTimeoutMs: 300,
        // Its background subscription and reconciliation calls would draw from the seeded fault sequence of P1.
        webhookSubscribe: false,
        reconcilePolling: false,
      });
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
      expect(exhausted.body).toMatchObject({ code: 'BACKEND_UNAVAILABLE', backend: 'frePPLe', backendStatus: 429, backendError: { detail: expect.stringContaining('rate limit') } });
    });

    it('answers 503 problem+json naming frePPLe while P3 is in an outage window, P1 meanwhile answers, and P3 recovers once healed', async () => {
      await faults('PUT', 'P3', outageNow());
      const down = await viaImpatient('GET', '/v1/plants/P3/resources');
      expect(down.status).toBe(503);
      expect(down.headers.get('content-type')).toContain('application/problem+json');
      expect(down.body).toMatchObject({ code: 'BACKEND_UNAVAILABLE', backend: 'frePPLe', backendStatus: 503 });
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
      expect(refused.body).toMatchObject({ code: 'BACKEND_UNAVAILABLE', backend: 'frePPLe' });

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
    await t.mock.close();
    const response = await apiCall('/v1/plants/P1/resources');
    expect(response.status).toBe(503);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body).toMatchObject({ code: 'BACKEND_UNAVAILABLE', backend: 'frePPLe' });
    expect((await apiCall('/v1/plants/P1/plan-runs', { method: 'POST' })).status).toBe(503);
  });
});
