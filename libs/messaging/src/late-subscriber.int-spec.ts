import { openAppDataSource } from '@threadline/platform';
import { DataSource } from 'typeorm';
import { eventually } from '../../../test/support/eventually';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { CloudEvent, createEvent } from './cloud-event';
import { EventBus } from './event-bus';
import { messagingTablesMigration } from './messaging.migration';
import { MessagingService } from './messaging.service';

const TYPE = 'threadline.test.announced-at-start.v1';

/**
 * Apps start in any order: what a producer announces before its consumer has subscribed waits in
 * the producer's outbox and reaches the consumer once it subscribes, instead of being published to
 * nobody (real PostgreSQL, pg-boss).
 */
describe('messaging: an event announced before its consumer subscribed still reaches it', () => {
  let db: TestDatabase;
  let producerDb: DataSource;
  let consumerDb: DataSource;
  let producer: MessagingService;
  let consumer: MessagingService | undefined;
  const received: CloudEvent[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('late_subscriber');
    producerDb = await openAppDataSource({ schema: 'producer', url: db.url, migrations: [messagingTablesMigration('producer')] });
    consumerDb = await openAppDataSource({ schema: 'consumer', url: db.url, migrations: [messagingTablesMigration('consumer')] });
    producer = new MessagingService({ appName: 'producer', schema: 'producer', databaseUrl: db.url, relayIntervalMs: 100 }, producerDb, new EventBus({ databaseUrl: db.url, applicationName: 'producer' }));
    await producer.start();
  });

  afterAll(async () => {
    await consumer?.stop();
    await producer?.stop();
    await consumerDb?.destroy();
    await producerDb?.destroy();
    await db?.drop();
  });

  it('keeps the event in the outbox until a consumer subscribes, then delivers it once', async () => {
    const event = createEvent({ type: TYPE, source: '/producer', data: { n: 1 } });
    await producerDb.transaction((em) => producer.publish(em, event));
    const unpublished = async () => (await producerDb.query('SELECT published_at FROM producer.outbox WHERE id = $1', [event.id]))[0].published_at as Date | null;
    // Several relay rounds pass (every 100 ms): nobody subscribes to the type yet, so it waits.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await unpublished()).toBeNull();

    consumer = new MessagingService({ appName: 'consumer', schema: 'consumer', databaseUrl: db.url }, consumerDb, new EventBus({ databaseUrl: db.url, applicationName: 'consumer' }));
    consumer.registerConsumer({ name: 'late', eventTypes: [TYPE], handle: async (e) => void received.push(e) });
    await consumer.start();
    await eventually(async () => (received.length === 1 ? true : undefined), 'the event at the late consumer');
    expect(received[0].id).toBe(event.id);
    expect(await unpublished()).not.toBeNull();
  });
});
