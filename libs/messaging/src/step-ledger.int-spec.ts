import { BackendError, BackendUnavailableError, openAppDataSource } from '@threadline/platform';
import { DataSource } from 'typeorm';
import { eventually } from '../../../test/support/eventually';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { createEvent } from './cloud-event';
import { EventBus } from './event-bus';
import { messagingTablesMigration } from './messaging.migration';
import { DeadLetterNotice, MessagingService } from './messaging.service';
import { DEFAULT_TIER_SETTINGS, TierPolicies } from './tiers';

const TYPE = 'threadline.test.thing-happened.v1';

/** Fast tiers for the test: no waiting between attempts, three attempts for a fault. */
const FAST: TierPolicies = {
  1: { ...DEFAULT_TIER_SETTINGS[1], baseDelaySeconds: 0, maxDelaySeconds: 1, maxAttempts: 3 },
  2: { ...DEFAULT_TIER_SETTINGS[2], baseDelaySeconds: 0, maxDelaySeconds: 1, maxAttempts: 3 },
  3: { ...DEFAULT_TIER_SETTINGS[3], baseDelaySeconds: 0, maxDelaySeconds: 1, maxAttempts: 3, outageAttempts: 4 },
};

/**
 * Failing steps by integration tier, against real PostgreSQL and pg-boss: an outage is retried as
 * long as it lasts in tier 1, a fault a few times, a refusal never; each attempt is in the ledger; a
 * dead letter runs its flow's hook, is replayed to the one queue that failed it, or discarded.
 */
describe('messaging: retries by tier, the step ledger, dead letters and replay (real Postgres, pg-boss)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let messaging: MessagingService;
  /** Per job key: how the next attempts fail, one entry per attempt ('ok' once it should succeed). */
  const script = new Map<string, ('outage' | 'refused' | 'bug' | 'ok')[]>();
  const done: string[] = [];
  const deadLetters: { key: string; notice: DeadLetterNotice }[] = [];
  const seenByOther: string[] = [];

  const next = (key: string) => {
    const plan = script.get(key) ?? [];
    const step = plan.shift() ?? 'ok';
    if (step === 'outage') throw new BackendUnavailableError('ERP', 'connect ECONNREFUSED');
    if (step === 'refused') throw new BackendError('BACKEND_REJECTED', 'ERP', 'Component GHOST-1 is not maintained in plant P2', { backendStatus: 422 });
    if (step === 'bug') throw new TypeError("Cannot read properties of undefined (reading 'lines')");
    done.push(key);
  };

  beforeAll(async () => {
    db = await createTestDatabase('step_ledger');
    dataSource = await openAppDataSource({ schema: 'ledger_test', url: db.url, migrations: [messagingTablesMigration('ledger_test')] });
    messaging = new MessagingService(
      { appName: 'ledger-test', schema: 'ledger_test', databaseUrl: db.url, tiers: FAST },
      dataSource,
      new EventBus({ databaseUrl: db.url, applicationName: 'ledger-test' }),
    );
    messaging.registerWorker<{ key: string; plant: string }>({
      queue: 'ledger-test.rollout',
      flow: 'plant-rollout',
      tier: 1,
      labels: (data) => ({ plant: data.plant, changeNumber: `ECN-${data.key}` }),
      handle: async (data) => next(data.key),
      onDeadLetter: async (data, notice, em) => {
        // Runs in the transaction that records the dead letter.
        await em.query('SELECT 1');
        deadLetters.push({ key: data.key, notice });
      },
    });
    messaging.registerWorker<{ key: string }>({ queue: 'ledger-test.report', flow: 'reports', tier: 3, handle: async (data) => next(data.key) });
    messaging.registerConsumer({ name: 'failing', eventTypes: [TYPE], handle: async (event) => next(String((event.data as { key: string }).key)) });
    messaging.registerConsumer({ name: 'other', eventTypes: [TYPE], handle: async (event) => void seenByOther.push(event.id) });
    await messaging.start();
  });

  afterAll(async () => {
    await messaging?.stop();
    await dataSource?.destroy();
    await db?.drop();
  });

  const enqueue = (queue: string, data: object) => dataSource.transaction((em) => messaging.enqueue(em, queue, data));
  const until = (what: string, probe: () => boolean) => eventually(async () => (probe() ? true : undefined), what, 30_000, 50);
  const stepOf = async (changeNumber: string) => (await messaging.ledger.list({ states: ['retrying', 'dead', 'replaying', 'recovered', 'discarded'], changeNumber }, undefined, 10)).items[0];
  // The handler and the dead-letter hook run inside the step's transaction: the ledger's state is
  // committed just after them, so a test that saw them run waits for that commit before reading it.
  const committed = (workId: string, state: string) =>
    eventually(async () => ((await messaging.ledger.get(workId)).step.state === state ? messaging.ledger.get(workId) : undefined), `step ${state}`);

  it('retries a tier-1 outage for as long as it lasts (more attempts than a fault gets), then records the step as recovered', async () => {
    script.set('A', ['outage', 'outage', 'outage', 'outage', 'outage']);
    await enqueue('ledger-test.rollout', { key: 'A', plant: 'P2' });
    await until('A done', () => done.includes('A'));
    const step = await eventually(async () => {
      const found = await stepOf('ECN-A');
      return found?.state === 'recovered' ? found : undefined;
    }, 'A recorded as recovered');
    expect(step).toMatchObject({ state: 'recovered', attempts: 5, errorClass: 'backend-unavailable', errorCode: 'BACKEND_UNAVAILABLE', backend: 'ERP', plant: 'P2', flow: 'plant-rollout', tier: 1 });
    const { attempts } = await messaging.ledger.get(step.workId);
    expect(attempts.map((a) => [a.attempt, a.outcome])).toEqual([1, 2, 3, 4, 5].map((n) => [n, 'retry']));
    expect(done.filter((k) => k === 'A')).toHaveLength(1);
    expect(deadLetters.find((d) => d.key === 'A')).toBeUndefined();
  });

  it('makes a refusal a dead letter at once, runs the flow hook, and replays it to the same queue only', async () => {
    script.set('B', ['refused']);
    await enqueue('ledger-test.rollout', { key: 'B', plant: 'P3' });
    await until('B dead-lettered', () => deadLetters.some((d) => d.key === 'B'));
    const notice = deadLetters.find((d) => d.key === 'B')!.notice;
    expect(notice).toMatchObject({ errorClass: 'refused', reason: expect.stringContaining('Component GHOST-1 is not maintained in plant P2') });
    const { step, attempts } = await committed(notice.id, 'dead');
    expect(step).toMatchObject({ state: 'dead', attempts: 1, payload: { key: 'B', plant: 'P3' }, correlationId: expect.any(String), traceId: expect.any(String) });
    expect(attempts).toEqual([expect.objectContaining({ attempt: 1, outcome: 'dead-letter', errorCode: 'BACKEND_REJECTED', backend: 'ERP' })]);

    // The cause is fixed (the script says 'ok' now): the replay completes the step.
    const { before, after } = await messaging.ledger.replay(notice.id, 'ops-anna', 'material maintained in P3');
    expect(before.state).toBe('dead');
    expect(after).toMatchObject({ state: 'replaying', resolvedBy: 'ops-anna', resolution: 'material maintained in P3', replays: 1 });
    await until('B done', () => done.includes('B'));
    await eventually(async () => ((await messaging.ledger.get(notice.id)).step.state === 'recovered' ? true : undefined), 'B recovered');
    // Replaying what is no longer a dead letter is refused, and changes nothing.
    await expect(messaging.ledger.replay(notice.id, 'ops-anna', 'again')).rejects.toMatchObject({ code: 'DEAD_LETTER_NOT_OPEN' });
  });

  it('gives a fault (a bug) its tier budget of attempts, then makes it a dead letter with every attempt', async () => {
    script.set('C', ['bug', 'bug', 'bug', 'bug']);
    await enqueue('ledger-test.rollout', { key: 'C', plant: 'P1' });
    await until('C dead-lettered', () => deadLetters.some((d) => d.key === 'C'));
    const { step, attempts } = await committed(deadLetters.find((d) => d.key === 'C')!.notice.id, 'dead');
    expect(step).toMatchObject({ state: 'dead', attempts: 3, errorClass: 'internal' });
    expect(attempts.map((a) => a.outcome)).toEqual(['retry', 'retry', 'dead-letter']);
    expect(done).not.toContain('C');
  });

  it('bounds an outage in a tier that allows it (tier 3), and a discard keeps the reason', async () => {
    script.set('D', Array(10).fill('outage'));
    await enqueue('ledger-test.report', { key: 'D' });
    await eventually(async () => {
      const page = await messaging.ledger.list({ states: ['dead'], flow: 'reports' }, undefined, 10);
      return page.items.length === 1 ? page : undefined;
    }, 'D dead-lettered');
    const page = await messaging.ledger.list({ states: ['dead'], flow: 'reports' }, undefined, 10);
    expect(page.items[0]).toMatchObject({ attempts: 4, tier: 3, errorClass: 'backend-unavailable' });
    expect(page.countsByErrorClass).toEqual({ 'backend-unavailable': 1 });
    const { after } = await messaging.ledger.discard(page.items[0].workId, 'ops-anna', 'report superseded');
    expect(after).toMatchObject({ state: 'discarded', resolution: 'report superseded' });
  });

  it("replays a consumer's dead letter to that consumer alone, never to every subscriber again", async () => {
    const event = createEvent({ type: TYPE, source: '/test', data: { key: 'E' } });
    script.set('E', ['refused']);
    await dataSource.transaction((em) => messaging.publish(em, event));
    const dead = await eventually(async () => {
      const page = await messaging.ledger.list({ states: ['dead'], flow: 'failing' }, undefined, 10);
      return page.items[0];
    }, 'E dead-lettered');
    await until('the other consumer', () => seenByOther.includes(event.id));
    await messaging.ledger.replay(dead.workId, 'ops-anna', 'fixed');
    await until('E done', () => done.includes('E'));
    await eventually(async () => ((await messaging.ledger.get(dead.workId)).step.state === 'recovered' ? true : undefined), 'E recovered');
    expect(seenByOther.filter((id) => id === event.id)).toHaveLength(1);
  });
});
