import { contextFrom, currentContext, openAppDataSource, RequestContext, runInContext } from '@threadline/platform';
import { DataSource } from 'typeorm';
import { eventually } from '../../../test/support/eventually';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { EventBus } from './event-bus';
import { messagingTablesMigration } from './messaging.migration';
import { MessagingService } from './messaging.service';

/**
 * A durable job continues the work that enqueued it: its worker runs with the same correlation id
 * and trace id (so its logs, calls and events carry them), and sees only the data it was given.
 */
describe('messaging: a job runs in the context it was enqueued in (real Postgres, pg-boss)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let messaging: MessagingService;
  const seen: { data: unknown; context: RequestContext | undefined }[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('job_context');
    dataSource = await openAppDataSource({ schema: 'job_ctx', url: db.url, migrations: [messagingTablesMigration('job_ctx')] });
    messaging = new MessagingService(
      { appName: 'job-ctx', schema: 'job_ctx', databaseUrl: db.url },
      dataSource,
      new EventBus({ databaseUrl: db.url, applicationName: 'job-ctx' }),
    );
    messaging.registerWorker<{ releaseId: string }>({
      queue: 'job-ctx.probe',
      handle: async (data) => {
        seen.push({ data, context: currentContext() });
      },
    });
    await messaging.start();
  });

  afterAll(async () => {
    await messaging?.stop();
    await dataSource?.destroy();
    await db?.drop();
  });

  it('hands the worker the enqueuer correlation id and trace, and the job data without them', async () => {
    const enqueuer = contextFrom('3ce03047-3657-4bea-9124-23d09aa9e404', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    await runInContext(enqueuer, () => dataSource.transaction((em) => messaging.enqueue(em, 'job-ctx.probe', { releaseId: 'r-1' })));
    await eventually(async () => (seen.length >= 1 ? seen : undefined), 'the first job');
    expect(seen).toHaveLength(1);
    expect(seen[0].data).toEqual({ releaseId: 'r-1' });
    expect(seen[0].context).toMatchObject({ correlationId: '3ce03047-3657-4bea-9124-23d09aa9e404', traceId: '0af7651916cd43dd8448eb211c80319c' });
    // A span of its own, whose parent is the enqueuer's.
    expect(seen[0].context?.spanId).not.toBe(enqueuer.spanId);
  });

  it('gives a job enqueued outside any context a context of its own', async () => {
    await dataSource.transaction((em) => messaging.enqueue(em, 'job-ctx.probe', { releaseId: 'r-2' }));
    await eventually(async () => (seen.length >= 2 ? seen : undefined), 'the second job');
    expect(seen).toHaveLength(2);
    expect(seen[1].data).toEqual({ releaseId: 'r-2' });
    expect(seen[1].context?.correlationId).toEqual(expect.any(String));
  });
});
