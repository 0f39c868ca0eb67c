import type { ChangeImpactAssessmentDto, EngineeringChangeDto, EngineeringReleaseDto, ExceptionCaseDto, WorkOrderDto } from '@threadline/canonical';
import { eventually } from '../support/eventually';
import { call } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { anEngineeringChange, P3_CLOSED_WINDOW_POLICY } from '../support/release-fixtures';

describe('the governed engineering release (nine apps, real HTTP, real Postgres)', () => {
  let t: TestPlatform;
  let integrator: string;
  let approver: string;

  beforeAll(async () => {
    t = await startTestPlatform('governed', { GOVERNANCE_POLICY: P3_CLOSED_WINDOW_POLICY });
    integrator = await t.token('demo-integrator');
    approver = await t.token('demo-approver');
  }, 120_000);

  afterAll(() => t?.close());

  async function createAndRelease(body: object): Promise<EngineeringChangeDto> {
    const created = await call<EngineeringChangeDto>('POST', `${t.url('plm-system-api')}/v1/engineering-changes`, { token: integrator, body });
    expect(created.status).toBe(201);
    const released = await call<EngineeringChangeDto>('POST', `${t.url('plm-system-api')}/v1/engineering-changes/${created.body.number}/release`, {
      token: integrator,
    });
    expect(released.status).toBe(200);
    return released.body;
  }

  async function releaseIn(changeNumber: string, states: string[]): Promise<EngineeringReleaseDto> {
    return eventually(async () => {
      const page = await call<{ items: EngineeringReleaseDto[] }>('GET', `${t.url('process-api')}/v1/engineering-releases?changeNumber=${changeNumber}`, {
        token: integrator,
      });
      const release = page.body.items?.[0];
      return release && states.includes(release.state) ? release : undefined;
    }, `${changeNumber} to reach ${states.join(' or ')}`, 30_000);
  }

  it('dry run: assesses a proposed change per plant and creates nothing', async () => {
    const response = await call<ChangeImpactAssessmentDto>('POST', `${t.url('process-api')}/v1/change-impact-assessments`, {
      token: integrator,
      body: { change: anEngineeringChange({ targetPlants: ['P1', 'P2', 'P3'] }) },
    });
    expect(response.status).toBe(200);
    expect(response.body.plants.map((p) => p.plant)).toEqual(['P1', 'P2', 'P3']);
    const p2 = response.body.plants.find((p) => p.plant === 'P2')!;
    expect(p2.workOrders.total).toBeGreaterThan(0);
    expect(p2.outgoingComponents[0]).toMatchObject({ itemNumber: 'SEAL-200', disposition: 'use-up' });
    expect(p2.outgoingComponents[0].onHand).toBeGreaterThan(0);
    // P2 has an open purchase order for the obsolete seal; it gets a suggestion.
    expect(p2.purchaseOrders.length).toBeGreaterThan(0);
    expect(['keep', 'reduce', 'cancel']).toContain(p2.purchaseOrders[0].suggestion);
    expect(p2.costDelta[0].itemNumber).toBe('PUMP-100');
    // PUMP-100 is the top of its structure: nothing uses it. HOUSING-110 is used by PUMP-100.
    expect(p2.whereUsed).toEqual([]);
    const housing = await call<ChangeImpactAssessmentDto>('POST', `${t.url('process-api')}/v1/change-impact-assessments`, {
      token: integrator,
      body: {
        change: anEngineeringChange({
          affectedItems: [
            { itemNumber: 'HOUSING-110', fromRevision: 'A', toRevision: 'B', disposition: 'use-up', bomChanges: [{ action: 'remove', componentNumber: 'BOLT-M8' }] },
          ],
        }),
      },
    });
    expect(housing.body.plants[0].whereUsed).toEqual([expect.objectContaining({ parentItemNumber: 'PUMP-100', level: 1 })]);
    const releases = await call<{ items: unknown[] }>('GET', `${t.url('process-api')}/v1/engineering-releases`, { token: integrator });
    expect(releases.body.items).toHaveLength(0);
    const bad = await call('POST', `${t.url('process-api')}/v1/change-impact-assessments`, { token: integrator, body: {} });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('IMPACT_REQUEST_INVALID');
  });

  it('a change that writes stock off waits for an approver; the approval is recorded once, then the rollout runs', async () => {
    const change = await createAndRelease(
      anEngineeringChange({
        title: 'Valve seal: scrap old stock',
        affectedItems: [
          {
            itemNumber: 'VALVE-300',
            fromRevision: 'A',
            toRevision: 'B',
            disposition: 'scrap',
            bomChanges: [{ action: 'replace', componentNumber: 'SEAL-200', replacementNumber: 'SEAL-210' }],
          },
        ],
      }),
    );
    const waiting = await releaseIn(change.number, ['AWAITING_APPROVAL']);
    expect(waiting.governance).toMatch(/^approval: disposition scrap/);
    expect(waiting.rollouts).toHaveLength(0);
    const seal = waiting.impact.find((p) => p.plant === 'P1')!.outgoingComponents[0];
    expect(seal.itemNumber).toBe('SEAL-200');
    expect(seal.onHand).toBeGreaterThan(0);
    expect(seal.scrapQuantity).toBe(seal.onHand);

    const url = `${t.url('process-api')}/v1/engineering-releases/${waiting.id}/approvals`;
    const read = await call('GET', `${t.url('process-api')}/v1/engineering-releases/${waiting.id}`, { token: approver });
    const etag = read.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const ifMatch = { 'if-match': etag };
    expect((await call('POST', url, { token: integrator, body: { decision: 'approve' }, headers: ifMatch })).status).toBe(403);
    expect((await call('POST', url, { token: approver, body: { decision: 'maybe' }, headers: ifMatch })).status).toBe(400);
    // A decision must name the version it was taken on.
    const unconditional = await call('POST', url, { token: approver, body: { decision: 'approve' } });
    expect(unconditional).toMatchObject({ status: 428, body: { code: 'PRECONDITION_REQUIRED' } });
    const stale = await call('POST', url, { token: approver, body: { decision: 'approve' }, headers: { 'if-match': '"an-older-version"' } });
    expect(stale).toMatchObject({ status: 412, body: { code: 'PRECONDITION_FAILED', currentEtag: etag } });
    const approved = await call('POST', url, { token: approver, body: { decision: 'approve', comment: 'Quality agrees' }, headers: ifMatch });
    expect(approved.status).toBe(204);
    const replay = await call('POST', url, { token: approver, body: { decision: 'approve' }, headers: ifMatch });
    expect(replay.status).toBe(409);
    expect(replay.body.code).toBe('APPROVAL_ALREADY_RECORDED');

    const done = await releaseIn(change.number, ['COMPLETED']);
    expect(done.approvals).toEqual([expect.objectContaining({ approver: 'demo-approver', decision: 'approve', comment: 'Quality agrees' })]);
    expect(done.history.find((h) => h.to === 'APPROVED')!.actor).toBe('user:demo-approver');
  });

  it('a rejected approval ends the release as REJECTED and nothing reaches ERP', async () => {
    const change = await createAndRelease(
      anEngineeringChange({
        title: 'Critical housing change',
        priority: 'critical',
        affectedItems: [
          {
            itemNumber: 'HOUSING-110',
            fromRevision: 'A',
            toRevision: 'B',
            disposition: 'use-up',
            bomChanges: [{ action: 'remove', componentNumber: 'BOLT-M8' }],
          },
        ],
      }),
    );
    const waiting = await releaseIn(change.number, ['AWAITING_APPROVAL']);
    expect(waiting.governance).toMatch(/critical/);
    const read = await call('GET', `${t.url('process-api')}/v1/engineering-releases/${waiting.id}`, { token: approver });
    const rejected = await call('POST', `${t.url('process-api')}/v1/engineering-releases/${waiting.id}/approvals`, {
      token: approver,
      body: { decision: 'reject', comment: 'Bolts are needed' },
      headers: { 'if-match': read.headers.get('etag')! },
    });
    expect(rejected.status).toBe(204);
    const done = await releaseIn(change.number, ['REJECTED']);
    expect(done.rejection).toMatchObject({ code: 'RELEASE_REJECTED_BY_APPROVER', status: 422 });
    const boms = await call<{ revision: string }[]>('GET', `${t.url('erp-system-api')}/v1/plants/P1/items/HOUSING-110/boms`, { token: integrator });
    expect(boms.body.map((b) => b.revision)).toEqual(['A']);
  });

  it('a plant outside its release window waits in a named state with the time it opens; the others go on', async () => {
    const change = await createAndRelease(anEngineeringChange({ targetPlants: ['P1', 'P3'] }));
    const release = await eventually(async () => {
      const r = await releaseIn(change.number, ['ROLLING_OUT', 'COMPLETED']);
      const p1 = r.rollouts.find((x) => x.plant === 'P1');
      const p3 = r.rollouts.find((x) => x.plant === 'P3');
      return p1?.state === 'COMPLETED' && p3?.state === 'WAITING_FOR_WINDOW' ? r : undefined;
    }, 'P1 done and P3 waiting');
    const p3 = release.rollouts.find((x) => x.plant === 'P3')!;
    const opens = new Date(p3.notBefore!);
    expect(opens.getUTCDay()).toBe(0);
    expect(opens.toISOString().slice(11, 16)).toBe('03:00');
    expect(release.state).toBe('ROLLING_OUT');
    const p3Boms = await call<{ revision: string }[]>('GET', `${t.url('erp-system-api')}/v1/plants/P3/items/PUMP-100/boms`, { token: integrator });
    expect(p3Boms.body.map((b) => b.revision)).not.toContain('B');
  });

  it('validation rejects a change whose starting revision a plant neither holds nor gets, naming the rule and the object', async () => {
    // PLM now holds PUMP-100 rev B (released above for P1 and P3); P2's ERP builds A and no release brings it B.
    const change = await createAndRelease(
      anEngineeringChange({
        title: 'Next pump revision',
        targetPlants: ['P2'],
        affectedItems: [
          {
            itemNumber: 'PUMP-100',
            fromRevision: 'B',
            toRevision: 'C',
            disposition: 'use-as-is',
            bomChanges: [{ action: 'remove', componentNumber: 'BOLT-M8' }],
          },
        ],
      }),
    );
    const rejected = await releaseIn(change.number, ['REJECTED']);
    expect(rejected.rejection).toMatchObject({ code: 'RELEASE_REVISION_CONFLICT', object: 'P2/PUMP-100', status: 422 });
    expect(rejected.rejection!.type).toBe('https://threadline.dev/problems/release-revision-conflict');
    const last = rejected.history[rejected.history.length - 1];
    expect(last).toMatchObject({ to: 'REJECTED', reason: expect.stringContaining('RELEASE_REVISION_CONFLICT on P2/PUMP-100') });
  });

  it('exception feedback: a quality hold on the shop floor opens one case for engineering, holds the ERP order, and resolving it releases the hold', async () => {
    const workOrder = async (): Promise<WorkOrderDto> => {
      const page = await call<{ items: WorkOrderDto[] }>('GET', `${t.url('erp-system-api')}/v1/plants/P2/work-orders?itemNumber=PUMP-100`, { token: integrator });
      return page.body.items.find((wo) => wo.number === '1000009')!;
    };
    expect((await workOrder()).status).toBe('RELEASED');
    const scheduling = await t.token('threadline-process');
    const report = () =>
      call('POST', `${t.url('scheduling-system-api')}/v1/plants/P2/quality-holds`, {
        token: scheduling,
        body: { jobId: '1000009', detail: 'Leak test failed on 3 of 30 units' },
      });
    expect([200, 201]).toContain((await report()).status);

    const opened = await eventually(async () => {
      const page = await call<{ items: ExceptionCaseDto[] }>('GET', `${t.url('process-api')}/v1/exceptions?owner=engineering&plant=P2&kind=quality-hold`, {
        token: integrator,
      });
      const c = page.body.items?.[0];
      return c?.erpHold === 'QUALITY_HOLD' ? c : undefined;
    }, 'the case to open and the ERP hold to be placed', 30_000);
    expect(opened).toMatchObject({ state: 'OPEN', owner: 'engineering', workOrderNumber: '1000009', itemNumber: 'PUMP-100' });
    expect(opened.history.map((h) => h.what)).toEqual(['OPENED', 'ERP_HOLD_PLACED']);
    expect(await workOrder()).toMatchObject({ status: 'ON_HOLD' });

    // The same hold reported again is the same exception: still one case.
    await report();
    await new Promise((r) => setTimeout(r, 1_500));
    const all = await call<{ items: ExceptionCaseDto[] }>('GET', `${t.url('process-api')}/v1/exceptions?plant=P2&kind=quality-hold`, { token: integrator });
    expect(all.body.items).toHaveLength(1);

    const url = `${t.url('process-api')}/v1/exceptions/${opened.id}/resolution`;
    const resolved = await call<ExceptionCaseDto>('POST', url, { token: integrator, body: { resolution: 'Units reworked and re-tested' } });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ state: 'RESOLVED', resolvedBy: 'demo-integrator', resolution: 'Units reworked and re-tested' });
    expect((await call('POST', url, { token: integrator, body: { resolution: 'again' } })).status).toBe(409);
    await eventually(async () => ((await workOrder()).status === 'RELEASED' ? true : undefined), 'the ERP hold to be released', 30_000);
  }, 90_000);
});
