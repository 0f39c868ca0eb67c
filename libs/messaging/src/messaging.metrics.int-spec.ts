import { AppMetrics, BackendError, BackendUnavailableError, openAppDataSource, parsePrometheusText, PrometheusSample, sampleValue } from '@threadline/platform';
import { DataSource } from 'typeorm';
import { eventually } from '../../../test/support/eventually';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { createEvent } from './cloud-event';
import { EventBus } from './event-bus';
import { messagingTablesMigration } from './messaging.migration';
import { MessagingService } from './messaging.service';
import { DEFAULT_TIER_SETTINGS, TierPolicies } from './tiers';

/** A retry waits a minute (long enough to be seen retrying); a fault gets two attempts. */
const TIERS: TierPolicies = {
  1: { ...DEFAULT_TIER_SETTINGS[1], baseDelaySeconds: 60, maxDelaySeconds: 60, maxAttempts: 2 },
  2: { ...DEFAULT_TIER_SETTINGS[2], baseDelaySeconds: 60, maxDelaySeconds: 60, maxAttempts: 2 },
  3: DEFAULT_TIER_SETTINGS[3],
};

/**
 * The messaging series of one app against real PostgreSQL and pg-boss: retries and dead letters
 * counted per flow and tier, the ledger's retrying steps and open dead letters, the outbox
 * backlog and the queue depth read when scraped, every known flow at 0 before anything fails.
 */
describe('messaging metrics (real Postgres, pg-boss)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let messaging: MessagingService;
  const metrics = new AppMetrics('metrics-test', { processMetrics: false });

  beforeAll(async () => {
    db = await createTestDatabase('messaging_metrics');
    dataSource = await openAppDataSource({ schema: 'metrics_test', url: db.url, migrations: [messagingTablesMigration('metrics_test')] });
    // Built as startHttpApp builds an app's providers: inside its metrics.
    messaging = await AppMetrics.building(metrics, async () =>
      new MessagingService(
        { appName: 'metrics-test', schema: 'metrics_test', databaseUrl: db.url, tiers: TIERS },
        dataSource,
        new EventBus({ databaseUrl: db.url, applicationName: 'metrics-test' }),
      ),
    );
    messaging.registerWorker<{ fail: 'outage' | 'refused' }>({
      queue: 'metrics-test.rollout',
      flow: 'plant-rollout',
      tier: 1,
      handle: async ({ fail }) => {
        if (fail === 'outage') throw new BackendUnavailableError('ERP', 'connect ECONNREFUSED');
        throw new BackendError('BACKEND_REJECTED', 'ERP', 'not maintained in P2', { backendStatus: 422 });
      },
    });
    messaging.registerConsumer({ name: 'reports', flow: 'reporting', tier: 3, eventTypes: ['threadline.test.nobody-else.v1'], handle: async () => undefined });
    await messaging.start();
  });

  afterAll(async () => {
    await messaging?.stop();
    await dataSource?.destroy();
    await db?.drop();
  });

  const scrape = async (): Promise<PrometheusSample[]> => parsePrometheusText(await metrics.scrape());
  const rollout = (name: string, samples: PrometheusSample[]) => sampleValue(samples, name, { app: 'metrics-test', flow: 'plant-rollout', tier: '1' });

  it('shows every known flow and queue at 0 before anything fails', async () => {
    const samples = await scrape();
    for (const name of ['threadline_step_retries_total', 'threadline_dead_letters_total', 'threadline_retrying_steps', 'threadline_dead_letters_open', 'threadline_oldest_retry_seconds']) {
      expect({ name, rollout: rollout(name, samples), reporting: sampleValue(samples, name, { flow: 'reporting', tier: '3' }) }).toEqual({ name, rollout: 0, reporting: 0 });
    }
    for (const state of ['created', 'retry', 'active']) {
      expect(sampleValue(samples, 'threadline_queue_depth', { queue: 'metrics-test.rollout', state })).toBe(0);
      expect(sampleValue(samples, 'threadline_queue_depth', { queue: 'metrics-test.reports', state })).toBe(0);
    }
    expect(sampleValue(samples, 'threadline_outbox_pending')).toBe(0);
    expect(sampleValue(samples, 'threadline_outbox_lag_seconds')).toBe(0);
  });

  it('counts a retry and a dead letter, and shows the step retrying, its next attempt waiting in the queue, and the open dead letter', async () => {
    await dataSource.transaction((em) => messaging.enqueue(em, 'metrics-test.rollout', { fail: 'outage' }));
    await dataSource.transaction((em) => messaging.enqueue(em, 'metrics-test.rollout', { fail: 'refused' }));
    const samples = await eventually(
      async () => {
        const s = await scrape();
        return rollout('threadline_step_retries_total', s) === 1 && rollout('threadline_dead_letters_total', s) === 1 ? s : undefined;
      },
      'one retry and one dead letter counted',
      30_000,
      50,
    );
    expect(rollout('threadline_retrying_steps', samples)).toBe(1);
    expect(rollout('threadline_dead_letters_open', samples)).toBe(1);
    expect(rollout('threadline_oldest_retry_seconds', samples)).toBeGreaterThanOrEqual(0);
    expect(rollout('threadline_oldest_retry_seconds', samples)).toBeLessThan(60);
    // The retry is a job due in a minute: created, not yet active.
    expect(sampleValue(samples, 'threadline_queue_depth', { queue: 'metrics-test.rollout', state: 'created' })).toBe(1);
    expect(sampleValue(samples, 'threadline_step_retries_total', { flow: 'reporting', tier: '3' })).toBe(0);
  });

  it('shows the outbox backlog while an event waits for a subscriber', async () => {
    // No queue subscribes to this type: it waits in the outbox (SUBSCRIBER_GRACE_MINUTES).
    await dataSource.transaction((em) => messaging.publish(em, createEvent({ type: 'threadline.test.unsubscribed.v1', source: '/test', data: {} })));
    const samples = await scrape();
    expect(sampleValue(samples, 'threadline_outbox_pending')).toBe(1);
    expect(sampleValue(samples, 'threadline_outbox_lag_seconds')).toBeGreaterThanOrEqual(0);
  });
});
