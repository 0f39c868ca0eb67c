import type { EngineeringChangeDto, EngineeringReleaseDto, ExceptionCaseDto, ProblemReportDto, ProblemReportPageDto, RetryingPageDto } from '@threadline/canonical';
import { eventually } from '../support/eventually';
import { call } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { anEngineeringChange } from '../support/release-fixtures';

const DAY_MS = 86_400_000;

/**
 * Feedback to engineering: a quality hold on a job that builds the new revision of a recently
 * released change reaches PLM as a problem report linked to the change and the item revision, and
 * the exception case shows its number. A hold on a job still building the old revision does not.
 * Everything through the public APIs; P1's demo orders of PUMP-100 start in 4 days (1000003) and
 * in 15 days (1000004), so a change effective in 10 days splits them.
 */
describe('feedback to engineering: quality holds on a new revision become PLM problem reports (nine apps, real HTTP, real Postgres)', () => {
  let t: TestPlatform;
  let integrator: string;
  let scheduling: string;
  let operator: string;
  let change: EngineeringChangeDto;

  beforeAll(async () => {
    // Exception-case steps (tier 2) retried every second or two, so a PLM outage is seen retrying soon.
    t = await startTestPlatform('engineering_feedback', { MESSAGING_TIERS: JSON.stringify({ 2: { baseDelaySeconds: 1, maxDelaySeconds: 2 } }) });
    integrator = await t.token('demo-integrator');
    scheduling = await t.token('threadline-process');
    operator = await t.token('operator');
  }, 120_000);

  afterAll(() => t?.close());

  async function holdCase(jobId: string, until: (c: ExceptionCaseDto) => boolean, what: string): Promise<ExceptionCaseDto> {
    return eventually(async () => {
      const page = await call<{ items: ExceptionCaseDto[] }>('GET', `${t.url('process-api')}/v1/exceptions?plant=P1&kind=quality-hold`, { token: integrator });
      const c = page.body.items?.find((x) => x.jobId === jobId);
      return c && until(c) ? c : undefined;
    }, what, 30_000);
  }

  async function reportHold(jobId: string, detail: string): Promise<void> {
    const response = await call('POST', `${t.url('scheduling-system-api')}/v1/plants/P1/quality-holds`, { token: scheduling, body: { jobId, detail } });
    expect([200, 201]).toContain(response.status);
  }

  /** Releases a change to P1 effective in 10 days and waits for P1's rollout to complete. */
  async function releaseToP1(overrides: Record<string, unknown>): Promise<EngineeringChangeDto> {
    const created = await call<EngineeringChangeDto>('POST', `${t.url('plm-system-api')}/v1/engineering-changes`, {
      token: integrator,
      body: anEngineeringChange({ targetPlants: ['P1'], effectivity: { type: 'date', startDate: new Date(Date.now() + 10 * DAY_MS).toISOString() }, ...overrides }),
    });
    expect(created.status).toBe(201);
    const released = await call<EngineeringChangeDto>('POST', `${t.url('plm-system-api')}/v1/engineering-changes/${created.body.number}/release`, { token: integrator });
    expect(released.status).toBe(200);
    await eventually(async () => {
      const page = await call<{ items: EngineeringReleaseDto[] }>('GET', `${t.url('process-api')}/v1/engineering-releases?changeNumber=${released.body.number}`, {
        token: integrator,
      });
      return page.body.items?.[0]?.rollouts.find((r) => r.plant === 'P1')?.state === 'COMPLETED' ? true : undefined;
    }, `${released.body.number} rolled out to P1`, 30_000);
    return released.body;
  }

  it('releases PUMP-100 A->B to P1, effective in 10 days', async () => {
    change = await releaseToP1({ title: 'FKM shaft seal' });
  }, 60_000);

  it('a quality hold on a job still building the old revision opens a case and holds ERP, but reports nothing to PLM', async () => {
    await reportHold('1000003', 'Burr on the housing flange');
    const c = await holdCase('1000003', (x) => x.erpHold === 'QUALITY_HOLD', 'the case for 1000003 and its ERP hold');
    expect(c).toMatchObject({ itemNumber: 'PUMP-100', owner: 'engineering' });
    expect(c.history.map((h) => h.what)).toEqual(['OPENED', 'ERP_HOLD_PLACED']);
  }, 60_000);

  it('a quality hold on a job building the new revision is posted to PLM as a problem report linked to the change and item revision', async () => {
    await reportHold('1000004', 'Leak test failed on 4 of 40 units at the new seal');
    const c = await holdCase('1000004', (x) => !!x.plmProblemReportNumber, 'the case for 1000004 to gain a PLM problem report');
    expect(c.plmProblemReportNumber).toMatch(/^PR-\d{6}$/);
    expect(c.history.map((h) => h.what)).toContain('PLM_PROBLEM_REPORTED');
    expect(c.history.find((h) => h.what === 'PLM_PROBLEM_REPORTED')!.note).toContain(`${c.plmProblemReportNumber} on ${change.number}`);

    const report = await call<ProblemReportDto>('GET', `${t.url('plm-system-api')}/v1/problem-reports/${c.plmProblemReportNumber}`, { token: integrator });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      number: c.plmProblemReportNumber,
      state: 'OPEN',
      category: 'quality',
      changeNumber: change.number,
      affectedItems: [{ itemNumber: 'PUMP-100', revision: 'B' }],
      externalReference: c.id,
    });
    expect(report.body.description).toContain('Leak test failed on 4 of 40 units');

    // One report on the change: the hold on 1000003 (old revision) made none.
    const onChange = await call<ProblemReportPageDto>('GET', `${t.url('plm-system-api')}/v1/problem-reports?changeNumber=${change.number}`, { token: integrator });
    expect(onChange.body.items.map((r) => r.number)).toEqual([c.plmProblemReportNumber]);
    const old = await holdCase('1000003', () => true, 'the case for 1000003');
    expect(old.plmProblemReportNumber ?? null).toBeNull();

    // Posting the same case again (a retried step) answers the same report.
    const again = await call<ProblemReportDto>('POST', `${t.url('plm-system-api')}/v1/problem-reports`, {
      token: scheduling,
      body: { title: 'retry', changeNumber: change.number, affectedItems: [{ itemNumber: 'PUMP-100', revision: 'B' }], externalReference: c.id },
    });
    expect(again.status).toBe(200);
    expect(again.body.number).toBe(c.plmProblemReportNumber);
  }, 60_000);

  it('refuses a problem report naming an unknown change or item revision with a specific code, creating nothing', async () => {
    const unknownChange = await call('POST', `${t.url('plm-system-api')}/v1/problem-reports`, { token: scheduling, body: { title: 'x', changeNumber: 'ECN-999999' } });
    expect(unknownChange).toMatchObject({ status: 422, body: { code: 'PROBLEM_REPORT_CHANGE_UNKNOWN' } });
    const unknownRevision = await call('POST', `${t.url('plm-system-api')}/v1/problem-reports`, {
      token: scheduling,
      body: { title: 'x', affectedItems: [{ itemNumber: 'PUMP-100', revision: 'Q' }] },
    });
    expect(unknownRevision).toMatchObject({ status: 422, body: { code: 'PROBLEM_REPORT_ITEM_UNKNOWN' } });
    const bad = await call('POST', `${t.url('plm-system-api')}/v1/problem-reports`, { token: scheduling, body: { title: '', priority: 'urgent' } });
    expect(bad.status).toBe(400);
    const all = await call<ProblemReportPageDto>('GET', `${t.url('plm-system-api')}/v1/problem-reports`, { token: integrator });
    expect(all.body.items).toHaveLength(1);
    expect((await call('GET', `${t.url('plm-system-api')}/v1/problem-reports/PR-999999`, { token: integrator })).status).toBe(404);
  });

  it('with PLM down, the feedback step waits in the retrying view (not lost), and the case gets its report once PLM is back', async () => {
    // VALVE-300 A->B, effective in 10 days: P1's order 1000006 starts in 20 days, on the new revision.
    const valve = await releaseToP1({
      title: 'Valve seal',
      affectedItems: [
        { itemNumber: 'VALVE-300', fromRevision: 'A', toRevision: 'B', disposition: 'use-up', bomChanges: [{ action: 'replace', componentNumber: 'SEAL-200', replacementNumber: 'SEAL-210' }] },
      ],
    });
    const now = Date.now();
    const outage = await call('PUT', `${t.url('plm-mock')}/admin/faults/*`, {
      token: operator,
      body: { outages: [{ from: new Date(now - 60_000).toISOString(), to: new Date(now + 3_600_000).toISOString() }] },
    });
    expect(outage.status).toBe(200);
    try {
      await reportHold('1000006', 'Valve seat leaks at 6 bar');
      const retrying = await eventually(async () => {
        const page = await call<RetryingPageDto>('GET', `${t.url('process-api')}/v1/retrying?plant=P1`, { token: operator });
        return page.body.items?.find((s) => s.queue === 'process-api.exception-plm-problem-report' && s.attempts >= 2);
      }, 'the feedback step retrying while PLM is down', 30_000);
      expect(retrying).toMatchObject({ flow: 'engineering-feedback', tier: 2, plant: 'P1', errorCode: 'BACKEND_UNAVAILABLE', backend: 'plm-system-api' });
      const waiting = await holdCase('1000006', (x) => x.erpHold === 'QUALITY_HOLD', 'the case for 1000006 and its ERP hold');
      expect(waiting.plmProblemReportNumber ?? null).toBeNull();
    } finally {
      expect((await call('DELETE', `${t.url('plm-mock')}/admin/faults`, { token: operator })).status).toBe(204);
    }
    const c = await holdCase('1000006', (x) => !!x.plmProblemReportNumber, 'the case for 1000006 to gain its report once PLM is back');
    const report = await call<ProblemReportDto>('GET', `${t.url('plm-system-api')}/v1/problem-reports/${c.plmProblemReportNumber}`, { token: integrator });
    expect(report.body).toMatchObject({ changeNumber: valve.number, affectedItems: [{ itemNumber: 'VALVE-300', revision: 'B' }], externalReference: c.id });
    expect(c.history.filter((h) => h.what === 'PLM_PROBLEM_REPORTED')).toHaveLength(1);
  }, 90_000);
});
