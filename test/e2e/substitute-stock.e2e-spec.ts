import type { ChangeImpactAssessmentDto, EngineeringChangeDto, EngineeringReleaseDto } from '@threadline/canonical';
import { eventually } from '../support/eventually';
import { call } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { anEngineeringChange } from '../support/release-fixtures';

const DAY_MS = 86_400_000;

/** VALVE-300 A->B, SEAL-200 replaced by SEAL-210 (one per valve), for P1 and P3. */
const valveSealChange = (effectiveInDays: number) =>
  anEngineeringChange({
    title: 'Valve seal to FKM',
    targetPlants: ['P1', 'P3'],
    effectivity: { type: 'date', startDate: new Date(Date.now() + effectiveInDays * DAY_MS).toISOString() },
    affectedItems: [
      { itemNumber: 'VALVE-300', fromRevision: 'A', toRevision: 'B', disposition: 'use-up', bomChanges: [{ action: 'replace', componentNumber: 'SEAL-200', replacementNumber: 'SEAL-210' }] },
    ],
  });

/**
 * Substitute stock, on the demo data: P1 holds 60 SEAL-210 and P3 none; each plant's VALVE-300
 * orders start in 6 days (50 valves) and in 20 days (60 valves), and P3's 90 SEAL-200 run out
 * with the second. With the governance policy's substituteCoverage rule on, a change effective
 * after P3's old seals run out, with nothing to replace them there, waits for an approver.
 */
describe('substitute stock: does the incoming part cover the new revision per plant (nine apps, real HTTP, real Postgres)', () => {
  let t: TestPlatform;
  let integrator: string;

  beforeAll(async () => {
    t = await startTestPlatform('substitute_stock', { GOVERNANCE_POLICY: JSON.stringify({ substituteCoverage: { approvalWhenUncovered: true } }) });
    integrator = await t.token('demo-integrator');
  }, 120_000);

  afterAll(() => t?.close());

  it("the impact says SEAL-210's stock covers P1's open demand on the new revision but not P3's", async () => {
    const response = await call<ChangeImpactAssessmentDto>('POST', `${t.url('process-api')}/v1/change-impact-assessments`, {
      token: integrator,
      body: { change: valveSealChange(10) },
    });
    expect(response.status).toBe(200);
    const incoming = (plant: string) => response.body.plants.find((p) => p.plant === plant)!.incomingComponents!;
    // Effective in 10 days: only the order starting in 20 days (60 valves, one seal each) builds B.
    expect(incoming('P1')).toEqual([
      expect.objectContaining({ itemNumber: 'SEAL-210', replaces: ['SEAL-200'], usedIn: ['VALVE-300'], onHand: 60, demand: 60, coveredQuantity: 60, coveredUntil: null, verdict: 'covered' }),
    ]);
    const p3 = incoming('P3')[0];
    expect(p3).toMatchObject({ itemNumber: 'SEAL-210', onHand: 0, demand: 60, coveredQuantity: 0, verdict: 'not-covered' });
    expect(Date.parse(p3.coveredUntil!)).toBeGreaterThan(Date.now() + 19 * DAY_MS);
  });

  it('a change effective after P3 runs out of the old seal, with no substitute there, waits for approval with a suggested effective date', async () => {
    const created = await call<EngineeringChangeDto>('POST', `${t.url('plm-system-api')}/v1/engineering-changes`, { token: integrator, body: valveSealChange(25) });
    expect(created.status).toBe(201);
    expect((await call('POST', `${t.url('plm-system-api')}/v1/engineering-changes/${created.body.number}/release`, { token: integrator })).status).toBe(200);
    const waiting = await eventually(async () => {
      const page = await call<{ items: EngineeringReleaseDto[] }>('GET', `${t.url('process-api')}/v1/engineering-releases?changeNumber=${created.body.number}`, {
        token: integrator,
      });
      const release = page.body.items?.[0];
      return release && ['AWAITING_APPROVAL', 'ROLLING_OUT', 'COMPLETED'].includes(release.state) ? release : undefined;
    }, 'the release to be governed', 30_000);
    expect(waiting.state).toBe('AWAITING_APPROVAL');
    const p3Seal = waiting.impact.find((p) => p.plant === 'P3')!.outgoingComponents.find((c) => c.itemNumber === 'SEAL-200')!;
    expect(waiting.governance).toBe(
      `approval: substitute stock: SEAL-200 runs out in P3 on ${p3Seal.useUpDate!.slice(0, 10)}, before the change is effective there on ` +
        `${waiting.impact.find((p) => p.plant === 'P3')!.effectiveFrom.slice(0, 10)}, and SEAL-210 has no open demand to cover yet; suggested effective date ${p3Seal.useUpDate!.slice(0, 10)}`,
    );
    expect(waiting.rollouts).toHaveLength(0);
  }, 60_000);
});
