import { EXCEPTION_CASE_EVENTS } from '@threadline/canonical';
import type { MessagingService } from '@threadline/messaging';
import { openAppDataSource, RunningApp } from '@threadline/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startTestIdp, TestIdp } from '../../../../../test/support/idp';
import { createTestDatabase, TestDatabase } from '../../../../../test/support/test-database';
import { startErpMock } from '../../../../erp-mock/src/erp-mock.app';
import { ErpMockConfig } from '../../../../erp-mock/src/erp-mock.config';
import { startErpSystemApi } from '../../../../erp-system-api/src/erp-system-api.app';
import { ErpSystemApiConfig } from '../../../../erp-system-api/src/erp-system-api.config';
import { ProcessInit1764300000000 } from '../../migrations/1764300000000-process-init';
import { GovernedRelease1764300000001 } from '../../migrations/1764300000001-governed-release';
import { ExceptionCases1764300000002 } from '../../migrations/1764300000002-exception-cases';
import { ExceptionProblemReports1766412000001 } from '../../migrations/1766412000001-exception-problem-reports';
import { ProcessApiConfig } from '../../process-api.config';
import { SystemApis } from '../../system-apis/system-apis.client';
import { PROCESS_SCHEMA } from '../../process-api.schema';
import { EXCEPTION_ENTITIES } from '../exception-case.entities';
import { EXCEPTION_QUEUES, ExceptionCaseJob } from '../exception-case.events';
import { ExceptionCaseRepository } from '../exception-case.repository';
import { ExceptionQueryService } from '../query-exceptions/exception-query.service';
import { ErpHoldWorker } from './erp-hold.worker';

/**
 * The hold worker against erp-system-api over erp-mock, with the process API's tables: jobs run
 * again (a redelivery) or at once (two workers) leave one history entry per outcome, so a case's
 * history stays within ExceptionCaseDto.history's maxItems.
 */
describe('ErpHoldWorker: one history entry per outcome however often a job runs (real Postgres, real HTTP)', () => {
  let db: TestDatabase;
  let idp: TestIdp;
  let erpMock: RunningApp;
  let erpApi: RunningApp;
  let dataSource: DataSource;
  let systemApis: SystemApis;
  let repository: ExceptionCaseRepository;
  let cases: ExceptionQueryService;
  const handlers = new Map<string, (job: ExceptionCaseJob) => Promise<void>>();
  const run = (queue: string, caseId: string) => handlers.get(queue)!({ caseId });

  beforeAll(async () => {
    db = await createTestDatabase('erp_hold');
    idp = await startTestIdp(db.url);
    const auth = { jwksUrl: idp.jwksUrl, jwtIssuer: idp.issuer };
    erpMock = await startErpMock(Object.assign(new ErpMockConfig(), { port: 0, databaseUrl: db.url, ...auth }));
    erpApi = await startErpSystemApi(
      Object.assign(new ErpSystemApiConfig(), { port: 0, databaseUrl: db.url, ...auth, tokenUrl: idp.tokenUrl, erpBaseUrl: erpMock.url }),
    );
    dataSource = await openAppDataSource({
      schema: PROCESS_SCHEMA,
      url: db.url,
      entities: EXCEPTION_ENTITIES,
      migrations: [ProcessInit1764300000000, GovernedRelease1764300000001, ExceptionCases1764300000002, ExceptionProblemReports1766412000001],
    });
    systemApis = new SystemApis(Object.assign(new ProcessApiConfig(), { tokenUrl: idp.tokenUrl, erpSystemApiUrl: erpApi.url }));
    // The worker's queues, driven directly: each call is one delivery of a job.
    const messaging = {
      registerWorker: (worker: { queue: string; handle: (job: ExceptionCaseJob) => Promise<void> }) => handlers.set(worker.queue, worker.handle),
    } as unknown as MessagingService;
    repository = new ExceptionCaseRepository(dataSource);
    new ErpHoldWorker(repository, messaging, systemApis).onModuleInit();
    cases = new ExceptionQueryService(repository);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await erpApi?.close();
    await erpMock?.close();
    await idp?.close();
    await db?.drop();
  });

  /** An open quality-hold case on a P2 work order, as OpenExceptionCaseConsumer opens it. */
  async function openCase(workOrderNumber: string): Promise<string> {
    const id = randomUUID();
    const now = new Date();
    await repository.transaction(async (em) => {
      await repository.insertOpened(em, {
        id,
        plant: 'P2',
        sourceExceptionId: `hold-${id}`,
        kind: 'quality-hold',
        severity: 'high',
        owner: 'engineering',
        jobId: workOrderNumber,
        workOrderNumber,
        itemNumber: 'PUMP-100',
        resourceId: null,
        changeNumber: null,
        releaseId: null,
        detail: 'Leak test failed on 3 of 30 units',
        lateHours: null,
        raisedAt: now,
        openedAt: now,
      });
      await repository.addEvent(em, id, 'OPENED', 'event:scheduling-system-api', 'Leak test failed', now);
    });
    return id;
  }

  const history = async (id: string) => (await cases.get(id)).history.map((h) => h.what);
  const orderStatus = async (number: string) => (await systemApis.workOrders('P2', 'PUMP-100')).find((wo) => wo.number === number)?.status;

  it('records a refused hold once, however often and however concurrently its job is delivered', async () => {
    // No such order in P2: erp-system-api answers 404, a refusal retrying cannot fix.
    const id = await openCase('9999999');
    await run(EXCEPTION_QUEUES.hold, id);
    await run(EXCEPTION_QUEUES.hold, id);
    await Promise.all([run(EXCEPTION_QUEUES.hold, id), run(EXCEPTION_QUEUES.hold, id), run(EXCEPTION_QUEUES.hold, id)]);
    const c = await cases.get(id);
    expect(c.history.map((h) => h.what)).toEqual(['OPENED', 'ERP_HOLD_REFUSED']);
    expect(c.history[1].note).toMatch(/erp-system-api answered 404/);
    expect(c.erpHold).toBeNull();
  });

  it('places and releases a hold once each, and a hold job delivered after the resolution holds nothing again', async () => {
    const id = await openCase('1000009');
    expect(await orderStatus('1000009')).toBe('RELEASED');
    await Promise.all([run(EXCEPTION_QUEUES.hold, id), run(EXCEPTION_QUEUES.hold, id)]);
    await run(EXCEPTION_QUEUES.hold, id);
    expect(await history(id)).toEqual(['OPENED', 'ERP_HOLD_PLACED']);
    expect(await orderStatus('1000009')).toBe('ON_HOLD');

    // Resolved as ResolveExceptionCaseService resolves it; it then enqueues the release.
    await repository.transaction(async (em) => {
      const c = await repository.lock(em, id);
      Object.assign(c, { state: 'RESOLVED', resolution: 'Units reworked', resolvedBy: 'demo-integrator', updatedAt: new Date() });
      await repository.save(em, c);
      await repository.addEvent(em, id, 'RESOLVED', 'user:demo-integrator', 'Units reworked', c.updatedAt);
    });
    await Promise.all([run(EXCEPTION_QUEUES.releaseHold, id), run(EXCEPTION_QUEUES.releaseHold, id)]);
    await run(EXCEPTION_QUEUES.releaseHold, id);
    expect(await orderStatus('1000009')).toBe('RELEASED');

    // The hold job redelivered late: the case is resolved, so the order stays released.
    await run(EXCEPTION_QUEUES.hold, id);
    expect(await orderStatus('1000009')).toBe('RELEASED');
    const c = await cases.get(id);
    expect(c.history.map((h) => h.what)).toEqual(['OPENED', 'ERP_HOLD_PLACED', 'RESOLVED', 'ERP_HOLD_RELEASED']);
    expect(c.erpHold).toBeNull();
    expect(c.history.length).toBeLessThanOrEqual(EXCEPTION_CASE_EVENTS.length);
  });
});
