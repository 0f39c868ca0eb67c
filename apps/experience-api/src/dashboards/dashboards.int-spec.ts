import type {
  EngineeringReleaseImpactAssessedV1,
  ExceptionCaseOpenedV1,
  IntegrationHealthReportedV1,
  ReleaseTransitionedV1,
  WorkOrderChangedV1,
} from '@threadline/canonical';
import { messagingTablesMigration } from '@threadline/messaging';
import { openAppDataSource } from '@threadline/platform';
import { DataSource, EntityManager } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { EXPERIENCE_SCHEMA } from '../experience-api.schema';
import { ExceptionQueueRepository } from '../exception-queue/exception-queue.repository';
import { ExceptionQueueService } from '../exception-queue/exception-queue.service';
import { ImpactedOrdersRepository } from '../impacted-orders/impacted-orders.repository';
import { ImpactedOrdersService } from '../impacted-orders/impacted-orders.service';
import { IntegrationHealthRepository } from '../integration-health/integration-health.repository';
import { IntegrationHealthService } from '../integration-health/integration-health.service';
import { LeadTimeRepository } from '../lead-time/lead-time.repository';
import { LeadTimeService } from '../lead-time/lead-time.service';
import { ExperienceInit1764400000000 } from '../migrations/1764400000000-experience-init';
import { AdoptionDetails1764400000001 } from '../migrations/1764400000001-adoption-details';
import { Dashboards1764400000002 } from '../migrations/1764400000002-dashboards';
import { WorkOrderState1764400000003 } from '../migrations/1764400000003-work-order-state';

/**
 * The dashboards' read models on a real PostgreSQL: events written as the projectors write them
 * (each in its own transaction, some out of order or twice), read back through the services the
 * controllers and the web dashboard call.
 */
describe('dashboard read models (real Postgres)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const tx = (work: (em: EntityManager) => Promise<void>) => ds.transaction(work);

  beforeAll(async () => {
    db = await createTestDatabase('dashboards');
    ds = await openAppDataSource({
      schema: EXPERIENCE_SCHEMA,
      url: db.url,
      migrations: [messagingTablesMigration(EXPERIENCE_SCHEMA), ExperienceInit1764400000000, AdoptionDetails1764400000001, Dashboards1764400000002, WorkOrderState1764400000003],
    });
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  describe('impacted orders', () => {
    const impact = (assessedAt: string, p2WorkOrders: string[], total: number): EngineeringReleaseImpactAssessedV1 => ({
      releaseId: '2b1c9a9e-8f0c-4a57-9f69-2f8e0e4f7d11',
      changeNumber: 'ECN-100001',
      items: [{ itemNumber: 'PUMP-100', fromRevision: 'A', toRevision: 'B' }],
      assessedAt,
      plants: [
        {
          plant: 'P1',
          effectiveFrom: '2026-12-08T00:00:00.000Z',
          workOrders: { total: 1, byStatus: { RELEASED: 1 }, numbers: ['1000001'] },
          purchaseOrders: [{ number: '4500000012', line: 10, itemNumber: 'SEAL-200', openQuantity: 500, deliveryDate: '2026-12-10', suggestion: 'reduce', suggestedQuantity: 120 }],
          purchaseOrdersTotal: 1,
        },
        { plant: 'P2', effectiveFrom: '2026-12-09T00:00:00.000Z', workOrders: { total, byStatus: { RELEASED: total }, numbers: p2WorkOrders }, purchaseOrders: [], purchaseOrdersTotal: 0 },
      ],
    });
    const service = () => new ImpactedOrdersService(new ImpactedOrdersRepository(ds));

    it('keeps each plant\'s totals beside the listed orders, pages through them, and a newer assessment replaces an older one', async () => {
      const repo = new ImpactedOrdersRepository(ds);
      // P2's list was cut: 1500 orders, 3 listed (as an impact cut at its limit would be).
      await tx((em) => repo.recordAssessed(em, impact('2026-11-26T09:00:02.000Z', ['1000012', '1000010', '1000011'], 1500)));
      const first = await service().list('ECN-100001', { limit: 2 });
      expect(first.plants).toEqual([
        expect.objectContaining({ plant: 'P1', workOrders: { total: 1, listed: 1, stillOnOldRevision: 1, byStatus: { RELEASED: 1 } }, purchaseOrders: { total: 1, listed: 1 } }),
        expect.objectContaining({ plant: 'P2', workOrders: { total: 1500, listed: 3, stillOnOldRevision: 1500, byStatus: { RELEASED: 1500 } }, purchaseOrders: { total: 0, listed: 0 } }),
      ]);
      expect(first.totals).toEqual({ workOrders: 1501, purchaseOrders: 1 });
      expect(first.items).toEqual([
        expect.objectContaining({ plant: 'P1', kind: 'purchase-order', number: '4500000012', line: 10, openQuantity: 500, suggestion: 'reduce', suggestedQuantity: 120 }),
        expect.objectContaining({ plant: 'P1', kind: 'work-order', number: '1000001', line: null, itemNumber: null }),
      ]);
      const rest = await service().list('ECN-100001', { limit: 2, cursor: first.nextCursor! });
      const last = await service().list('ECN-100001', { limit: 2, cursor: rest.nextCursor! });
      expect([...rest.items, ...last.items].map((o) => `${o.plant} ${o.number}`)).toEqual(['P2 1000010', 'P2 1000011', 'P2 1000012']);
      expect(last.nextCursor).toBeNull();

      const onlyP2 = await service().list('ECN-100001', { plant: 'P2', kind: 'work-order' });
      expect(onlyP2.plants.map((p) => p.plant)).toEqual(['P2']);
      expect(onlyP2.items).toHaveLength(3);

      // An older assessment arriving late changes nothing; a newer one replaces the plant's orders.
      await tx((em) => repo.recordAssessed(em, impact('2026-11-26T08:00:00.000Z', ['9999999'], 1)));
      expect((await service().list('ECN-100001', { plant: 'P2' })).items.map((o) => o.number)).toEqual(['1000010', '1000011', '1000012']);
      await tx((em) => repo.recordAssessed(em, impact('2026-11-26T10:00:00.000Z', ['1000011'], 1)));
      const newer = await service().list('ECN-100001', { plant: 'P2' });
      expect(newer.items.map((o) => o.number)).toEqual(['1000011']);
      expect(newer.plants[0].workOrders).toMatchObject({ total: 1, listed: 1 });
    });

    it("follows ERP's change feed: an order completed or moved to the new revision is no longer on the old one, whichever arrives first", async () => {
      const repo = new ImpactedOrdersRepository(ds);
      const changed = (number: string, status: string, revision: string, changedAt: string) => ({
        workOrder: { number, plant: 'P2', itemNumber: 'PUMP-100', revision, status, quantity: 1, unit: 'EA', plannedStart: changedAt, plannedEnd: changedAt, flags: [], holdReason: null },
        changedAt,
      }) as unknown as WorkOrderChangedV1;
      // 1000020's completion is reported before the impact that lists it arrives.
      await tx((em) => repo.recordWorkOrder(em, changed('1000020', 'COMPLETED', 'A', '2026-11-26T09:30:00.000Z')));
      await tx((em) =>
        repo.recordAssessed(em, { ...impact('2026-11-26T09:00:00.000Z', ['1000020', '1000021', '1000022'], 3), changeNumber: 'ECN-100002' }),
      );
      await tx((em) => repo.recordWorkOrder(em, changed('1000021', 'RELEASED', 'B', '2026-11-26T09:31:00.000Z')));
      await tx((em) => repo.recordWorkOrder(em, changed('1000022', 'IN_PROGRESS', 'A', '2026-11-26T09:32:00.000Z')));
      // An older report arriving late changes nothing.
      await tx((em) => repo.recordWorkOrder(em, changed('1000020', 'RELEASED', 'A', '2026-11-26T09:00:00.000Z')));
      const page = await service().list('ECN-100002', { plant: 'P2', kind: 'work-order' });
      expect(page.plants[0].workOrders).toMatchObject({ total: 3, listed: 3, stillOnOldRevision: 1 });
      expect(page.items.map((o) => [o.number, o.status, o.stillOnOldRevision])).toEqual([
        ['1000020', 'COMPLETED', false],
        ['1000021', 'RELEASED', false],
        ['1000022', 'IN_PROGRESS', true],
      ]);
    });

    it('answers DASHBOARD_CHANGE_NOT_FOUND for a change with no impact, and INVALID_CURSOR for a foreign cursor', async () => {
      await expect(service().list('ECN-404404')).rejects.toMatchObject({ code: 'DASHBOARD_CHANGE_NOT_FOUND' });
      await expect(service().list('ECN-100001', { cursor: 'bm9wZQ' })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
    });
  });

  describe('exception queue', () => {
    const opened = (caseId: string, plant: string, kind: string, owner: string, hoursAgo: number): ExceptionCaseOpenedV1 => ({
      caseId,
      plant,
      kind,
      severity: 'high',
      owner,
      itemNumber: 'PUMP-100',
      workOrderNumber: '1000009',
      changeNumber: null,
      openedAt: new Date(Date.now() - hoursAgo * 3600_000).toISOString(),
    });

    it('lists open cases oldest first with their age, filters by plant, kind and owner, counts them, and drops a resolved one (in either order)', async () => {
      const repo = new ExceptionQueueRepository(ds);
      const service = new ExceptionQueueService(repo);
      const a = '00000000-0000-4000-8000-00000000000a';
      const b = '00000000-0000-4000-8000-00000000000b';
      const c = '00000000-0000-4000-8000-00000000000c';
      const d = '00000000-0000-4000-8000-00000000000d';
      await tx((em) => repo.recordOpened(em, opened(a, 'P2', 'quality-hold', 'engineering', 0.1)));
      await tx((em) => repo.recordOpened(em, opened(b, 'P2', 'quality-hold', 'production', 30)));
      await tx((em) => repo.recordOpened(em, opened(c, 'P1', 'delay', 'production', 200)));
      // d's resolution arrives before its opening: it never shows as open.
      await tx((em) => repo.recordResolved(em, { caseId: d, plant: 'P3', resolution: 'done', resolvedBy: 'planner', resolvedAt: new Date().toISOString() }));
      await tx((em) => repo.recordOpened(em, opened(d, 'P3', 'delay', 'production', 1)));

      const all = await service.list({});
      expect(all.total).toBe(3);
      expect(all.items.map((x) => [x.caseId, x.ageBucket])).toEqual([
        [c, 'gt_7d'],
        [b, '1d_to_7d'],
        [a, 'lt_1h'],
      ]);
      expect(all.items[1]).toMatchObject({ plant: 'P2', owner: 'production', summary: "quality hold at P2 on PUMP-100 (work order 1000009), open 1 d 6 h, production's queue" });
      expect(all.items[1].ageSeconds).toBeGreaterThanOrEqual(30 * 3600);
      expect((await service.list({ plant: 'P2', owner: 'engineering' })).items.map((x) => x.caseId)).toEqual([a]);
      expect((await service.list({ kind: 'delay' })).items.map((x) => x.caseId)).toEqual([c]);
      const page1 = await service.list({}, { limit: 2 });
      const page2 = await service.list({}, { limit: 2, cursor: page1.nextCursor! });
      expect([...page1.items, ...page2.items].map((x) => x.caseId)).toEqual([c, b, a]);
      expect(page2.nextCursor).toBeNull();

      const summary = await service.summary({});
      expect(summary).toEqual({
        total: 3,
        byAge: { lt_1h: 1, '1h_to_24h': 0, '1d_to_7d': 1, gt_7d: 1 },
        byOwner: [
          { owner: 'engineering', count: 1 },
          { owner: 'production', count: 2 },
        ],
        groups: [
          expect.objectContaining({ plant: 'P1', kind: 'delay', ageBucket: 'gt_7d', count: 1 }),
          expect.objectContaining({ plant: 'P2', kind: 'quality-hold', ageBucket: 'lt_1h', count: 1 }),
          expect.objectContaining({ plant: 'P2', kind: 'quality-hold', ageBucket: '1d_to_7d', count: 1 }),
        ],
      });

      await tx((em) => repo.recordResolved(em, { caseId: a, plant: 'P2', resolution: 'reworked', resolvedBy: 'planner', resolvedAt: new Date().toISOString() }));
      expect((await service.list({ plant: 'P2' })).items.map((x) => x.caseId)).toEqual([b]);
      expect((await service.summary({ plant: 'P2' })).total).toBe(1);
    });
  });

  describe('lead time', () => {
    const releaseId = '3c2d0b0f-9f1d-4b68-8a7a-3f9f1f5e8e22';
    const at = (minutes: number) => new Date(Date.parse('2026-11-30T08:00:00.000Z') + minutes * 60_000).toISOString();
    const move = (plant: string | null, from: string | null, to: string, minutes: number, extra: Partial<ReleaseTransitionedV1> = {}): ReleaseTransitionedV1 => ({
      releaseId,
      changeNumber: 'ECN-200001',
      plant,
      from,
      to,
      actor: 'system:process-api',
      reason: `${to} reason`,
      at: at(minutes),
      ...extra,
    });

    it('times each stage per plant from transitions in any order, says what a plant waits for in plain words, and summarises p50 and p95 per plant', async () => {
      const repo = new LeadTimeRepository(ds);
      const service = new LeadTimeService(repo);
      const transitions = [
        move(null, null, 'RECEIVED', 1),
        move(null, 'RECEIVED', 'VALIDATED', 3),
        move(null, 'VALIDATED', 'IMPACT_ASSESSED', 4),
        move(null, 'IMPACT_ASSESSED', 'AWAITING_APPROVAL', 4),
        move(null, 'AWAITING_APPROVAL', 'APPROVED', 64),
        move(null, 'APPROVED', 'ROLLING_OUT', 64),
        move('P1', 'PENDING', 'ERP_APPLIED', 66),
        move('P1', 'ERP_APPLIED', 'COMPLETED', 67),
        // P2 waits for its window (opens Monday 7 Dec 06:00 UTC) ...
        move('P2', 'PENDING', 'WAITING_FOR_WINDOW', 65, { notBefore: '2026-12-07T06:00:00.000Z' }),
      ];
      // ... delivered out of order, the release's start last, and one transition twice.
      for (const t of [...transitions].reverse()) await tx((em) => repo.recordTransition(em, t));
      await tx((em) => repo.recordTransition(em, transitions[6]));
      await tx((em) =>
        repo.recordStarted(em, {
          releaseId,
          changeNumber: 'ECN-200001',
          title: 'Seal',
          targetPlants: ['P1', 'P2', 'P3'],
          items: [],
          startedAt: at(1),
          plmReleasedAt: at(0),
        }),
      );

      const rollouts = await service.rollouts({ changeNumber: 'ECN-200001' });
      const byPlant = Object.fromEntries(rollouts.items.map((r) => [r.plant, r]));
      expect(byPlant.P1).toMatchObject({
        state: 'COMPLETED',
        leadTimeSeconds: 67 * 60,
        stageSeconds: { validation: 180, impact: 60, approvalWait: 3600, releaseWindowWait: 0, erp: 120, scheduler: 60 },
        startedAt: at(0),
        completedAt: at(67),
      });
      expect(byPlant.P2).toMatchObject({ state: 'WAITING_FOR_WINDOW', status: "waiting for P2's release window, opens Monday 7 Dec 06:00 UTC", leadTimeSeconds: null });
      // P3 has no transition of its own yet: its rollout was created PENDING when the release started rolling out.
      expect(byPlant.P3).toMatchObject({ state: 'PENDING', status: "applying the change in P3's ERP", leadTimeSeconds: null });

      // P2's window opens: it waited 10 h 55 min, then ERP and the scheduler took a minute each.
      await tx((em) => repo.recordTransition(em, move('P2', 'WAITING_FOR_WINDOW', 'ERP_APPLIED', 720, { notBefore: null })));
      await tx((em) => repo.recordTransition(em, move('P2', 'ERP_APPLIED', 'COMPLETED', 721, { effectiveFrom: '2026-12-08T00:00:00.000Z' })));
      const p2 = (await service.rollouts({ changeNumber: 'ECN-200001', plant: 'P2' })).items[0];
      expect(p2).toMatchObject({ state: 'COMPLETED', leadTimeSeconds: 721 * 60, stageSeconds: { releaseWindowWait: 655 * 60, erp: 60, scheduler: 60 } });
      expect(p2.status).toMatch(/^in P2's schedule since .* UTC, effective from Tuesday 8 Dec 00:00 UTC$/);
      const s = p2.stageSeconds;
      expect(s.validation! + s.impact! + s.approvalWait! + s.releaseWindowWait! + s.erp! + s.scheduler!).toBe(p2.leadTimeSeconds);

      const summary = await service.summary({ days: 366 });
      expect(summary.plants.map((p) => [p.plant, p.completed, p.leadTimeSeconds.p50])).toEqual([
        ['P1', 1, 67 * 60],
        ['P2', 1, 721 * 60],
      ]);
      expect(summary.plants[1].stageSeconds.releaseWindowWait).toEqual({ p50: 655 * 60, mean: 655 * 60 });
      const paged = await service.summary({ days: 366 }, { limit: 1 });
      expect((await service.summary({ days: 366 }, { limit: 1, cursor: paged.nextCursor! })).plants.map((p) => p.plant)).toEqual(['P2']);
      expect((await service.rollouts({ progress: 'in-progress' })).items.map((r) => r.plant)).toEqual(['P3']);
    });
  });

  describe('integration health', () => {
    const report = (reportedAt: string, backends: IntegrationHealthReportedV1['backends'], reporter = 'host:1:a'): IntegrationHealthReportedV1 => ({
      reporter,
      periodStart: reportedAt,
      reportedAt,
      backends,
    });
    const entry = (backend: string, plant: string | null, x: Partial<IntegrationHealthReportedV1['backends'][number]>) => ({
      backend,
      plant,
      calls: 0,
      failedCalls: 0,
      unavailableCalls: 0,
      retryingSteps: 0,
      oldestRetrySince: null,
      deadLetters: 0,
      lastErrorClass: null,
      ...x,
    });

    it('adds calls up across reports and instances, keeps the newest report\'s failing steps, and clears a pair a later report no longer lists', async () => {
      const repo = new IntegrationHealthRepository(ds);
      const service = new IntegrationHealthService(repo);
      const t0 = Date.now() - 120_000;
      const iso = (ms: number) => new Date(t0 + ms).toISOString();
      await tx((em) =>
        repo.recordReport(
          em,
          report(iso(0), [
            entry('erp-system-api', 'P2', { calls: 10, failedCalls: 4, unavailableCalls: 4, retryingSteps: 2, oldestRetrySince: iso(-60_000), lastErrorClass: 'backend-unavailable' }),
            entry('plm-system-api', null, { calls: 5 }),
          ]),
        ),
      );
      await tx((em) =>
        repo.recordReport(
          em,
          report(iso(1000), [entry('erp-system-api', 'P2', { calls: 10, failedCalls: 1, unavailableCalls: 0, retryingSteps: 2, oldestRetrySince: iso(-60_000), lastErrorClass: 'backend-unavailable' })], 'host:2:b'),
        ),
      );
      const health = await service.summary({ minutes: 60 });
      expect(health.totals).toEqual({ calls: 25, failedCalls: 5, retryingSteps: 2, deadLetters: 0 });
      const erp = health.items.find((i) => i.backend === 'erp-system-api')!;
      expect(erp).toMatchObject({ plant: 'P2', calls: 20, failedCalls: 5, errorRate: 0.25, availability: 0.8, retryingSteps: 2, state: 'down' });
      expect(erp.summary).toMatch(/^erp-system-api at P2: 2 steps retrying since .* UTC \(backend unavailable\); 5 of 20 calls failed in the last 60 min$/);
      expect(health.items.find((i) => i.backend === 'plm-system-api')).toMatchObject({ plant: null, state: 'ok', errorRate: 0, availability: 1 });

      // The step retrying recovered; another became a dead letter at P1.
      await tx((em) => repo.recordReport(em, report(iso(2000), [entry('erp-system-api', 'P1', { deadLetters: 1, lastErrorClass: 'refused' })])));
      const later = await service.summary({ backend: 'erp-system-api' });
      expect(later.items.map((i) => [i.plant, i.retryingSteps, i.deadLetters, i.state])).toEqual([
        ['P1', 0, 1, 'degraded'],
        ['P2', 0, 0, 'degraded'],
      ]);
      // An older report arriving late does not bring the recovered steps back.
      await tx((em) => repo.recordReport(em, report(iso(500), [entry('erp-system-api', 'P2', { retryingSteps: 7, lastErrorClass: 'backend-unavailable' })], 'host:3:c')));
      expect((await service.summary({ backend: 'erp-system-api', plant: 'P2' })).items[0].retryingSteps).toBe(0);
      const page = await service.summary({}, { limit: 1 });
      expect(page.items).toHaveLength(1);
      expect(page.totals.deadLetters).toBe(1);
      const next = await service.summary({}, { limit: 1, cursor: page.nextCursor! });
      expect(next.items[0].plant).toBe('P2');
    });
  });
});
