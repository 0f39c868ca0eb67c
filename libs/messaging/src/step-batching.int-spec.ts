import { openAppDataSource } from '@threadline/platform';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { eventually } from '../../../test/support/eventually';
import { createEvent } from './cloud-event';
import { EventBus } from './event-bus';
import { messagingTablesMigration } from './messaging.migration';
import { MessagingService } from './messaging.service';

const STARTED = 'threadline.test.batch-started.v1';
const OTHER = 'threadline.test.batch-other.v1';

/**
 * A step writes its state, its events and its next job in the transaction that settles (completes)
 * its own job; the relay moves a batch of events with one INSERT of all their jobs.
 */
describe('messaging: a step settled in its own transaction, batched relay (real Postgres)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let messaging: MessagingService;
  let failInTheMiddle = 0;
  const received: Record<string, string[]> = { a: [], b: [] };

  beforeAll(async () => {
    db = await createTestDatabase('step-batching');
    dataSource = await openAppDataSource({ schema: 'batch_test', url: db.url, migrations: [messagingTablesMigration('batch_test')] });
    await dataSource.query('CREATE TABLE batch_test.state (step text PRIMARY KEY)');
    // The periodic relay is slowed to a minute: events go out because their commit kicked it.
    messaging = new MessagingService(
      { appName: 'batch-test', schema: 'batch_test', databaseUrl: db.url, relayIntervalMs: 60_000 },
      dataSource,
      new EventBus({ databaseUrl: db.url, applicationName: 'batch-test' }),
    );
    messaging.registerWorker<{ step: string }>({
      queue: 'batch-test.step',
      handle: async ({ step }, _job, settler) => {
        await dataSource.transaction(async (em) => {
          await em.query('INSERT INTO batch_test.state (step) VALUES ($1)', [step]);
          await messaging.publish(em, createEvent({ type: STARTED, source: '/test', subject: step, data: { step } }));
          await messaging.enqueue(em, 'batch-test.next', { step });
          await settler.settle(em);
          if (failInTheMiddle > 0) {
            failInTheMiddle--;
            throw new Error('injected failure after the writes');
          }
        });
      },
    });
    messaging.registerWorker<{ step: string }>({ queue: 'batch-test.next', handle: async () => undefined });
    messaging.registerConsumer({ name: 'a', eventTypes: [STARTED, OTHER], handle: async (event) => void received.a.push(event.subject!) });
    messaging.registerConsumer({ name: 'b', eventTypes: [OTHER], handle: async (event) => void received.b.push(event.subject!) });
    await messaging.start();
  });

  afterAll(async () => {
    await messaging?.stop();
    await dataSource?.destroy();
    await db?.drop();
  });

  const count = async (sql: string, params: unknown[]): Promise<number> => Number((await dataSource.query(sql, params))[0].n);
  const jobs = (queue: string, step: string, states: string[]) =>
    count(`SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND data->>'step' = $2 AND state = ANY($3)`, [queue, step, states]);

  it('commits a step\'s state, event, next job and its own completion together; a failure in the middle leaves none of them', async () => {
    failInTheMiddle = 1;
    const jobId = await messaging.bus.send('batch-test.step', { step: 's1' });
    // The first attempt failed after all its writes: none is left, and the step is retried (a new job).
    await eventually(async () => ((await count('SELECT count(*) AS n FROM messaging.step_attempts WHERE job_id = $1', [jobId])) === 1 ? true : undefined), 'the failed attempt');
    await eventually(async () => ((await count('SELECT count(*) AS n FROM batch_test.state WHERE step = $1', ['s1'])) === 1 ? true : undefined), 'the retry');
    expect(await count('SELECT count(*) AS n FROM batch_test.outbox WHERE subject = $1', ['s1'])).toBe(1);
    expect(await jobs('batch-test.next', 's1', ['created', 'active', 'completed', 'retry'])).toBe(1);
    // Each attempt's job completed once: the failed one by the failure's transaction, the retry by its step.
    expect(await jobs('batch-test.step', 's1', ['completed'])).toBe(2);
    expect(await jobs('batch-test.step', 's1', ['created', 'active', 'retry', 'failed'])).toBe(0);
    const [ledger] = await dataSource.query(`SELECT state, attempts FROM messaging.steps WHERE work_id = $1`, [jobId]);
    expect(ledger).toEqual({ state: 'recovered', attempts: 1 });
  });

  it('relays a batch of events to the queues subscribed to each type, woken by the commit, not by the poll', async () => {
    await dataSource.transaction(async (em) => {
      await messaging.publish(em, createEvent({ type: STARTED, source: '/test', subject: 'e1', data: {} }));
      await messaging.publish(em, createEvent({ type: OTHER, source: '/test', subject: 'e2', data: {} }));
      await messaging.publish(em, createEvent({ type: 'threadline.test.nobody-listens.v1', source: '/test', subject: 'e3', data: {} }));
    });
    await eventually(async () => (received.a.includes('e1') && received.a.includes('e2') && received.b.includes('e2') ? true : undefined), 'delivery', 20_000);
    expect(received.b).not.toContain('e1');
    // An event nobody subscribes to waits in the outbox for a subscriber (within the grace period).
    const [waiting] = await dataSource.query('SELECT published_at FROM batch_test.outbox WHERE subject = $1', ['e3']);
    expect(waiting.published_at).toBeNull();
    const relayed = await dataSource.query(`SELECT name FROM pgboss.job WHERE data->>'subject' IN ('e1', 'e2') ORDER BY name, data->>'subject'`);
    expect(relayed.map((r: { name: string }) => r.name)).toEqual(['batch-test.a', 'batch-test.a', 'batch-test.b']);
  });

  it('completes a consumer\'s job in the transaction that records the event in its inbox', async () => {
    const event = createEvent({ type: OTHER, source: '/test', subject: 'e4', data: {} });
    await dataSource.transaction((em) => messaging.publish(em, event));
    await eventually(async () => (received.b.includes('e4') ? true : undefined), 'delivery', 20_000);
    // now() is the transaction's start: equal stamps mean one transaction did both.
    const [row] = await dataSource.query(
      `SELECT j.state, j.completed_on = i.received_at AS together
         FROM pgboss.job j JOIN batch_test.inbox i ON i.consumer = 'b' AND i.event_id = $1
        WHERE j.name = 'batch-test.b' AND j.data->>'id' = $1::text`,
      [event.id],
    );
    expect(row).toEqual({ state: 'completed', together: true });
  });
});
