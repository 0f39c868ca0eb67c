import type { EngineeringChangeDto, EngineeringReleaseDto, ExceptionCaseDto } from '@threadline/canonical';
import type { ExceptionQueuePageDto, ExceptionQueueSummaryDto } from '../../apps/experience-api/src/exception-queue/exception-queue.dto';
import type { ImpactedOrderDto, ImpactedOrdersPageDto } from '../../apps/experience-api/src/impacted-orders/impacted-orders.dto';
import type { IntegrationHealthDto } from '../../apps/experience-api/src/integration-health/integration-health.dto';
import type { LeadTimeSummaryDto, RolloutLeadTimeDto, RolloutLeadTimesPageDto } from '../../apps/experience-api/src/lead-time/lead-time.dto';
import { eventually } from '../support/eventually';
import { call, expectOk } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { anEngineeringChange, P3_CLOSED_WINDOW_POLICY } from '../support/release-fixtures';

/**
 * The dashboards' read models, fed only by the process API's events, read through the experience
 * API as a dashboard reads them: a governed release (approval, P3's release window), a quality hold
 * opened and resolved, a plant's scheduler down and a change ERP refuses for good.
 */
describe('dashboards: impacted orders, exception queue, lead time, integration health (nine apps, real HTTP, real Postgres)', () => {
  let t: TestPlatform;
  let integrator: string;
  let approver: string;
  let dashboard: string;
  let operator: string;

  beforeAll(async () => {
    t = await startTestPlatform('dashboards', {
      GOVERNANCE_POLICY: P3_CLOSED_WINDOW_POLICY,
      INTEGRATION_HEALTH_REPORT_SECONDS: '1',
      // ERP's work-order feed every second, so the impacted orders see the orders the rollout flags.
      ERP_FEED_INTERVAL_MS: '1000',
      // Short delays and a small fault budget, as in the operations test.
      MESSAGING_TIERS: JSON.stringify({ 1: { baseDelaySeconds: 1, maxDelaySeconds: 2, maxAttempts: 2 } }),
    });
    integrator = await t.token('demo-integrator');
    approver = await t.token('demo-approver');
    dashboard = await t.token('dashboard');
    operator = await t.token('operator');
  }, 120_000);

  afterAll(() => t?.close());

  const experience = (path: string) => `${t.url('experience-api')}/v1/dashboards${path}`;
  const read = <T>(path: string) => expectOk<T>(`GET ${path}`, call<T>('GET', experience(path), { token: dashboard }));

  async function release(body: Record<string, unknown>): Promise<string> {
    const created = await call<EngineeringChangeDto>('POST', `${t.url('plm-system-api')}/v1/engineering-changes`, { token: integrator, body });
    expect(created.status).toBe(201);
    expect((await call('POST', `${t.url('plm-system-api')}/v1/engineering-changes/${created.body.number}/release`, { token: integrator })).status).toBe(200);
    return created.body.number;
  }

  const releaseOf = async (changeNumber: string): Promise<EngineeringReleaseDto | undefined> =>
    (await call<{ items: EngineeringReleaseDto[] }>('GET', `${t.url('process-api')}/v1/engineering-releases?changeNumber=${changeNumber}`, { token: integrator })).body
      .items?.[0];

  /** The process API's open exception cases, counted per owner. */
  async function openCasesByOwner(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    let cursor: string | null = null;
    do {
      const page: { items: ExceptionCaseDto[]; nextCursor: string | null } = await expectOk(
        'open cases',
        call('GET', `${t.url('process-api')}/v1/exceptions?state=OPEN&limit=200${cursor ? `&cursor=${cursor}` : ''}`, { token: integrator }),
      );
      for (const c of page.items) counts[c.owner] = (counts[c.owner] ?? 0) + 1;
      cursor = page.nextCursor;
    } while (cursor);
    return counts;
  }

  const rollouts = async (changeNumber: string): Promise<Record<string, RolloutLeadTimeDto>> =>
    Object.fromEntries((await read<RolloutLeadTimesPageDto>(`/lead-time/rollouts?changeNumber=${changeNumber}`)).items.map((r) => [r.plant, r]));

  it('a governed release: impacted orders with their totals, each plant\'s state in plain words, lead time per plant with the time in each stage', async () => {
    const changeNumber = await release(
      anEngineeringChange({
        title: 'Valve seal: scrap old stock',
        targetPlants: ['P1', 'P2', 'P3'],
        affectedItems: [
          { itemNumber: 'VALVE-300', fromRevision: 'A', toRevision: 'B', disposition: 'scrap', bomChanges: [{ action: 'replace', componentNumber: 'SEAL-200', replacementNumber: 'SEAL-210' }] },
        ],
      }),
    );
    const waiting = await eventually(async () => {
      const r = await releaseOf(changeNumber);
      return r?.state === 'AWAITING_APPROVAL' ? r : undefined;
    }, 'the release to wait for an approver');

    // Impacted orders: the process API's totals per plant, and every listed order across the pages.
    const first = await eventually(async () => {
      const page = await call<ImpactedOrdersPageDto>('GET', experience(`/changes/${changeNumber}/impacted-orders?limit=2`), { token: dashboard });
      return page.status === 200 ? page.body : undefined;
    }, 'the impacted orders');
    expect(first.releaseId).toBe(waiting.id);
    expect(first.plants.map((p) => [p.plant, p.workOrders.total, p.purchaseOrders.total])).toEqual(
      waiting.impact.map((p) => [p.plant, p.workOrders.total, p.purchaseOrdersTotal ?? p.purchaseOrders.length]),
    );
    expect(first.totals).toEqual({
      workOrders: waiting.impact.reduce((n, p) => n + p.workOrders.total, 0),
      purchaseOrders: waiting.impact.reduce((n, p) => n + (p.purchaseOrdersTotal ?? p.purchaseOrders.length), 0),
    });
    // P2 has an open purchase order of the outgoing seal.
    expect(first.plants.find((p) => p.plant === 'P2')!.purchaseOrders.total).toBeGreaterThan(0);
    const listed: ImpactedOrderDto[] = [...first.items];
    for (let cursor = first.nextCursor; cursor; ) {
      const page = await read<ImpactedOrdersPageDto>(`/changes/${changeNumber}/impacted-orders?limit=2&cursor=${cursor}`);
      listed.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(listed.length).toBe(first.plants.reduce((n, p) => n + p.workOrders.listed + p.purchaseOrders.listed, 0));
    expect(listed.filter((o) => o.kind === 'purchase-order').map((o) => `${o.plant}/${o.number}/${o.line}`).sort()).toEqual(
      waiting.impact.flatMap((p) => p.purchaseOrders.map((o) => `${p.plant}/${o.number}/${o.line}`)).sort(),
    );
    const p2 = await read<ImpactedOrdersPageDto>(`/changes/${changeNumber}/impacted-orders?plant=P2&kind=purchase-order`);
    expect(p2.items.every((o) => o.plant === 'P2' && o.kind === 'purchase-order' && o.suggestion !== null)).toBe(true);

    // Before the approval, every plant waits for an approver.
    const before = await eventually(async () => {
      const r = await rollouts(changeNumber);
      return Object.keys(r).length === 3 && Object.values(r).every((x) => x.state === 'AWAITING_APPROVAL') ? r : undefined;
    }, 'each plant to read AWAITING_APPROVAL');
    expect(before.P2.status).toMatch(/^waiting for an approver since \w+day \d+ \w{3} \d\d:\d\d UTC$/);

    const etag = (await call('GET', `${t.url('process-api')}/v1/engineering-releases/${waiting.id}`, { token: approver })).headers.get('etag')!;
    const approved = await call('POST', `${t.url('process-api')}/v1/engineering-releases/${waiting.id}/approvals`, {
      token: approver,
      body: { decision: 'approve' },
      headers: { 'if-match': etag },
    });
    expect(approved.status).toBe(204);

    // P1 and P2 complete; P3 waits for its window (Sundays 03:00 UTC), in plain words.
    const after = await eventually(async () => {
      const r = await rollouts(changeNumber);
      return r.P1?.state === 'COMPLETED' && r.P2?.state === 'COMPLETED' && r.P3?.state === 'WAITING_FOR_WINDOW' ? r : undefined;
    }, 'P1 and P2 completed, P3 waiting for its window');
    expect(after.P3.status).toMatch(/^waiting for P3's release window, opens Sunday \d+ \w{3} 03:00 UTC$/);
    expect(after.P3.leadTimeSeconds).toBeNull();
    const processRelease = (await releaseOf(changeNumber))!;
    for (const plant of ['P1', 'P2']) {
      const r = after[plant];
      const stages = Object.values(r.stageSeconds) as (number | null)[];
      expect(stages.every((s) => s !== null)).toBe(true);
      // The stages account for the whole lead time (each rounded to 0.1 s).
      expect(Math.abs(stages.reduce<number>((n, s) => n + s!, 0) - r.leadTimeSeconds!)).toBeLessThan(0.5);
      expect(Date.parse(r.startedAt!)).toBeLessThanOrEqual(Date.parse(processRelease.createdAt));
      expect(r.completedAt).not.toBeNull();
      expect(r.status).toMatch(new RegExp(`^in ${plant}'s schedule since .* UTC, effective from .* UTC$`));
    }

    // ERP's change feed reports the open orders the rollout flagged or held in P1 and P2: still on the old revision.
    const workOrders = listed.filter((o) => o.kind === 'work-order' && o.plant !== 'P3');
    expect(workOrders.length).toBeGreaterThan(0);
    const reported = await eventually(async () => {
      const page = await read<ImpactedOrdersPageDto>(`/changes/${changeNumber}/impacted-orders?kind=work-order&plant=${workOrders[0].plant}&limit=200`);
      return page.items.every((o) => o.status !== null) ? page : undefined;
    }, "ERP's feed to report the flagged orders");
    expect(reported.items.every((o) => o.stillOnOldRevision && ['CREATED', 'RELEASED', 'IN_PROGRESS', 'ON_HOLD'].includes(o.status!))).toBe(true);
    expect(reported.plants[0].workOrders.stillOnOldRevision).toBe(reported.plants[0].workOrders.total);

    const summary = await read<LeadTimeSummaryDto>('/lead-time');
    const plants = Object.fromEntries(summary.plants.map((p) => [p.plant, p]));
    expect(Object.keys(plants)).toEqual(['P1', 'P2']);
    for (const plant of ['P1', 'P2']) {
      expect(plants[plant].completed).toBe(1);
      expect(plants[plant].leadTimeSeconds.p50).toBeCloseTo(after[plant].leadTimeSeconds!, 0);
      expect(plants[plant].leadTimeSeconds.p95).toBeGreaterThanOrEqual(plants[plant].leadTimeSeconds.p50);
      expect(plants[plant].stageSeconds.approvalWait.p50).not.toBeNull();
      expect(plants[plant].stageSeconds.scheduler.p50).not.toBeNull();
    }
    const p2Only = await read<LeadTimeSummaryDto>('/lead-time?plant=P2&limit=1');
    expect(p2Only.plants.map((p) => p.plant)).toEqual(['P2']);
  }, 150_000);

  it('bad queries answer 400 with a specific code, and the routes need experience:read', async () => {
    const get = (path: string, token = dashboard) => call('GET', experience(path), { token });
    expect((await get('/lead-time?days=0')).body).toMatchObject({ status: 400, code: 'DASHBOARD_QUERY_INVALID' });
    expect((await get('/exception-queue?kind=earthquake')).body).toMatchObject({ status: 400, code: 'DASHBOARD_QUERY_INVALID' });
    expect((await get('/exception-queue/summary?plant=p2%20or%201')).body).toMatchObject({ status: 400, code: 'DASHBOARD_QUERY_INVALID' });
    expect((await get('/integration-health?minutes=99999')).body).toMatchObject({ status: 400, code: 'DASHBOARD_QUERY_INVALID' });
    expect((await get('/changes/ecn-lower/impacted-orders')).body).toMatchObject({ status: 400, code: 'DASHBOARD_QUERY_INVALID' });
    expect((await get('/changes/ECN-999999/impacted-orders')).body).toMatchObject({ status: 404, code: 'DASHBOARD_CHANGE_NOT_FOUND' });
    expect((await get('/lead-time/rollouts?cursor=bm9wZQ')).body).toMatchObject({ status: 400, code: 'INVALID_CURSOR' });
    expect((await get('/lead-time/rollouts?color=blue')).status).toBe(400);
    expect((await call('GET', experience('/exception-queue'))).status).toBe(401);
    expect((await get('/exception-queue', integrator)).status).toBe(403);
  });

  it('exception queue: a quality hold is an open case, counted by plant, kind and age, and gone once resolved', async () => {
    const scheduling = await t.token('threadline-process');
    const report = await call('POST', `${t.url('scheduling-system-api')}/v1/plants/P2/quality-holds`, {
      token: scheduling,
      body: { jobId: '1000009', detail: 'Leak test failed on 3 of 30 units' },
    });
    expect([200, 201]).toContain(report.status);
    const opened = await eventually(async () => {
      const page = await call<{ items: ExceptionCaseDto[] }>('GET', `${t.url('process-api')}/v1/exceptions?plant=P2&kind=quality-hold`, { token: integrator });
      return page.body.items?.[0];
    }, 'the case to open');

    const queued = await eventually(async () => {
      const page = await read<ExceptionQueuePageDto>('/exception-queue?plant=P2&kind=quality-hold&owner=engineering');
      return page.items.find((c) => c.caseId === opened.id) ? page : undefined;
    }, 'the case in the exception queue');
    expect(queued.total).toBe(1);
    expect(queued.items[0]).toMatchObject({ plant: 'P2', kind: 'quality-hold', owner: 'engineering', workOrderNumber: '1000009', ageBucket: 'lt_1h' });
    expect(queued.items[0].summary).toMatch(/^quality hold at P2 on PUMP-100 \(work order 1000009\), open .*, engineering's queue$/);
    expect((await read<ExceptionQueuePageDto>('/exception-queue?plant=P1')).items.some((c) => c.caseId === opened.id)).toBe(false);
    // The counts agree with the process API's open cases (the schedulers' seeded problems are cases too).
    const summary = await eventually(async () => {
      const [dash, open] = await Promise.all([read<ExceptionQueueSummaryDto>('/exception-queue/summary'), openCasesByOwner()]);
      return dash.total === Object.values(open).reduce((n, c) => n + c, 0) ? { dash, open } : undefined;
    }, "the queue's counts to match the process API's open cases");
    expect(summary.dash.byOwner).toEqual(Object.entries(summary.open).sort(([a], [b]) => a.localeCompare(b)).map(([owner, count]) => ({ owner, count })));
    expect(summary.dash.groups).toContainEqual(expect.objectContaining({ plant: 'P2', kind: 'quality-hold', ageBucket: 'lt_1h' }));
    expect(Object.values(summary.dash.byAge).reduce((n, c) => n + c, 0)).toBe(summary.dash.total);

    const resolved = await call('POST', `${t.url('process-api')}/v1/exceptions/${opened.id}/resolution`, { token: integrator, body: { resolution: 'Units reworked and re-tested' } });
    expect(resolved.status).toBe(200);
    await eventually(async () => {
      const page = await read<ExceptionQueuePageDto>('/exception-queue?plant=P2&kind=quality-hold&owner=engineering');
      return page.items.some((c) => c.caseId === opened.id) ? undefined : true;
    }, 'the resolved case to leave the queue');
    const engineering = await eventually(async () => {
      const [dash, open] = await Promise.all([read<ExceptionQueueSummaryDto>('/exception-queue/summary?owner=engineering'), openCasesByOwner()]);
      return dash.total === (open.engineering ?? 0) ? dash.total : undefined;
    }, "engineering's count to match after the resolution");
    expect(engineering).toBe((summary.open.engineering ?? 0) - 1);
  }, 90_000);

  it('integration health: a scheduler down at P2 is counted (failed calls, steps retrying, down) and recovers; a change ERP refuses for good is a dead letter at P1', async () => {
    const outage = await call('PUT', `${t.url('scheduler-mock')}/admin/faults/P2`, {
      token: operator,
      body: { outages: [{ from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() + 3600_000).toISOString() }] },
    });
    expect(outage.status).toBe(200);
    const changeNumber = await release(anEngineeringChange({ title: 'Seal at P1 and P2 while P2 schedules nothing', targetPlants: ['P1', 'P2'] }));
    const down = await eventually(async () => {
      const health = await read<IntegrationHealthDto>('/integration-health?backend=scheduling-system-api&plant=P2');
      const p2 = health.items[0];
      return p2 && p2.retryingSteps >= 1 && p2.failedCalls >= 1 ? health : undefined;
    }, "P2's scheduler counted as failing");
    expect(down.lastReportAt).not.toBeNull();
    expect(down.items[0]).toMatchObject({ backend: 'scheduling-system-api', plant: 'P2', state: 'down', lastErrorClass: 'backend-unavailable' });
    expect(down.items[0].availability).toBeLessThan(1);
    expect(down.items[0].errorRate).toBeGreaterThan(0);
    expect(down.items[0].summary).toMatch(/^scheduling-system-api at P2: \d+ steps? retrying since .* \(backend unavailable\); \d+ of \d+ calls? failed in the last 60 min$/);
    expect(down.totals.retryingSteps).toBeGreaterThanOrEqual(1);

    // ERP refuses a change for good at P1 (the part lost its valuation there): a dead letter.
    const { rows } = await t.db.withClient((db) =>
      db.query(`DELETE FROM erp_mock.product_valuations WHERE product = 'COUPLING-19' AND valuation_area = 'P1' RETURNING product`),
    );
    expect(rows).toHaveLength(1);
    await release(
      anEngineeringChange({
        title: 'Add COUPLING-19 to PUMP-2040 (no valuation in P1)',
        targetPlants: ['P1'],
        affectedItems: [{ itemNumber: 'PUMP-2040', fromRevision: 'A', toRevision: 'B', disposition: 'use-as-is', bomChanges: [{ action: 'add', componentNumber: 'COUPLING-19', quantity: 1, unit: 'EA' }] }],
      }),
    );
    const dead = await eventually(async () => {
      const health = await read<IntegrationHealthDto>('/integration-health?backend=erp-system-api&plant=P1');
      return health.items[0]?.deadLetters >= 1 ? health.items[0] : undefined;
    }, 'the dead letter at P1 counted');
    expect(dead).toMatchObject({ state: 'degraded', lastErrorClass: 'refused' });
    expect(dead.summary).toMatch(/1 dead letter for an operator/);

    // P2's scheduler is back: the rollout completes and nothing retries there any more.
    expect((await call('DELETE', `${t.url('scheduler-mock')}/admin/faults/P2`, { token: operator })).status).toBe(204);
    await eventually(async () => ((await releaseOf(changeNumber))?.state === 'COMPLETED' ? true : undefined), 'the release to complete');
    const recovered = await eventually(async () => {
      const health = await read<IntegrationHealthDto>('/integration-health?backend=scheduling-system-api&plant=P2');
      return health.items[0]?.retryingSteps === 0 ? health.items[0] : undefined;
    }, "P2's scheduler no longer retrying");
    expect(recovered.calls).toBeGreaterThan(recovered.failedCalls);
  }, 150_000);
});
