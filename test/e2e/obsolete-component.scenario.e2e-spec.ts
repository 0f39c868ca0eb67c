import type { EngineeringChangeDto, EngineeringReleaseDto, RevisionAdoptionDto, WorkOrderDto } from '@threadline/canonical';
import { eventually } from '../support/eventually';
import { call } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/platform';

/**
 * The scenario of the source document: an industrial equipment maker with three plants. The
 * supplier of the NBR shaft seal SEAL-200 makes it obsolete; engineering releases PUMP-100 rev B
 * with the FKM seal SEAL-210. P1 applies at once and uses up its stock of the old seal; P2 is inside
 * its frozen horizon (7 days in the default policy) and applies after it; P3's scheduler is offline
 * and catches up when it returns. P2's open purchase order for the obsolete seal is flagged, open
 * work orders are flagged for review, and the dashboard shows adoption per plant with the
 * impacted orders.
 */
describe('scenario: a supplier makes a component obsolete (nine apps, real HTTP, real Postgres)', () => {
  let t: TestPlatform;
  let integrator: string;
  let operator: string;
  let change: EngineeringChangeDto;
  const effectiveFrom = new Date(Date.now() + 24 * 3600_000).toISOString();

  beforeAll(async () => {
    t = await startTestPlatform('scenario');
    integrator = await t.token('demo-integrator');
    operator = await t.token('operator');
  }, 120_000);

  afterAll(() => t?.close());

  const release = async (): Promise<EngineeringReleaseDto | undefined> =>
    (
      await call<{ items: EngineeringReleaseDto[] }>('GET', `${t.url('process-api')}/v1/engineering-releases?changeNumber=${change.number}`, {
        token: integrator,
      })
    ).body.items?.[0];

  it("P3's scheduler goes offline; engineering releases PUMP-100 rev B with SEAL-210 for all three plants", async () => {
    const outage = await call('PUT', `${t.url('scheduler-mock')}/admin/faults/P3`, {
      token: operator,
      body: { outages: [{ from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() + 3600_000).toISOString() }] },
    });
    expect(outage.status).toBe(200);
    const created = await call<EngineeringChangeDto>('POST', `${t.url('plm-system-api')}/v1/engineering-changes`, {
      token: integrator,
      body: {
        title: 'SEAL-200 obsolete at supplier: use SEAL-210',
        priority: 'high',
        targetPlants: ['P1', 'P2', 'P3'],
        effectivity: { type: 'date', startDate: effectiveFrom },
        affectedItems: [
          {
            itemNumber: 'PUMP-100',
            fromRevision: 'A',
            toRevision: 'B',
            disposition: 'use-up',
            bomChanges: [{ action: 'replace', componentNumber: 'SEAL-200', replacementNumber: 'SEAL-210' }],
          },
        ],
      },
    });
    expect(created.status).toBe(201);
    const released = await call<EngineeringChangeDto>('POST', `${t.url('plm-system-api')}/v1/engineering-changes/${created.body.number}/release`, {
      token: integrator,
    });
    expect(released.status).toBe(200);
    change = released.body;
  });

  it('P1 applies at once and uses up its old seals; P2 applies after its frozen horizon; P3 waits for its scheduler', async () => {
    const r = await eventually(async () => {
      const x = await release();
      const state = (plant: string) => x?.rollouts.find((o) => o.plant === plant);
      return state('P1')?.state === 'COMPLETED' && state('P2')?.state === 'COMPLETED' && state('P3')?.state === 'ERP_APPLIED' && state('P3')?.lastError
        ? x
        : undefined;
    }, 'P1 and P2 done, P3 stuck at its scheduler', 60_000);
    expect(r.state).toBe('ROLLING_OUT');
    const p1 = r.rollouts.find((o) => o.plant === 'P1')!;
    const p2 = r.rollouts.find((o) => o.plant === 'P2')!;
    const p3 = r.rollouts.find((o) => o.plant === 'P3')!;
    expect(p1.effectiveFrom!.slice(0, 10)).toBe(effectiveFrom.slice(0, 10));
    expect(Date.parse(p2.effectiveFrom!)).toBeGreaterThanOrEqual(Date.now() + 6 * 86_400_000);
    expect(p3.lastError).toMatch(/scheduling-system-api answered 503/);
    // The impact was assessed without P3's scheduler, and says so.
    const p3Impact = r.impact.find((p) => p.plant === 'P3')!;
    expect(p3Impact.scheduledJobs).toBeNull();
    expect(p3Impact.warnings.join(' ')).toMatch(/scheduled jobs not assessed/);

    const p1Seal = r.impact.find((p) => p.plant === 'P1')!.outgoingComponents.find((c) => c.itemNumber === 'SEAL-200')!;
    expect(p1Seal.disposition).toBe('use-up');
    expect(p1Seal.onHand).toBeGreaterThan(0);
    expect(p1Seal.useUpDate).not.toBeNull();
  }, 90_000);

  it("P2's open purchase order for the obsolete seal is flagged with a suggestion, and open work orders are flagged for review", async () => {
    const r = (await release())!;
    const p2Orders = r.impact.find((p) => p.plant === 'P2')!.purchaseOrders;
    expect(p2Orders).toEqual(expect.arrayContaining([expect.objectContaining({ number: '4500000001', itemNumber: 'SEAL-200' })]));
    expect(['reduce', 'cancel']).toContain(p2Orders.find((p) => p.number === '4500000001')!.suggestion);

    for (const plant of ['P1', 'P2']) {
      const page = await call<{ items: WorkOrderDto[] }>('GET', `${t.url('erp-system-api')}/v1/plants/${plant}/work-orders?itemNumber=PUMP-100`, {
        token: integrator,
      });
      const open = page.body.items.filter((wo) => ['CREATED', 'RELEASED', 'IN_PROGRESS'].includes(wo.status) && wo.revision === 'A');
      expect(open.length).toBeGreaterThan(0);
      for (const wo of open) {
        expect((wo as WorkOrderDto & { flags: { flag: string; reference: string }[] }).flags).toEqual(
          expect.arrayContaining([expect.objectContaining({ flag: 'ENGINEERING_CHANGE_REVIEW', reference: change.number })]),
        );
      }
    }
  });

  it("P3's scheduler returns and catches up: the release completes in all three plants", async () => {
    expect((await call('DELETE', `${t.url('scheduler-mock')}/admin/faults/P3`, { token: operator })).status).toBe(204);
    const r = await eventually(async () => {
      const x = await release();
      return x?.state === 'COMPLETED' ? x : undefined;
    }, 'the release to complete after P3 returns', 90_000);
    expect(r.rollouts.map((o) => [o.plant, o.state])).toEqual([
      ['P1', 'COMPLETED'],
      ['P2', 'COMPLETED'],
      ['P3', 'COMPLETED'],
    ]);
    const changes = await call<unknown[]>('GET', `${t.url('scheduling-system-api')}/v1/plants/P3/production-changes?changeNumber=${change.number}`, {
      token: integrator,
    });
    expect(changes.body).toHaveLength(1);
  }, 120_000);

  it('the dashboard shows adoption per plant and the impacted orders', async () => {
    const dashboard = await t.token('dashboard');
    const row = await eventually(async () => {
      const r = await call<{ items: RevisionAdoptionDto[] }>(
        'GET',
        `${t.url('experience-api')}/v1/dashboards/revision-adoption?changeNumber=${change.number}`,
        { token: dashboard },
      );
      const item = r.body.items?.[0];
      return item?.plantsAdopted === 3 ? item : undefined;
    }, 'the dashboard to show 3 of 3');
    expect(row.plantsTotal).toBe(3);
    for (const plant of row.plants) {
      expect(plant.adopted).toBe(true);
      expect(plant.impactedWorkOrders.length).toBeGreaterThan(0);
      expect(plant.effectiveFrom).not.toBeNull();
    }
  });
});
