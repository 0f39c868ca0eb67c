import { openAppDataSource } from '@threadline/platform';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { eventually } from '../../../test/support/eventually';
import { createEvent } from './cloud-event';
import { EventBus } from './event-bus';
import { messagingTablesMigration } from './messaging.migration';
import { MessagingService } from './messaging.service';

const TYPE = 'threadline.test.thing-happened.v1';

describe('messaging: transactional outbox, pg-boss delivery, idempotent inbox (real Postgres)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let messaging: MessagingService;
  let failuresToInject = 0;
  let handled: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('messaging');
    dataSource = await openAppDataSource({ schema: 'msg_test', url: db.url, migrations: [messagingTablesMigration('msg_test')] });
    await dataSource.query('CREATE TABLE msg_test.seen (event_id uuid, payload text)');
    messaging = new MessagingService(
      { appName: 'msg-test', schema: 'msg_test', databaseUrl: db.url, relayIntervalMs: 200 },
      dataSource,
      new EventBus({ databaseUrl: db.url, applicationName: 'msg-test' }),
    );
    messaging.registerConsumer({
      name: 'probe',
      eventTypes: [TYPE],
      handle: async (event, em) => {
        if (failuresToInject > 0) {
          failuresToInject--;
          throw new Error('injected failure');
        }
        handled.push(event.id);
        await em.query('INSERT INTO msg_test.seen (event_id, payload) VALUES ($1, $2)', [event.id, (event.data as { v: string }).v]);
      },
    });
    await messaging.start();
  });

  afterAll(async () => {
    await messaging?.stop();
    await dataSource?.destroy();
    await db?.drop();
  });

  beforeEach(() => {
    handled = [];
    failuresToInject = 0;
  });

  const seen = async (id: string): Promise<number> =>
    Number((await dataSource.query('SELECT count(*) AS n FROM msg_test.seen WHERE event_id = $1', [id]))[0].n);

  it('delivers an event committed with its state to the subscribed consumer', async () => {
    const event = createEvent({ type: TYPE, source: '/test', data: { v: 'one' } });
    await dataSource.transaction((em) => messaging.publish(em, event));
    await eventually(async () => ((await seen(event.id)) === 1 ? true : undefined), 'delivery');
    const outbox = await dataSource.query('SELECT published_at FROM msg_test.outbox WHERE id = $1', [event.id]);
    expect(outbox[0].published_at).not.toBeNull();
  });

  it('publishes nothing when the producing transaction rolls back', async () => {
    const event = createEvent({ type: TYPE, source: '/test', data: { v: 'rolled-back' } });
    await expect(
      dataSource.transaction(async (em) => {
        await messaging.publish(em, event);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const sentinel = createEvent({ type: TYPE, source: '/test', data: { v: 'after' } });
    await dataSource.transaction((em) => messaging.publish(em, sentinel));
    await eventually(async () => ((await seen(sentinel.id)) === 1 ? true : undefined), 'sentinel delivery');
    expect(await seen(event.id)).toBe(0);
    expect(await dataSource.query('SELECT 1 FROM msg_test.outbox WHERE id = $1', [event.id])).toHaveLength(0);
  });

  it("writes a transaction's events with one statement as it commits, in publishing order, as they were when published; a rolled-back savepoint's are dropped", async () => {
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((v) => createEvent({ type: TYPE, source: '/test', data: { v: `batch-${v}` } }));
    const outboxWrites: string[] = [];
    await dataSource.transaction(async (em) => {
      // Counts this transaction's statements on its own connection (the commit's too).
      const runner = em.queryRunner!;
      const query = runner.query.bind(runner);
      runner.query = ((sql: string, ...rest: unknown[]) => {
        if (/INSERT INTO .*outbox/.test(sql)) outboxWrites.push(sql);
        return (query as (...args: unknown[]) => Promise<unknown>)(sql, ...rest);
      }) as typeof runner.query;
      await messaging.publish(em, a);
      await messaging.publish(em, b);
      await expect(
        em.transaction(async (inner) => {
          await messaging.publish(inner, c);
          throw new Error('savepoint rolled back');
        }),
      ).rejects.toThrow('savepoint rolled back');
      await messaging.publish(em, d);
      await messaging.publish(em, b);
      a.data.v = 'changed after publishing';
    });
    expect(outboxWrites).toHaveLength(1);
    const rows: { id: string; v: string }[] = await dataSource.query(
      `SELECT id, event->'data'->>'v' AS v FROM msg_test.outbox WHERE id = ANY($1) ORDER BY position`,
      [[a, b, c, d].map((e) => e.id)],
    );
    expect(rows).toEqual([
      { id: a.id, v: 'batch-a' },
      { id: b.id, v: 'batch-b' },
      { id: d.id, v: 'batch-d' },
    ]);
    await eventually(async () => ((await seen(d.id)) === 1 ? true : undefined), 'delivery of the batch');
    expect(await seen(c.id)).toBe(0);
  });

  it("wakes the consumer's workers when the relay moves an event (a notification on commit, not the next poll)", async () => {
    const listener = new Client({ connectionString: db.url });
    await listener.connect();
    try {
      const notes: string[] = [];
      listener.on('notification', (n) => notes.push(n.payload ?? ''));
      await listener.query('LISTEN pgboss_wake');
      const event = createEvent({ type: TYPE, source: '/test', data: { v: 'wake' } });
      await dataSource.transaction((em) => messaging.publish(em, event));
      await eventually(async () => ((await seen(event.id)) === 1 ? true : undefined), 'delivery');
      expect(notes).toContain('q:msg-test.probe');
    } finally {
      await listener.end();
    }
  });

  it("gives a relayed event's job its queue's policy, as pg-boss's own insert does (retries, expiry, retention, dead letters)", async () => {
    const type = 'threadline.test.policy-probed.v1';
    const queue = 'msg-test.policy-probe';
    // A queue nobody works: its jobs stay as they were written.
    await messaging.bus.ensureQueue(queue, { retryLimit: 7, retryDelaySeconds: 3 });
    await messaging.bus.subscribe(type, queue);
    const event = createEvent({ type, source: '/test', data: { v: 'policy' } });
    await dataSource.transaction((em) => messaging.publish(em, event));
    await messaging.bus.boss.insert([{ name: queue, data: { reference: true } }]);
    const columns = `priority, state, retry_limit, retry_delay, retry_backoff, dead_letter, policy, expire_in, (keep_until - start_after) AS kept`;
    const relayed = await eventually(async () => {
      const rows: Record<string, unknown>[] = await dataSource.query(`SELECT ${columns}, data FROM pgboss.job WHERE name = $1 AND data->>'id' = $2`, [queue, event.id]);
      return rows[0];
    }, 'the relayed job');
    const [reference]: Record<string, unknown>[] = await dataSource.query(`SELECT ${columns} FROM pgboss.job WHERE name = $1 AND data->>'reference' = 'true'`, [queue]);
    const { data, ...policy } = relayed;
    expect(policy).toEqual(reference);
    expect(policy).toMatchObject({ retry_limit: 7, retry_delay: 3, retry_backoff: true, dead_letter: `${queue}.dead`, state: 'created' });
    expect(data).toMatchObject({ id: event.id, type, data: { v: 'policy' } });
  });

  it('treats the same event id announced twice as one event', async () => {
    const event = createEvent({ type: TYPE, source: '/test', data: { v: 'twice' }, id: '0b6f2c3e-1111-4a4a-8b8b-000000000001' });
    expect(await messaging.isPublished(dataSource.manager, event.id)).toBe(false);
    await dataSource.transaction((em) => messaging.publish(em, event));
    expect(await messaging.isPublished(dataSource.manager, event.id)).toBe(true);
    await dataSource.transaction((em) => messaging.publish(em, event));
    await eventually(async () => ((await seen(event.id)) === 1 ? true : undefined), 'delivery');
    expect(await dataSource.query('SELECT 1 FROM msg_test.outbox WHERE id = $1', [event.id])).toHaveLength(1);
  });

  it('ignores a redelivered event it has already processed (inbox)', async () => {
    const event = createEvent({ type: TYPE, source: '/test', data: { v: 'redelivered' } });
    await messaging.bus.send(messaging.queueName('probe'), event);
    await messaging.bus.send(messaging.queueName('probe'), event);
    await eventually(async () => ((await seen(event.id)) === 1 ? true : undefined), 'first delivery');
    const pending = async (): Promise<number> =>
      Number(
        (await dataSource.query(`SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND state IN ('created', 'active', 'retry')`, [
          messaging.queueName('probe'),
        ]))[0].n,
      );
    await eventually(async () => ((await pending()) === 0 ? true : undefined), 'both deliveries to finish');
    expect(await seen(event.id)).toBe(1);
    expect(handled.filter((id) => id === event.id)).toHaveLength(1);
  });

  it('retries a failing consumer and applies the event once when it recovers', async () => {
    failuresToInject = 1;
    const event = createEvent({ type: TYPE, source: '/test', data: { v: 'flaky' } });
    await dataSource.transaction((em) => messaging.publish(em, event));
    await eventually(async () => ((await seen(event.id)) === 1 ? true : undefined), 'delivery after a retry', 30_000);
    expect(failuresToInject).toBe(0);
    const inbox = await dataSource.query('SELECT count(*) AS n FROM msg_test.inbox WHERE event_id = $1', [event.id]);
    expect(inbox[0].n).toBe('1');
  });
});
