import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineeringChangeDto, EngineeringReleaseDto, ExceptionCaseDto, WorkOrderDto } from '@threadline/canonical';
import { eventually } from '../support/eventually';
import { call as callDirectly, JsonResponse } from '../support/http';
import type { AppName } from '../../apps/launcher/src/platform-runner';
import { openApiPath } from '../support/openapi';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { ContractCallOptions, ContractProxies } from '../support/prism';
import { anEngineeringChange, P3_CLOSED_WINDOW_POLICY } from '../support/release-fixtures';

/** The apps whose committed OpenAPI documents are checked from outside. */
const CHECKED_APPS = ['plm-system-api', 'erp-system-api', 'scheduling-system-api', 'process-api', 'experience-api'] as const;
type CheckedApp = (typeof CHECKED_APPS)[number];

/** The apps the process API calls over HTTP; it reaches them through strict proxies too. */
const SYSTEM_APIS: readonly AppName[] = ['plm-system-api', 'erp-system-api', 'scheduling-system-api'];

/**
 * Below this many validated responses the run proves little. The flow below makes well over a
 * hundred calls; the floor only has to catch a run where the proxies were bypassed or answered
 * everything themselves.
 */
const MIN_CHECKED_RESPONSES = 100;

/**
 * Every system API operation the process API's client (apps/process-api/src/system-apis) calls,
 * each of which the flow below makes it call. The writes are the process API's alone (nothing else
 * applies a plant BOM or a production change): seen here, they went through the proxies.
 */
const PROCESS_API_CALLS = [
  'plm-system-api: GET /v1/engineering-changes/{number}',
  'plm-system-api: GET /v1/items/{itemNumber}',
  'plm-system-api: GET /v1/items/{itemNumber}/revisions/{revision}/bom',
  'erp-system-api: GET /v1/plants/{plant}/items',
  'erp-system-api: GET /v1/plants/{plant}/where-used-summary',
  'erp-system-api: GET /v1/plants/{plant}/work-orders',
  'erp-system-api: GET /v1/plants/{plant}/inventory',
  'erp-system-api: GET /v1/plants/{plant}/purchase-orders',
  'erp-system-api: GET /v1/plants/{plant}/open-work-orders',
  'erp-system-api: GET /v1/plants/{plant}/item-inventory',
  'erp-system-api: GET /v1/plants/{plant}/open-purchase-orders',
  'erp-system-api: POST /v1/plants/{plant}/boms',
  'erp-system-api: POST /v1/plants/{plant}/work-orders/{number}/flags',
  'erp-system-api: POST /v1/plants/{plant}/work-orders/{number}/hold',
  'erp-system-api: POST /v1/plants/{plant}/work-orders/{number}/release-hold',
  'erp-system-api: POST /v1/plants/{plant}/purchase-requisitions',
  'erp-system-api: POST /v1/plants/{plant}/cost-rollups',
  'scheduling-system-api: GET /v1/plants/{plant}/jobs',
  'scheduling-system-api: POST /v1/plants/{plant}/production-changes',
];

/** Fails with the whole response when the status is not the one expected (Prism's own answers explain themselves). */
function expectStatus<T>(response: JsonResponse<T>, ...statuses: number[]): T {
  if (!statuses.includes(response.status)) {
    throw new Error(`expected ${statuses.join(' or ')}, got ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/**
 * The contract checked from outside: Prism proxies (test/support/prism.ts) in front of the system,
 * process and experience APIs, and a governed release, the exception loop, the reads and the
 * refusals driven through them as a client would. The process API's own calls to the system APIs
 * (the hook `upstreamUrl` of startPlatform) go through strict proxies of their own, so what the
 * flow makes it send and receive is checked as well, and recorded as the process API's.
 */
describe('contract check from outside: every response through Prism keeps the committed OpenAPI documents', () => {
  let t: TestPlatform;
  const prism = new ContractProxies();
  /** Between the process API and the system APIs. */
  const interApp = new ContractProxies();
  let integrator: string;
  let approver: string;
  let dashboard: string;
  let service: string;
  const url = (app: CheckedApp, path: string): string => `${prism.url(app)}${path}`;
  const call = <T = any>(method: string, app: CheckedApp, path: string, options: ContractCallOptions = {}): Promise<JsonResponse<T>> =>
    prism.call<T>(method, url(app, path), options);

  /** A call and the statuses the app may answer with (all of them documented). */
  type Probe = [app: CheckedApp, method: string, path: string, options: ContractCallOptions, statuses: number[]];

  /** Makes every call, then fails once listing each unexpected answer, so one run shows them all. */
  async function expectAnswers(probes: Probe[]): Promise<void> {
    const unexpected: string[] = [];
    for (const [app, method, path, options, statuses] of probes) {
      const response = await call(method, app, path, options);
      if (!statuses.includes(response.status)) {
        unexpected.push(`${app}: ${method} ${path} -> ${response.status}, expected ${statuses.join(' or ')}: ${JSON.stringify(response.body).slice(0, 600)}`);
      }
    }
    expect(unexpected).toEqual([]);
  }

  beforeAll(async () => {
    t = await startTestPlatform(
      'contract',
      // The system APIs' master-data caches are off here: this file checks every call that reaches a
      // backend (and the answers when the backends fail), which a warm cache would answer instead.
      { GOVERNANCE_POLICY: P3_CLOSED_WINDOW_POLICY, MASTER_DATA_CACHE_TTL_SECONDS: '0' },
      {
        upstreamUrl: async (app, systemApiUrl) => {
          if (!SYSTEM_APIS.includes(app)) throw new Error(`the process API asked for ${app}`);
          await interApp.add(app, openApiPath(app), systemApiUrl, false);
          return interApp.relay(app, 'process-api');
        },
      },
    );
    await Promise.all(CHECKED_APPS.map((app) => prism.add(app, openApiPath(app), t.url(app))));
    [integrator, approver, dashboard, service] = await Promise.all(
      ['demo-integrator', 'demo-approver', 'dashboard', 'threadline-process'].map((client) => t.token(client)),
    );
  }, 120_000);

  afterAll(async () => {
    await prism.stop();
    await t?.close();
    // After the platform: the process API's workers call through these until it has stopped.
    await interApp.stop();
  });

  async function createAndRelease(body: object): Promise<EngineeringChangeDto> {
    const created = expectStatus(await call<EngineeringChangeDto>('POST', 'plm-system-api', '/v1/engineering-changes', { token: integrator, body }), 201);
    expectStatus(await call('GET', 'plm-system-api', `/v1/engineering-changes/${created.number}`, { token: integrator }), 200);
    return expectStatus(await call<EngineeringChangeDto>('POST', 'plm-system-api', `/v1/engineering-changes/${created.number}/release`, { token: integrator }), 200);
  }

  async function releaseIn(changeNumber: string, states: string[]): Promise<EngineeringReleaseDto> {
    return eventually(async () => {
      const page = await call<{ items: EngineeringReleaseDto[] }>('GET', 'process-api', `/v1/engineering-releases?changeNumber=${changeNumber}`, { token: integrator });
      const release = expectStatus(page, 200).items[0];
      return release && states.includes(release.state) ? release : undefined;
    }, `${changeNumber} to reach ${states.join(' or ')}`, 30_000);
  }

  async function readRelease(id: string): Promise<JsonResponse<EngineeringReleaseDto>> {
    const read = await call<EngineeringReleaseDto>('GET', 'process-api', `/v1/engineering-releases/${id}`, { token: approver });
    expectStatus(read, 200);
    return read;
  }

  it('reads: every list and detail of the system APIs on the demo data, and health', async () => {
    const items = expectStatus(await call<{ nextCursor: string | null }>('GET', 'plm-system-api', '/v1/items?limit=5', { token: integrator }), 200);
    // A problem report to read back (an external reference makes a rerun answer the same one).
    const report = expectStatus(
      await call<{ number: string }>('POST', 'plm-system-api', '/v1/problem-reports', {
        token: integrator,
        body: { title: 'Contract check: a problem report to read', externalReference: 'contract-check-read' },
      }),
      201,
      200,
    );
    const reads: Probe[] = [
      ...CHECKED_APPS.flatMap((app): Probe[] => [[app, 'GET', '/health/live', {}, [200]], [app, 'GET', '/health/ready', {}, [200]]]),
      ...[
        `/v1/items?limit=5&cursor=${encodeURIComponent(items.nextCursor!)}`,
        '/v1/items/PUMP-100',
        '/v1/items/PUMP-100/documents',
        '/v1/items/PUMP-100/revisions/A/bom',
        '/v1/items/PUMP-100/revisions/A/bom/exploded',
        '/v1/engineering-changes',
        '/v1/problem-reports?limit=5',
        `/v1/problem-reports/${report.number}`,
      ].map((path): Probe => ['plm-system-api', 'GET', path, { token: integrator }, [200]]),
      ...[
        '/v1/plants',
        '/v1/plants/P1/items/PUMP-100',
        '/v1/plants/P1/items?items=PUMP-100,SEAL-200,NOPE-404',
        '/v1/plants/P1/items/PUMP-100/boms',
        '/v1/plants/P1/items/SEAL-200/where-used',
        '/v1/plants/P1/where-used-summary?items=SEAL-200,CASTING-111&limit=1',
        '/v1/plants/P1/items/PUMP-100/routing',
        '/v1/plants/P2/work-orders?itemNumber=PUMP-100',
        '/v1/plants/P2/inventory?itemNumber=SEAL-200',
        '/v1/plants/P2/purchase-orders?itemNumber=SEAL-200',
        '/v1/plants/P2/open-work-orders?items=PUMP-100,VALVE-300&limit=1',
        '/v1/plants/P2/item-inventory?items=SEAL-200,BOLT-M8&limit=1000',
        '/v1/plants/P2/open-purchase-orders?items=SEAL-200,BOLT-M8',
        '/v1/plants/P1/purchase-requisitions',
        '/v1/plants/P1/items/PUMP-100/costs',
        '/v1/suppliers?limit=10',
      ].map((path): Probe => ['erp-system-api', 'GET', path, { token: integrator }, [200]]),
      // Routings (issue 12 item 2).
      ['plm-system-api', 'GET', '/v1/items/PUMP-100/revisions/A/routing', { token: integrator }, [200]],
      ['erp-system-api', 'GET', '/v1/plants/P1/work-centers', { token: integrator }, [200]],
      ['erp-system-api', 'GET', '/v1/plants/P1/items/PUMP-100/routing-versions', { token: integrator }, [200]],
      // Work calendars (issue 12 item 4).
      ['erp-system-api', 'GET', '/v1/plants/P1/work-calendar', { token: integrator }, [200]],
      ...['resources', 'calendars', 'jobs?limit=10', 'exceptions', 'production-changes?changeNumber=ECN-999999'].map(
        (path): Probe => ['scheduling-system-api', 'GET', `/v1/plants/P1/${path}`, { token: integrator }, [200]],
      ),
      // Whether the demo data already ran a plan in P1 or not, both answers are documented.
      ['scheduling-system-api', 'GET', '/v1/plants/P1/plan-runs/latest', { token: integrator }, [200, 404]],
      ['process-api', 'GET', '/v1/engineering-releases', { token: integrator }, [200]],
      ['process-api', 'GET', '/v1/exceptions', { token: integrator }, [200]],
      ['process-api', 'GET', '/v1/production-readiness/plants/P1/pushes', { token: await t.token('operator') }, [200]],
      ['experience-api', 'GET', '/v1/dashboards/revision-adoption', { token: dashboard }, [200]],
      ['experience-api', 'GET', '/v2/dashboards/revision-adoption?limit=5', { token: dashboard }, [200]],
      ...[
        '/v1/dashboards/exception-queue?limit=5',
        '/v1/dashboards/exception-queue/summary?plant=P1',
        '/v1/dashboards/lead-time?days=30',
        '/v1/dashboards/lead-time/rollouts?limit=5',
        '/v1/dashboards/integration-health?minutes=60',
      ].map((path): Probe => ['experience-api', 'GET', path, { token: dashboard }, [200]]),
    ];
    await expectAnswers(reads);
  });

  it('dry run: the impact assessment of a proposed change, and one it cannot assess', async () => {
    const assessed = expectStatus(
      await call('POST', 'process-api', '/v1/change-impact-assessments', { token: integrator, body: { change: anEngineeringChange({ targetPlants: ['P1', 'P2', 'P3'] }) } }),
      200,
    );
    expect(assessed.plants.map((p: { plant: string }) => p.plant)).toEqual(['P1', 'P2', 'P3']);
    const housing = anEngineeringChange({
      affectedItems: [{ itemNumber: 'HOUSING-110', fromRevision: 'A', toRevision: 'B', disposition: 'use-up', bomChanges: [{ action: 'remove', componentNumber: 'BOLT-M8' }] }],
    });
    expectStatus(await call('POST', 'process-api', '/v1/change-impact-assessments', { token: integrator, body: { change: housing } }), 200);
    // The document allows an empty request (either field may be given); the app needs one of them.
    const empty = await call('POST', 'process-api', '/v1/change-impact-assessments', { token: integrator, body: {} });
    expect(expectStatus(empty, 400).code).toBe('IMPACT_REQUEST_INVALID');
  });

  it('a change that writes stock off waits for approval: refused, precondition and conflict answers, then the rollout completes', async () => {
    const change = await createAndRelease(
      anEngineeringChange({
        title: 'Valve seal: scrap old stock',
        affectedItems: [
          { itemNumber: 'VALVE-300', fromRevision: 'A', toRevision: 'B', disposition: 'scrap', bomChanges: [{ action: 'replace', componentNumber: 'SEAL-200', replacementNumber: 'SEAL-210' }] },
        ],
      }),
    );
    const waiting = await releaseIn(change.number, ['AWAITING_APPROVAL']);
    const read = await readRelease(waiting.id);
    const etag = read.headers.get('etag')!;
    const path = `/v1/engineering-releases/${waiting.id}/approvals`;
    const ifMatch = { 'if-match': etag };
    expectStatus(await call('POST', 'process-api', path, { token: integrator, body: { decision: 'approve' }, headers: ifMatch }), 403);
    expectStatus(await call('POST', 'process-api', path, { token: approver, body: { decision: 'maybe' }, headers: ifMatch, invalid: 'decision is not in its enum' }), 400);
    expectStatus(await call('POST', 'process-api', path, { token: approver, body: { decision: 'approve' }, invalid: 'If-Match is required' }), 428);
    expectStatus(await call('POST', 'process-api', path, { token: approver, body: { decision: 'approve' }, headers: { 'if-match': '"an-older-version"' } }), 412);
    expectStatus(await call('POST', 'process-api', path, { token: approver, body: { decision: 'approve', comment: 'Quality agrees' }, headers: ifMatch }), 204);
    expectStatus(await call('POST', 'process-api', path, { token: approver, body: { decision: 'approve' }, headers: ifMatch }), 409);

    const done = await releaseIn(change.number, ['COMPLETED']);
    expect(done.approvals).toEqual([expect.objectContaining({ approver: 'demo-approver', decision: 'approve' })]);
    expectStatus(await call('GET', 'process-api', '/v1/engineering-releases?state=COMPLETED&limit=10', { token: integrator }), 200);
    await readRelease(done.id);

    // The outcome as the system APIs and the dashboard show it.
    const boms = expectStatus(await call<{ revision: string }[]>('GET', 'erp-system-api', '/v1/plants/P1/items/VALVE-300/boms', { token: integrator }), 200);
    expect(boms.map((b) => b.revision)).toContain('B');
    const changes = expectStatus(await call<unknown[]>('GET', 'scheduling-system-api', `/v1/plants/P1/production-changes?changeNumber=${change.number}`, { token: integrator }), 200);
    expect(changes).toHaveLength(1);
    expectStatus(await call('GET', 'scheduling-system-api', '/v1/plants/P1/plan-runs/latest', { token: integrator }), 200);
    await eventually(async () => {
      const v1 = expectStatus(await call<{ items: { plantsAdopted: number }[] }>('GET', 'experience-api', `/v1/dashboards/revision-adoption?changeNumber=${change.number}`, { token: dashboard }), 200);
      return v1.items[0]?.plantsAdopted === 2 ? true : undefined;
    }, 'the dashboard to show the change adopted');
    expectStatus(await call('GET', 'experience-api', `/v2/dashboards/revision-adoption?changeNumber=${change.number}`, { token: dashboard }), 200);
    // The impact reaches the read model as its own event: documented 404 until then, 200 after.
    await eventually(async () => {
      const impacted = await call('GET', 'experience-api', `/v1/dashboards/changes/${change.number}/impacted-orders?limit=5`, { token: dashboard });
      return impacted.status === 200 ? true : (expectStatus(impacted, 404), undefined);
    }, "the dashboard to show the change's impacted orders");
    expectStatus(await call('GET', 'plm-system-api', '/v1/engineering-changes?state=RELEASED&limit=10', { token: integrator }), 200);
    expectStatus(await call('GET', 'plm-system-api', '/v1/items/VALVE-300', { token: integrator }), 200);
  }, 90_000);

  it('a rejected approval, a plant outside its release window and a validation rejection each keep the contract', async () => {
    const critical = await createAndRelease(
      anEngineeringChange({
        title: 'Critical housing change',
        priority: 'critical',
        affectedItems: [{ itemNumber: 'HOUSING-110', fromRevision: 'A', toRevision: 'B', disposition: 'use-up', bomChanges: [{ action: 'remove', componentNumber: 'BOLT-M8' }] }],
      }),
    );
    const waiting = await releaseIn(critical.number, ['AWAITING_APPROVAL']);
    const read = await readRelease(waiting.id);
    expectStatus(
      await call('POST', 'process-api', `/v1/engineering-releases/${waiting.id}/approvals`, {
        token: approver,
        body: { decision: 'reject', comment: 'Bolts are needed' },
        headers: { 'if-match': read.headers.get('etag')! },
      }),
      204,
    );
    const rejected = await releaseIn(critical.number, ['REJECTED']);
    expect(rejected.rejection).toMatchObject({ code: 'RELEASE_REJECTED_BY_APPROVER' });
    await readRelease(rejected.id);

    const windowed = await createAndRelease(anEngineeringChange({ targetPlants: ['P1', 'P3'] }));
    const rolling = await eventually(async () => {
      const r = await releaseIn(windowed.number, ['ROLLING_OUT', 'COMPLETED']);
      return r.rollouts.find((x) => x.plant === 'P3')?.state === 'WAITING_FOR_WINDOW' && r.rollouts.find((x) => x.plant === 'P1')?.state === 'COMPLETED' ? r : undefined;
    }, 'P1 done and P3 waiting for its window');
    await readRelease(rolling.id);

    // P1 holds B (future-dated, so B->C there is a change on a change); P2 builds A and gets no B.
    const conflict = await createAndRelease(
      anEngineeringChange({
        title: 'Next pump revision',
        targetPlants: ['P2'],
        affectedItems: [{ itemNumber: 'PUMP-100', fromRevision: 'B', toRevision: 'C', disposition: 'use-as-is', bomChanges: [{ action: 'remove', componentNumber: 'BOLT-M8' }] }],
      }),
    );
    const refused = await releaseIn(conflict.number, ['REJECTED']);
    expect(refused.rejection).toMatchObject({ code: 'RELEASE_REVISION_CONFLICT' });
    await readRelease(refused.id);
    expectStatus(await call('GET', 'process-api', '/v1/engineering-releases?limit=2', { token: integrator }), 200);
  }, 90_000);

  it('exception feedback: a quality hold opens a case, which is read, resolved once and refused the second time', async () => {
    const report = () =>
      call('POST', 'scheduling-system-api', '/v1/plants/P2/quality-holds', { token: service, body: { jobId: '1000009', detail: 'Leak test failed on 3 of 30 units' } });
    expectStatus(await report(), 201);
    const opened = await eventually(async () => {
      const page = await call<{ items: ExceptionCaseDto[] }>('GET', 'process-api', '/v1/exceptions?owner=engineering&plant=P2&kind=quality-hold', { token: integrator });
      const c = expectStatus(page, 200).items[0];
      return c?.erpHold === 'QUALITY_HOLD' ? c : undefined;
    }, 'the case to open and the ERP hold to be placed', 30_000);
    expectStatus(await call('GET', 'process-api', `/v1/exceptions/${opened.id}`, { token: integrator }), 200);
    const orders = expectStatus(await call<{ items: WorkOrderDto[] }>('GET', 'erp-system-api', '/v1/plants/P2/work-orders?status=ON_HOLD', { token: integrator }), 200);
    expect(orders.items.map((wo) => wo.number)).toContain('1000009');
    expectStatus(await call('GET', 'scheduling-system-api', '/v1/plants/P2/exceptions?kind=quality-hold', { token: integrator }), 200);
    // The same hold reported again: the scheduling system API answers for the existing one.
    expectStatus(await report(), 200, 201);
    // A hold on P1's second VALVE-300 order, whose revision B was released there above: the
    // process API reads the job's ERP work order to see which revision it builds (engineering feedback).
    expectStatus(await call('POST', 'scheduling-system-api', '/v1/plants/P1/quality-holds', { token: service, body: { jobId: '1000006', detail: 'Pressure test leak on 2 of 60 valves' } }), 201);

    const resolution = `/v1/exceptions/${opened.id}/resolution`;
    const resolved = expectStatus(await call<ExceptionCaseDto>('POST', 'process-api', resolution, { token: integrator, body: { resolution: 'Units reworked and re-tested' } }), 200);
    expect(resolved.state).toBe('RESOLVED');
    expectStatus(await call('POST', 'process-api', resolution, { token: integrator, body: { resolution: 'again' } }), 409);
    expectStatus(await call('GET', 'process-api', '/v1/exceptions?state=RESOLVED', { token: integrator }), 200);
  }, 90_000);

  // PLM holds PUMP-100 rev C by now (released above): a new change starts from it, or is refused at the door.
  const PUMP_100_FROM_C = [
    { itemNumber: 'PUMP-100', fromRevision: 'C', toRevision: 'D', disposition: 'use-up', bomChanges: [{ action: 'replace', componentNumber: 'SEAL-210', replacementNumber: 'SEAL-200' }] },
  ];

  it('other writes: an ECO approval, work-order flag and hold, a purchase requisition, a cost roll-up, a plan run, a change-feed sync, a retried create', async () => {
    const eco = expectStatus(
      await call<EngineeringChangeDto>('POST', 'plm-system-api', '/v1/engineering-changes', {
        token: integrator,
        body: anEngineeringChange({ title: 'Seal change under review', targetPlants: ['P3'], requiredApprovals: ['quality'], affectedItems: PUMP_100_FROM_C }),
      }),
      201,
    );
    expectStatus(await call('POST', 'plm-system-api', `/v1/engineering-changes/${eco.number}/approvals`, { token: integrator, body: { role: 'quality', decision: 'approved' } }), 201);
    // An assessment of a change PLM holds: the process API reads it from the PLM system API.
    const assessed = expectStatus(await call('POST', 'process-api', '/v1/change-impact-assessments', { token: integrator, body: { changeNumber: eco.number } }), 200);
    expect(assessed.changeNumber).toBe(eco.number);

    // Production readiness: each plant's stock and open purchase orders pushed to its scheduler.
    const reconciliation = expectStatus(await call<{ plants: string[] }>('POST', 'process-api', '/v1/production-readiness/reconciliations', { token: await t.token('operator') }), 202);
    expect(reconciliation.plants.length).toBeGreaterThan(0);

    const released = expectStatus(await call<{ items: WorkOrderDto[] }>('GET', 'erp-system-api', '/v1/plants/P1/work-orders?status=RELEASED&limit=1', { token: service }), 200);
    const order = `/v1/plants/P1/work-orders/${released.items[0].number}`;
    expectStatus(await call('POST', 'erp-system-api', `${order}/flags`, { token: service, body: { flag: 'ENGINEERING_CHANGE_REVIEW', reference: eco.number, note: 'Uses SEAL-200' } }), 200);
    expectStatus(await call('POST', 'erp-system-api', `${order}/hold`, { token: service, body: { reason: 'Contract check hold', reference: 'EXC-CONTRACT-1' } }), 200);
    expectStatus(await call('POST', 'erp-system-api', `${order}/release-hold`, { token: service, body: { reference: 'EXC-CONTRACT-1' } }), 200);
    expectStatus(
      await call('POST', 'erp-system-api', '/v1/plants/P1/purchase-requisitions', {
        token: service,
        body: { itemNumber: 'SEAL-210', quantity: 120, unit: 'EA', needDate: new Date(Date.now() + 14 * 86_400_000).toISOString(), reference: eco.number },
      }),
      201,
    );
    expectStatus(await call('GET', 'erp-system-api', `/v1/plants/P1/purchase-requisitions?reference=${eco.number}`, { token: integrator }), 200);
    expectStatus(
      await call('POST', 'erp-system-api', '/v1/plants/P1/cost-rollups', {
        token: service,
        body: { itemNumber: 'VALVE-300', revision: 'B', changeNumber: eco.number, validFrom: new Date(Date.now() + 2 * 86_400_000).toISOString() },
      }),
      200,
    );
    expectStatus(await call('POST', 'scheduling-system-api', '/v1/plants/P3/plan-runs', { token: service }), 201);
    expectStatus(await call('POST', 'plm-system-api', '/v1/change-feed/sync', { token: service }), 200);

    // Idempotency-Key: a retry replays the stored 201; the same key with another payload is refused.
    const body = anEngineeringChange({ title: 'Idempotent create', targetPlants: ['P3'], affectedItems: PUMP_100_FROM_C });
    const headers = { 'idempotency-key': 'contract-eco-1' };
    const first = expectStatus(await call<EngineeringChangeDto>('POST', 'plm-system-api', '/v1/engineering-changes', { token: integrator, body, headers }), 201);
    const retry = await call<EngineeringChangeDto>('POST', 'plm-system-api', '/v1/engineering-changes', { token: integrator, body, headers });
    expect(expectStatus(retry, 201).number).toBe(first.number);
    const reused = await call('POST', 'plm-system-api', '/v1/engineering-changes', { token: integrator, body: { ...body, title: 'Something else' }, headers });
    expect(expectStatus(reused, 422).code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refusals: no token, a bad token, a missing scope, unknown resources and malformed input are documented problems', async () => {
    const guarded: [CheckedApp, string][] = [
      ['plm-system-api', '/v1/items/PUMP-100'],
      ['erp-system-api', '/v1/plants'],
      ['scheduling-system-api', '/v1/plants/P1/resources'],
      ['process-api', '/v1/engineering-releases'],
      ['experience-api', '/v1/dashboards/revision-adoption'],
    ];
    const unknownId = '00000000-0000-4000-8000-000000000000';
    const probes: Probe[] = [
      ...guarded.flatMap(([app, path]): Probe[] => [
        [app, 'GET', path, { invalid: 'no bearer token' }, [401]],
        // A bearer token is present, so Prism lets it through: the app refuses the signature.
        [app, 'GET', path, { token: 'not-a-jwt' }, [401]],
      ]),
      ['plm-system-api', 'GET', '/v1/items/PUMP-100', { token: dashboard }, [403]],
      ['erp-system-api', 'GET', '/v1/plants', { token: dashboard }, [403]],
      ['process-api', 'GET', '/v1/engineering-releases', { token: dashboard }, [401, 403]],

      ['plm-system-api', 'GET', '/v1/items/NOPE-404', { token: integrator }, [404]],
      ['plm-system-api', 'GET', '/v1/items/NOPE-404/documents', { token: integrator }, [404]],
      ['plm-system-api', 'GET', '/v1/items/PUMP-100/revisions/Z/bom', { token: integrator }, [404]],
      ['plm-system-api', 'GET', '/v1/engineering-changes/ECN-999999', { token: integrator }, [404]],
      ['plm-system-api', 'POST', '/v1/engineering-changes/ECN-999999/release', { token: integrator }, [404]],
      ['erp-system-api', 'GET', '/v1/plants/P1/items/NOPE-404', { token: integrator }, [404]],
      ['erp-system-api', 'GET', '/v1/plants/P1/items/NOPE-404/costs', { token: integrator }, [404]],
      ['scheduling-system-api', 'GET', '/v1/plants/P9/resources', { token: integrator }, [404]],
      ['process-api', 'GET', `/v1/engineering-releases/${unknownId}`, { token: integrator }, [404]],
      ['process-api', 'GET', `/v1/exceptions/${unknownId}`, { token: integrator }, [404]],
      ['process-api', 'POST', `/v1/engineering-releases/${unknownId}/approvals`, { token: approver, body: { decision: 'approve' }, headers: { 'if-match': '"x"' } }, [404]],
      ['process-api', 'POST', `/v1/exceptions/${unknownId}/resolution`, { token: integrator, body: { resolution: 'nothing to resolve' } }, [404]],
      ['process-api', 'GET', '/v1/engineering-releases/not-a-uuid', { token: integrator }, [400, 404]],
      // The PLM system API answers the process API 404, which answers its client 404.
      ['process-api', 'POST', '/v1/change-impact-assessments', { token: integrator, body: { changeNumber: 'ECN-999999' } }, [404]],

      ['plm-system-api', 'POST', '/v1/engineering-changes', { token: integrator, body: { ...anEngineeringChange(), targetPlants: undefined }, invalid: 'targetPlants is required' }, [400]],
      ['plm-system-api', 'GET', '/v1/items?limit=0', { token: integrator, invalid: 'limit below its minimum' }, [400]],
      ['plm-system-api', 'GET', '/v1/engineering-changes?state=BOGUS', { token: integrator, invalid: 'state not in its enum' }, [400]],
      ['erp-system-api', 'GET', '/v1/plants/P1/work-orders?status=BOGUS', { token: integrator, invalid: 'status not in its enum' }, [400]],
      ['scheduling-system-api', 'POST', '/v1/plants/P1/quality-holds', { token: service, body: { jobId: '1000003' }, invalid: 'detail is required' }, [400]],
      ['process-api', 'GET', '/v1/engineering-releases?state=BOGUS', { token: integrator, invalid: 'state not in its enum' }, [400]],
      ['process-api', 'GET', '/v1/exceptions?owner=nobody', { token: integrator, invalid: 'owner not in its enum' }, [400]],
      ['experience-api', 'GET', '/v2/dashboards/revision-adoption?limit=0', { token: dashboard, invalid: 'limit below its minimum' }, [400]],
      ['experience-api', 'GET', '/v1/dashboards/lead-time?days=0', { token: dashboard, invalid: 'days below its minimum' }, [400]],
      ['experience-api', 'GET', '/v1/dashboards/changes/ECN-999999/impacted-orders', { token: dashboard }, [404]],
    ];
    await expectAnswers(probes);
  });

  it('the audit trails list the mutating requests made above', async () => {
    const operator = await t.token('operator');
    const trails: Probe[] = (['plm-system-api', 'erp-system-api', 'scheduling-system-api', 'process-api'] as const).flatMap((app): Probe[] => [
      [app, 'GET', '/v1/audit-events?limit=20', { token: operator }, [200]],
      [app, 'GET', '/v1/audit-events?outcome=succeeded&target=/v1&limit=5', { token: operator }, [200]],
    ]);
    await expectAnswers(trails);
  });

  it('operations: retrying steps, dead letters, an unknown dead letter, and a bulk replay that matches none', async () => {
    const operator = await t.token('operator');
    const replay = expectStatus(
      await call<{ id: string }>('POST', 'process-api', '/v1/dead-letter-replays', {
        token: operator,
        body: { flow: 'plant-rollout', changeNumber: 'ECN-999999', reason: 'contract check: matches nothing' },
      }),
      201,
    );
    await expectAnswers([
      ['process-api', 'GET', '/v1/retrying?limit=5', { token: operator }, [200]],
      ['process-api', 'GET', '/v1/dead-letters?state=dead&limit=5', { token: operator }, [200]],
      ['process-api', 'GET', '/v1/dead-letters/7d3f5c1e-2a4b-4c6d-8e9f-0a1b2c3d4e5f', { token: operator }, [404]],
      ['process-api', 'GET', `/v1/dead-letter-replays/${replay.id}`, { token: operator }, [200]],
      ['process-api', 'GET', '/v1/dead-letter-replays/7d3f5c1e-2a4b-4c6d-8e9f-0a1b2c3d4e5f', { token: operator }, [404]],
      ['process-api', 'GET', '/v1/dead-letters', { token: integrator }, [403]],
    ]);
  });

  it("the process API's calls to the system APIs kept their documents, and the flow made every kind of call it has", async () => {
    const missing = (): string[] => {
      const seen = new Set(interApp.checked.map((c) => `${c.app}: ${c.operation}`));
      return PROCESS_API_CALLS.filter((op) => !seen.has(op));
    };
    // The release of an exception case's ERP hold follows its resolution asynchronously.
    await eventually(async () => (missing().length === 0 ? true : undefined), 'the process API to make every call', 15_000).catch(() => undefined);
    expect({
      violations: interApp.describe(),
      missing: missing(),
      callers: [...new Set([...interApp.checked, ...interApp.violations].map((c) => c.caller))],
    }).toEqual({ violations: '', missing: [], callers: ['process-api'] });
  });

  it('backends down or failing: every system-API read that calls its backend answers a documented 503, 502 or 504 problem, and the backends heal', async () => {
    const operator = await t.token('operator');
    const reads: [CheckedApp, string][] = [
      ...[
        '/v1/items?limit=5',
        '/v1/items/PUMP-100',
        '/v1/items/PUMP-100/documents',
        '/v1/items/PUMP-100/revisions/A/bom',
        '/v1/items/PUMP-100/revisions/A/bom/exploded',
        '/v1/engineering-changes',
        '/v1/engineering-changes/ECN-999999',
        '/v1/problem-reports',
        '/v1/problem-reports/PR-999999',
      ].map((path): [CheckedApp, string] => ['plm-system-api', path]),
      ...[
        '/v1/plants',
        '/v1/plants/P1/items/PUMP-100',
        '/v1/plants/P1/items?items=PUMP-100',
        '/v1/plants/P1/items/PUMP-100/boms',
        '/v1/plants/P1/items/SEAL-200/where-used',
        '/v1/plants/P1/where-used-summary?items=SEAL-200',
        '/v1/plants/P1/items/PUMP-100/routing',
        '/v1/plants/P2/work-orders',
        '/v1/plants/P2/inventory',
        '/v1/plants/P2/purchase-orders',
        '/v1/plants/P2/open-work-orders?items=PUMP-100',
        '/v1/plants/P2/item-inventory?items=SEAL-200',
        '/v1/plants/P2/open-purchase-orders?items=SEAL-200',
        '/v1/plants/P1/purchase-requisitions',
        '/v1/plants/P1/items/PUMP-100/costs',
        '/v1/suppliers',
      ].map((path): [CheckedApp, string] => ['erp-system-api', path]),
      // Routings (issue 12 item 2).
      ['plm-system-api', '/v1/items/PUMP-100/revisions/A/routing'],
      ['erp-system-api', '/v1/plants/P1/work-centers'],
      ['erp-system-api', '/v1/plants/P1/items/PUMP-100/routing-versions'],
      ['erp-system-api', '/v1/plants/P1/work-calendar'],
      ...['resources', 'calendars', 'jobs', 'exceptions', 'production-changes?changeNumber=ECN-999999', 'plan-runs/latest'].map(
        (path): [CheckedApp, string] => ['scheduling-system-api', `/v1/plants/P1/${path}`],
      ),
    ];
    const faults: { name: string; profile: object; status: number; code: string; retryAfter: boolean }[] = [
      // A window around any moment this runs: every call answers 503 with Retry-After, which the system API passes on.
      { name: 'outage', profile: { outages: [{ from: '2000-01-01T00:00:00.000Z', to: '2999-12-31T23:59:59.000Z' }] }, status: 503, code: 'BACKEND_UNAVAILABLE', retryAfter: true },
      { name: 'backend error', profile: { errorRate: 1, errorStatus: 500 }, status: 502, code: 'BACKEND_ERROR', retryAfter: false },
      { name: "backend's gateway timeout", profile: { errorRate: 1, errorStatus: 504 }, status: 504, code: 'BACKEND_TIMEOUT', retryAfter: false },
    ];
    const mocks: AppName[] = ['plm-mock', 'erp-mock', 'scheduler-mock'];
    const heal = async (): Promise<void> => {
      for (const mock of mocks) expectStatus(await callDirectly('DELETE', `${t.url(mock)}/admin/faults`, { token: operator }), 204);
    };
    const violationsBefore = prism.violations.length;
    const unexpected: string[] = [];
    const notMade: string[] = [];
    try {
      for (const fault of faults) {
        const checkedBefore = prism.checked.length;
        for (const mock of mocks) expectStatus(await callDirectly('PUT', `${t.url(mock)}/admin/faults/*`, { token: operator, body: fault.profile }), 200);
        for (const [app, path] of reads) {
          const response = await call('GET', app, path, { token: integrator });
          const problem = response.headers.get('content-type')?.startsWith('application/problem+json') ? response.body : undefined;
          const retryAfter = response.headers.get('retry-after');
          if (response.status !== fault.status || problem?.code !== fault.code || (fault.retryAfter && retryAfter === null)) {
            unexpected.push(`${fault.name}: ${app}: GET ${path} -> ${response.status} (retry-after ${retryAfter}): ${JSON.stringify(response.body).slice(0, 300)}`);
          }
        }
        await heal();
        // Every documented read that reaches a backend was made (health and the audit trail read only the app's own database).
        const made = new Set(prism.checked.slice(checkedBefore).map((c) => `${c.app}: ${c.operation}`));
        for (const app of SYSTEM_APIS) {
          const document = JSON.parse(readFileSync(openApiPath(app), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
          for (const [path, item] of Object.entries(document.paths)) {
            const operation = `${app}: GET ${path}`;
            if (item.get && !path.startsWith('/health/') && path !== '/v1/audit-events' && !made.has(operation)) notMade.push(`${fault.name}: ${operation}`);
          }
        }
      }
    } finally {
      await heal();
    }
    expect({ unexpected, notMade, violations: prism.describe(prism.violations.slice(violationsBefore)) }).toEqual({ unexpected: [], notMade: [], violations: '' });

    // Healed: reads succeed again at once (a backend that answers, even with an error, does not open a circuit).
    await expectAnswers([
      ['plm-system-api', 'GET', '/v1/items/PUMP-100', { token: integrator }, [200]],
      ['erp-system-api', 'GET', '/v1/plants/P2/work-orders', { token: integrator }, [200]],
      ['scheduling-system-api', 'GET', '/v1/plants/P1/jobs', { token: integrator }, [200]],
    ]);
  });

  it('no response broke the committed documents, and the check covered every GET operation', () => {
    // Calls marked invalid must have been flagged by Prism as invalid requests.
    expect(prism.expectedRequestViolations.length).toBeGreaterThan(0);
    const uncovered = CHECKED_APPS.flatMap((app) => prism.uncovered(app, 'GET').map((op) => `${app}: ${op}`));
    // One comparison, so a failure shows all three; `violations` lists method, path, status, where and Prism's message.
    expect({ violations: prism.describe(), uncovered, checked: prism.checked.length >= MIN_CHECKED_RESPONSES ? 'enough' : prism.checked.length }).toEqual({
      violations: '',
      uncovered: [],
      checked: 'enough',
    });
  });

  it('the check bites: a proxy on a deliberately altered copy of the document records the violations', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threadline-contract-'));
    const altered = new ContractProxies();
    try {
      const document = JSON.parse(readFileSync(openApiPath('plm-system-api'), 'utf8'));
      const item = document.components.schemas.ItemDto;
      item.properties.number = { type: 'integer' };
      item.properties.contractCanary = { type: 'string' };
      item.required.push('contractCanary');
      const path = join(dir, 'plm-system-api.altered.openapi.json');
      writeFileSync(path, JSON.stringify(document));
      await altered.add('plm-system-api', path, t.url('plm-system-api'), false);

      const response = await altered.call('GET', `${altered.url('plm-system-api')}/v1/items/PUMP-100`, { token: integrator });
      // --errors: Prism replaces the response that breaks the document with its own 500.
      expect(response.status).toBe(500);
      expect(response.body.type).toBe('https://stoplight.io/prism/errors#VIOLATIONS');
      expect(altered.violations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ app: 'plm-system-api', method: 'GET', path: '/v1/items/PUMP-100', status: 500, location: 'response.body.number', severity: 'Error' }),
          expect.objectContaining({ location: 'response.body', message: expect.stringContaining("must have required property 'contractCanary'") }),
        ]),
      );
      expect(altered.checked).toEqual([{ app: 'plm-system-api', operation: 'GET /v1/items/{itemNumber}', status: 500 }]);

      // Through a relay, as the process API calls: the caller gets Prism's answer, the violations are recorded as its own.
      const relay = await altered.relay('plm-system-api', 'process-api');
      const relayed = await callDirectly('GET', `${relay}/v1/items/PUMP-100`, { token: integrator });
      expect(relayed.status).toBe(500);
      expect(relayed.body.type).toBe('https://stoplight.io/prism/errors#VIOLATIONS');
      const refused = await callDirectly('GET', `${relay}/v1/items?limit=0`, { token: integrator });
      expect(refused.status).toBe(422);
      const byCaller = altered.violations.filter((v) => v.caller === 'process-api');
      expect(byCaller).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ app: 'plm-system-api', method: 'GET', path: '/v1/items/PUMP-100', status: 500, location: 'response.body.number' }),
          expect.objectContaining({ app: 'plm-system-api', method: 'GET', path: '/v1/items?limit=0', status: 422, location: expect.stringMatching(/^request\.query/) }),
        ]),
      );
      expect(altered.describe(byCaller)).toContain('process-api -> plm-system-api: GET /v1/items/PUMP-100 -> 500');
      expect(altered.checked.filter((c) => c.caller === 'process-api')).toEqual([{ caller: 'process-api', app: 'plm-system-api', operation: 'GET /v1/items/{itemNumber}', status: 500 }]);
    } finally {
      await altered.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
