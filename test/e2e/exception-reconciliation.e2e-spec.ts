import { EventTypes, ExceptionCaseDto, ScheduleExceptionDto } from '@threadline/canonical';
import { DataSource } from 'typeorm';
import { raisedEventId } from '../../apps/scheduling-system-api/src/exceptions/raise-schedule-exception.service';
import { ExceptionReconciliationPoller } from '../../apps/scheduling-system-api/src/reconciliation/exception-reconciliation.poller';
import { SchedulerWebhookSubscriber } from '../../apps/scheduling-system-api/src/exceptions/scheduler-webhook.subscriber';
import { SchedulingSystemApiConfig } from '../../apps/scheduling-system-api/src/scheduling-system-api.config';
import { eventually } from '../support/eventually';
import { call, JsonResponse } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { exceptionCases } from '../support/release-fixtures';

interface Subscription {
  id: number;
  url: string;
  events: string[];
}

interface Reconciliation {
  announced: number;
  plants: Array<{ plant: string; outcome: string; checked: number; announced: number; reason: string | null }>;
}

/**
 * Issue 10, "nothing missed": problems a scheduler reports while its webhooks do not reach the
 * scheduling system API (raised while seeding, before it subscribed, or while delivery is
 * stopped) are still announced, once each, by the API's reconciliation, and each becomes exactly
 * one exception case in the process API.
 */
describe('exception reconciliation: problems whose webhook never arrived become exactly one exception case each', () => {
  let t: TestPlatform;
  let service: string;
  let operator: string;
  let reader: string;
  let outbox: DataSource;
  /** Released jobs at P2 to put on hold, one per hold this test reports. */
  let jobs: string[];

  const scheduling = (path: string) => `${t.url('scheduling-system-api')}${path}`;
  const scheduler = (path: string) => `${t.url('scheduler-mock')}${path}`;

  /** Every current exception the plant's scheduler reports, through the system API. */
  const currentExceptions = async (plant: string): Promise<ScheduleExceptionDto[]> => {
    const all: ScheduleExceptionDto[] = [];
    let cursor: string | null = null;
    do {
      const page: JsonResponse<{ items: ScheduleExceptionDto[]; nextCursor: string | null }> = await call(
        'GET',
        scheduling(`/v1/plants/${plant}/exceptions?limit=200${cursor ? `&cursor=${cursor}` : ''}`),
        { token: reader },
      );
      expect(page.status).toBe(200);
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return all;
  };

  /** Every exception case of the plant in the process API. */
  const cases = (plant: string): Promise<ExceptionCaseDto[]> => exceptionCases(t.url('process-api'), reader, plant);

  /** The scheduler keeps one problem per (plant, kind, job), so this names a case's exception. */
  const keyOf = (x: { kind: string; jobId: string }) => `${x.kind} ${x.jobId}`;

  /** Waits until every one of the exceptions has a case, then answers the plant's cases. */
  const casesFor = (plant: string, exceptions: ScheduleExceptionDto[], what: string) =>
    eventually(
      async () => {
        const opened = await cases(plant);
        const keys = new Set(opened.map(keyOf));
        return exceptions.every((x) => keys.has(keyOf(x))) ? opened : undefined;
      },
      what,
      60_000,
    );

  /** The raised events of these exceptions in the scheduling system API's outbox, by event id. */
  const raisedEvents = async (exceptions: ScheduleExceptionDto[]): Promise<string[]> => {
    const rows: Array<{ id: string }> = await outbox.query(`SELECT id FROM scheduling_system_api.outbox WHERE type = $1 AND id = ANY($2::uuid[]) ORDER BY id`, [
      EventTypes.ScheduleExceptionRaised,
      exceptions.map(raisedEventId),
    ]);
    return rows.map((r) => r.id);
  };

  const reconcile = async (): Promise<Reconciliation> => {
    const round = await call<Reconciliation>('POST', scheduling('/v1/exception-reconciliation/run'), { token: service });
    expect(round.status).toBe(200);
    return round.body;
  };

  const subscriptions = async (plant: string): Promise<Subscription[]> => {
    const listed = await call<Subscription[]>('GET', scheduler(`/${plant}/api/webhook/`), { token: operator });
    expect(listed.status).toBe(200);
    return listed.body;
  };

  beforeAll(async () => {
    // Rounds in this test are the start-up one and those it runs itself.
    t = await startTestPlatform('exception_reconciliation', { SCHEDULER_RECONCILE_INTERVAL_MS: '86400000' });
    service = await t.token('threadline-process');
    operator = await t.token('operator');
    reader = await t.token('demo-integrator');
    outbox = t.platform.apps['scheduling-system-api'].app.get(DataSource);
    const api = t.platform.apps['scheduling-system-api'].app;
    await eventually(async () => (api.get(SchedulerWebhookSubscriber).complete ? true : undefined), 'the webhook subscriptions');
    await eventually(async () => (api.get(ExceptionReconciliationPoller).rounds >= 1 ? true : undefined), 'the start-up reconciliation');
    const released = await call<{ items: Array<{ id: string }> }>('GET', scheduling('/v1/plants/P2/jobs?status=released&limit=10'), { token: reader });
    expect(released.status).toBe(200);
    jobs = released.body.items.map((j) => j.id);
    expect(jobs.length).toBeGreaterThanOrEqual(4);
  }, 120_000);

  afterAll(() => t?.close());

  it("announced each problem P2's scheduler raised while seeding (before anything subscribed) once, at start-up", async () => {
    const seeded = await currentExceptions('P2');
    expect(seeded.length).toBeGreaterThan(0);
    // No webhook carried them: the start-up round announced them, one event each.
    expect(await raisedEvents(seeded)).toHaveLength(seeded.length);
    const round = await reconcile();
    expect(round.plants.find((p) => p.plant === 'P2')).toEqual({ plant: 'P2', outcome: 'reconciled', checked: seeded.length, announced: 0, reason: null });
    expect(round.announced).toBe(0);
    // Announced before the process API subscribed (the launcher starts it last), the events waited
    // in the outbox for their consumer: each seeded problem is exactly one exception case.
    const opened = await casesFor('P2', seeded, 'a case for each seeded P2 problem');
    const keys = opened.map(keyOf);
    for (const x of seeded) expect(keys.filter((k) => k === keyOf(x))).toHaveLength(1);
  });

  it('stops webhook delivery, raises problems, restores delivery: reconciliation announces each once, and each becomes one case', async () => {
    const before = await currentExceptions('P2');

    // Stop delivery: P2's scheduler loses the system API's subscription.
    const [hook] = await subscriptions('P2');
    expect(hook.url).toBe(scheduling('/v1/webhooks/scheduler'));
    expect((await call('DELETE', scheduler(`/P2/api/webhook/${hook.id}`), { token: operator })).status).toBe(204);
    expect(await subscriptions('P2')).toEqual([]);

    // Problems raised meanwhile: two holds reported through the system API, one by the shop floor in the scheduler itself.
    const raised: ScheduleExceptionDto[] = [];
    for (const jobId of jobs.slice(0, 2)) {
      const hold = await call<ScheduleExceptionDto>('POST', scheduling('/v1/plants/P2/quality-holds'), { token: service, body: { jobId, detail: `Leak test failed on job ${jobId}` } });
      expect(hold.status).toBe(201);
      raised.push(hold.body);
    }
    const shopFloor = await call<{ id: string }>('POST', scheduler('/P2/api/input/problem/'), {
      token: operator,
      body: { operationplan: jobs[2], description: 'Porosity found in housing castings' },
    });
    expect(shopFloor.status).toBe(201);
    const current = await currentExceptions('P2');
    raised.push(current.find((x) => x.id === shopFloor.body.id)!);
    expect(raised.map((x) => [x.kind, x.jobId])).toEqual(jobs.slice(0, 3).map((jobId) => ['quality-hold', jobId]));
    expect(current.map((x) => x.id).sort()).toEqual([...before.map((x) => x.id), ...raised.map((x) => x.id)].sort());

    // Restore delivery: the same URL and secret as the API's own subscription.
    const restored = await call('POST', scheduler('/P2/api/webhook/'), {
      token: operator,
      body: { url: hook.url, secret: new SchedulingSystemApiConfig().webhookSecret, events: hook.events },
    });
    expect(restored.status).toBe(201);

    // The deliveries were never made, so only reconciliation can announce these three.
    const round = await reconcile();
    expect(round.plants.map((p) => [p.plant, p.outcome])).toEqual([
      ['P1', 'reconciled'],
      ['P2', 'reconciled'],
      ['P3', 'reconciled'],
    ]);
    expect(round.plants.find((p) => p.plant === 'P2')).toMatchObject({ checked: current.length, announced: raised.length });
    expect(round.announced).toBe(raised.length);
    expect(await raisedEvents(raised)).toHaveLength(raised.length);

    const opened = await casesFor('P2', raised, 'a case for each problem raised while delivery was stopped');
    for (const x of raised) expect(opened.filter((c) => keyOf(c) === keyOf(x))).toEqual([expect.objectContaining({ kind: 'quality-hold', jobId: x.jobId, detail: x.detail })]);

    // Once more: nothing left to announce, still one event and one case each.
    expect((await reconcile()).announced).toBe(0);
    expect(await raisedEvents(raised)).toHaveLength(raised.length);
    const again = await cases('P2');
    for (const x of raised) expect(again.filter((c) => keyOf(c) === keyOf(x))).toHaveLength(1);
  });

  it('a problem the restored webhook delivers is not announced again by reconciliation: one event, one case', async () => {
    const hold = await call<ScheduleExceptionDto>('POST', scheduling('/v1/plants/P2/quality-holds'), { token: service, body: { jobId: jobs[3], detail: 'Seal leaks at 6 bar' } });
    expect(hold.status).toBe(201);
    await casesFor('P2', [hold.body], 'the case of the hold the webhook delivered');
    const round = await reconcile();
    expect(round.announced).toBe(0);
    expect(await raisedEvents([hold.body])).toHaveLength(1);
    expect((await cases('P2')).filter((c) => keyOf(c) === keyOf(hold.body))).toHaveLength(1);
  });
});
