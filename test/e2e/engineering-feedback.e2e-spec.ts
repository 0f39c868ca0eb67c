import type { EngineeringChangeDto, EngineeringReleaseDto, ExceptionCaseDto, ProblemReportDto, ProblemReportPageDto } from '@threadline/canonical';
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
  let change: EngineeringChangeDto;

  beforeAll(async () => {
    t = await startTestPlatform('engineering_feedback');
    integrator = await t.token('demo-integrator');
    scheduling = await t.token('threadline-process');
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

  it('releases PUMP-100 A->B to P1, effective in 10 days', async () => {
    const created = await call<EngineeringChangeDto>('POST', `${t.url('plm-system-api')}/v1/engineering-changes`, {
      token: integrator,
      body: anEngineeringChange({
        title: 'FKM shaft seal',
        targetPlants: ['P1'],
        effectivity: { type: 'date', startDate: new Date(Date.now() + 10 * DAY_MS).toISOString() },
      }),
    });
    expect(created.status).toBe(201);
    const released = await call<EngineeringChangeDto>('POST', `${t.url('plm-system-api')}/v1/engineering-changes/${created.body.number}/release`, { token: integrator });
    expect(released.status).toBe(200);
    change = released.body;
    await eventually(async () => {
      const page = await call<{ items: EngineeringReleaseDto[] }>('GET', `${t.url('process-api')}/v1/engineering-releases?changeNumber=${change.number}`, {
        token: integrator,
      });
      return page.body.items?.[0]?.rollouts.find((r) => r.plant === 'P1')?.state === 'COMPLETED' ? true : undefined;
    }, `${change.number} rolled out to P1`, 30_000);
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
});
