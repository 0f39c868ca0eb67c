import PgBoss from 'pg-boss';
import { eventually } from '../../../test/support/eventually';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { EventBus, RetryPolicy } from './event-bus';

/** Room for the expiry retry; the retry policy itself is MessagingService's business. */
const RETRY: RetryPolicy = { retryLimit: 3, retryDelaySeconds: 1 };
const EXPIRY_SECONDS = 2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('pg-boss jobs: a dead worker\'s job is taken up again, a live worker\'s long job is not (real Postgres)', () => {
  let db: TestDatabase;
  let bus: EventBus;

  beforeAll(async () => {
    db = await createTestDatabase('job_expiry');
    // A short expiry and maintenance every second keep the test short; production uses 30 s and 10 s.
    bus = new EventBus({ databaseUrl: db.url, applicationName: 'expiry-test', jobExpirySeconds: EXPIRY_SECONDS, maintenanceIntervalSeconds: 1 });
    await bus.start();
  });

  afterAll(async () => {
    await bus?.stop();
    await db?.drop();
  });

  const stateOf = async (queue: string, id: string): Promise<string | undefined> => (await bus.boss.getJobById(queue, id))?.state;

  it('a job whose handler runs for several expiry periods keeps its heartbeat: it runs once and completes', async () => {
    const queue = 'expiry-test.long-step';
    await bus.ensureQueue(queue, RETRY);
    const starts: string[] = [];
    bus.work<{ n: number }>(queue, async (job) => {
      starts.push(job.id);
      await sleep(EXPIRY_SECONDS * 4 * 1000);
    });
    const id = (await bus.send(queue, { n: 1 }))!;
    await eventually(async () => ((await stateOf(queue, id)) === 'completed' ? true : undefined), 'the long job completing', 30_000);
    // Without the heartbeat pg-boss fails it by timeout after 2 s and a second run starts.
    expect(starts).toEqual([id]);
    const job = (await bus.boss.getJobById(queue, id, { includeArchive: true })) as PgBoss.JobWithMetadata;
    expect(job.retryCount).toBe(0);
  }, 40_000);

  it('a job left active by a worker that died is failed by timeout and run again by a live worker', async () => {
    const queue = 'expiry-test.orphan';
    await bus.ensureQueue(queue, RETRY);
    const id = (await bus.send(queue, { n: 2 }))!;
    // The "dead" worker: it fetched the job (now active) and will never complete or fail it.
    const [orphan] = await bus.boss.fetch(queue);
    expect(orphan.id).toBe(id);
    expect(await stateOf(queue, id)).toBe('active');

    const handled: string[] = [];
    bus.work(queue, async (job) => {
      handled.push(job.id);
    });
    const orphanedAt = Date.now();
    // pg-boss's default expiry (15 minutes) would keep it active far beyond this deadline.
    await eventually(async () => ((await stateOf(queue, id)) === 'completed' ? true : undefined), 'the orphaned job completing', 30_000);
    process.stdout.write(`[expiry] orphaned job taken up and completed ${Date.now() - orphanedAt} ms after its worker left it (expiry ${EXPIRY_SECONDS} s)\n`);
    expect(handled).toEqual([id]);
    const job = (await bus.boss.getJobById(queue, id, { includeArchive: true })) as PgBoss.JobWithMetadata;
    expect(job.retryCount).toBe(1);
  }, 40_000);
});
