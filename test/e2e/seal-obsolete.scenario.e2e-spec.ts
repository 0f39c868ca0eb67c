import type {
  EngineeringChangeDto,
  EngineeringReleaseDto,
  ItemDto,
  JobDto,
  PlantBomDto,
  PlantItemDto,
  PlantRoutingDto,
  PurchaseOrderDto,
  RoutingDto,
  ScheduleExceptionDto,
} from '@threadline/canonical';
import { eventually } from '../support/eventually';
import { call } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/platform';

const DAY = 86_400_000;
/** The substitute seal: P1's ERP holds samples of it (20 on hand, purchase order 4500000004 for 100); PLM, P2 and P3 do not. */
const SEAL = 'SEAL-240';
/** The new seal is leak-tested after the pressure test: a third operation in VALVE-300 rev B's routing. */
const LEAK_TEST = { action: 'add', sequence: 30, description: 'Seal leak test', workCenter: 'TEST', setupMinutes: 5, runMinutesPerUnit: 4 };
/** The sample order's schedule line as S/4HANA's purchase order API names it (what a buyer changes in ERP). */
const SEAL_LINE = `/sap/opu/odata/sap/API_PURCHASEORDER_PROCESS_SRV/A_PurchaseOrderScheduleLine(PurchasingDocument='4500000004',PurchasingDocumentItem='10',ScheduleLine='1')`;

/**
 * The README's "whole release", step by step, on npm start's demo data and through the public
 * APIs only: SEAL-200 is obsolete at its supplier. Engineering creates the substitute seal in PLM
 * and a change that puts it into VALVE-300 rev B (effective in 10 days, for all three plants),
 * naming it among its new items and adding a leak test to the routing, and releases it. The impact finds the substitute covering P1's
 * demand on the new revision (its sample stock and open order) but not P3's; the rollouts create
 * the material where ERP lacks it (P2, P3), the new BOM and routing everywhere; P1's scheduler first plans
 * the seal as short (it knows no supply), and after ERP's availability reaches it, plans the job
 * with the purchase order's date and without a shortage. When the supplier then moves that order
 * past the job's due date in ERP, P1 re-plans with the new date: the job late, and a shortage
 * naming the seal and the order.
 */
describe('scenario: a seal obsolete at its supplier, the whole release (nine apps, real HTTP, real Postgres)', () => {
  let t: TestPlatform;
  let integrator: string;
  let operator: string;
  let change: EngineeringChangeDto;
  let release: EngineeringReleaseDto;
  let revB: JobDto;

  beforeAll(async () => {
    // No periodic reconciliation during the test: the schedulers get ERP's availability when the scenario asks.
    t = await startTestPlatform('seal_obsolete', { MATERIAL_RECONCILE_SECONDS: '3600' });
    integrator = await t.token('demo-integrator');
    operator = await t.token('operator');
  }, 120_000);

  afterAll(() => t?.close());

  const plantItem = (plant: string) => call<PlantItemDto>('GET', `${t.url('erp-system-api')}/v1/plants/${plant}/items/${SEAL}`, { token: integrator });
  const sealShortages = async (plant: string): Promise<ScheduleExceptionDto[]> => {
    const page = await call<{ items: ScheduleExceptionDto[] }>('GET', `${t.url('scheduling-system-api')}/v1/plants/${plant}/exceptions?kind=material-shortage&limit=200`, {
      token: integrator,
    });
    expect(page.status).toBe(200);
    return page.body.items.filter((x) => x.detail.includes(`${SEAL} (`));
  };

  it('before the change: PLM does not know the seal; P1 holds samples of it in ERP, P2 and P3 do not', async () => {
    expect((await call('GET', `${t.url('plm-system-api')}/v1/items/${SEAL}`, { token: integrator })).status).toBe(404);
    expect((await plantItem('P1')).body).toMatchObject({ plant: 'P1', itemNumber: SEAL, description: 'Shaft seal, HNBR', procurementType: 'buy' });
    expect((await plantItem('P2')).status).toBe(404);
    expect((await plantItem('P3')).status).toBe(404);
  });

  it('engineering creates the substitute seal in PLM (revision A, in work)', async () => {
    const created = await call<ItemDto>('POST', `${t.url('plm-system-api')}/v1/items`, {
      token: integrator,
      body: { number: SEAL, name: 'Shaft seal, HNBR', unit: 'EA', sourcing: 'buy', description: 'Substitute for SEAL-200' },
    });
    expect(created.status).toBe(201);
    expect(created.body.revisions).toEqual([expect.objectContaining({ revision: 'A', state: 'IN_WORK' })]);
  });

  it('engineering creates the change (VALVE-300 A -> B, SEAL-200 replaced by the new seal, named among its new items, a leak test added to the routing) and releases it', async () => {
    const created = await call<EngineeringChangeDto>('POST', `${t.url('plm-system-api')}/v1/engineering-changes`, {
      token: integrator,
      body: {
        title: `SEAL-200 obsolete at supplier: new seal ${SEAL}`,
        priority: 'high',
        targetPlants: ['P1', 'P2', 'P3'],
        effectivity: { type: 'date', startDate: new Date(Date.now() + 10 * DAY).toISOString() },
        newItems: [{ itemNumber: SEAL, revision: 'A' }],
        affectedItems: [
          {
            itemNumber: 'VALVE-300',
            fromRevision: 'A',
            toRevision: 'B',
            disposition: 'use-up',
            bomChanges: [{ action: 'replace', componentNumber: 'SEAL-200', replacementNumber: SEAL }],
            operationChanges: [LEAK_TEST],
          },
        ],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.newItems).toEqual([{ itemNumber: SEAL, revision: 'A' }]);
    const released = await call<EngineeringChangeDto>('POST', `${t.url('plm-system-api')}/v1/engineering-changes/${created.body.number}/release`, { token: integrator });
    expect(released.status).toBe(200);
    change = released.body;
    const seal = await call<ItemDto>('GET', `${t.url('plm-system-api')}/v1/items/${SEAL}`, { token: integrator });
    expect(seal.body.revisions).toEqual([expect.objectContaining({ revision: 'A', state: 'RELEASED', changeNumber: change.number })]);
    const routing = await call<RoutingDto>('GET', `${t.url('plm-system-api')}/v1/items/VALVE-300/revisions/B/routing`, { token: integrator });
    expect(routing.body.operations.map((o) => [o.sequence, o.description, o.workCenter])).toEqual([
      [10, 'Assembly', 'ASSY'],
      [20, 'Pressure test', 'TEST'],
      [30, 'Seal leak test', 'TEST'],
    ]);
  });

  it('the release completes in P1, P2 and P3', async () => {
    release = await eventually(async () => {
      const page = await call<{ items: EngineeringReleaseDto[] }>('GET', `${t.url('process-api')}/v1/engineering-releases?changeNumber=${change.number}`, { token: integrator });
      const found = page.body.items?.[0];
      return found && ['COMPLETED', 'FAILED', 'REJECTED', 'AWAITING_APPROVAL'].includes(found.state) ? found : undefined;
    }, 'the release to finish', 90_000);
    expect(release.state).toBe('COMPLETED');
    expect(release.rollouts.map((r) => [r.plant, r.state])).toEqual([
      ['P1', 'COMPLETED'],
      ['P2', 'COMPLETED'],
      ['P3', 'COMPLETED'],
    ]);
  }, 120_000);

  it("the impact: the substitute's stock and open order cover P1's 60 seals on the new revision, nothing covers P3's", () => {
    const incoming = (plant: string) => release.impact.find((p) => p.plant === plant)!.incomingComponents!;
    // Effective in 10 days: only the VALVE-300 order starting in 20 days (60 valves, one seal each) builds B.
    expect(incoming('P1')).toEqual([
      expect.objectContaining({ itemNumber: SEAL, replaces: ['SEAL-200'], usedIn: ['VALVE-300'], onHand: 20, demand: 60, coveredQuantity: 60, coveredUntil: null, verdict: 'covered' }),
    ]);
    expect(incoming('P3')).toEqual([expect.objectContaining({ itemNumber: SEAL, onHand: 0, demand: 60, coveredQuantity: 0, verdict: 'not-covered' })]);
    // The same order is among the jobs whose operations change: the leak test added.
    const p1Job = release.impact.find((p) => p.plant === 'P1')!.routingChangedJobs!.find((j) => j.jobId === '1000006')!;
    expect(p1Job.operations).toEqual([expect.objectContaining({ sequence: 30, change: 'added', before: null })]);
  });

  it('ERP: the seal in all three plants (created in P2 and P3, P1 kept its own), the new VALVE-300 BOM uses it, its routing has the leak test', async () => {
    for (const plant of ['P1', 'P2', 'P3']) {
      const item = await plantItem(plant);
      expect(item.status).toBe(200);
      expect(item.body).toMatchObject({ plant, itemNumber: SEAL, procurementType: 'buy' });
      const boms = await call<PlantBomDto[]>('GET', `${t.url('erp-system-api')}/v1/plants/${plant}/items/VALVE-300/boms`, { token: integrator });
      const revB = boms.body.find((b) => b.revision === 'B')!;
      expect(revB.changeNumber).toBe(change.number);
      expect(revB.lines.map((l) => l.componentNumber)).toContain(SEAL);
      expect(revB.lines.map((l) => l.componentNumber)).not.toContain('SEAL-200');
      const routings = await call<PlantRoutingDto[]>('GET', `${t.url('erp-system-api')}/v1/plants/${plant}/items/VALVE-300/routing-versions`, { token: integrator });
      const latest = routings.body[routings.body.length - 1];
      expect(latest.changeNumber).toBe(change.number);
      expect(latest.operations.find((o) => o.sequence === 30)).toMatchObject({ workCenter: 'TEST', plantWorkCenter: `${plant}-TEST`, runMinutesPerUnit: 4 });
    }
    const full = await call<EngineeringReleaseDto>('GET', `${t.url('process-api')}/v1/engineering-releases/${release.id}`, { token: integrator });
    const applied = (plant: string) => full.body.history.find((h) => h.plant === plant && h.to === 'ERP_APPLIED')!.reason;
    expect(applied('P1')).toContain('no new material');
    expect(applied('P2')).toContain(`1 new material(s) created: ${SEAL}`);
    expect(applied('P3')).toContain(`1 new material(s) created: ${SEAL}`);
  });

  it("P1's scheduler, knowing no supply of the seal yet, plans the rev B order short of it", async () => {
    const found = await eventually(async () => {
      const list = await sealShortages('P1');
      return list.length > 0 ? list : undefined;
    }, `a shortage of ${SEAL} in P1`);
    expect(found[0].detail).toContain(`${SEAL} (not covered by stock or open purchase orders`);
  });

  it("after ERP's availability reaches the schedulers, P1's rev B order waits for the seal's purchase order, not short any more", async () => {
    const orders = await call<{ items: PurchaseOrderDto[] }>('GET', `${t.url('erp-system-api')}/v1/plants/P1/purchase-orders?itemNumber=${SEAL}`, { token: integrator });
    const line = orders.body.items.flatMap((po) => po.lines.map((l) => ({ po: po.number, ...l }))).find((l) => l.itemNumber === SEAL)!;
    expect(line).toMatchObject({ po: '4500000004', quantity: 100, receivedQuantity: 0 });
    const arrives = Date.parse(line.deliveryDate);

    const started = await call<{ plants: string[] }>('POST', `${t.url('process-api')}/v1/production-readiness/reconciliations`, { token: operator });
    expect(started.status).toBe(202);
    const push = await eventually(async () => {
      const page = await call<{ items: Array<{ kind: string; applied: number; planRunId: string | null }> }>('GET', `${t.url('process-api')}/v1/production-readiness/plants/P1/pushes`, {
        token: operator,
      });
      return page.body.items.find((p) => p.kind === 'reconciliation');
    }, 'the reconciliation push to P1', 60_000);
    expect(push.planRunId).not.toBeNull();

    await eventually(async () => ((await sealShortages('P1')).length === 0 ? true : undefined), `the ${SEAL} shortage in P1 gone`);
    const jobs = await call<{ items: JobDto[] }>('GET', `${t.url('scheduling-system-api')}/v1/plants/P1/jobs?itemNumber=VALVE-300&limit=200`, { token: integrator });
    // The rev B order: P1's VALVE-300 order starting in 20 days, the one that needs the new seal.
    const valves = jobs.body.items.filter((j) => j.status !== 'completed');
    revB = valves.reduce((a, b) => (Date.parse(a.dueDate) > Date.parse(b.dueDate) ? a : b));
    expect(revB.quantity).toBe(60);
    // It runs the new revision's routing: the leak test on P1's test bench.
    expect(revB.operations.map((o) => [o.sequence, o.resourceId])).toEqual([
      [10, 'P1-ASSY'],
      [20, 'P1-TEST'],
      [30, 'P1-TEST'],
    ]);
    expect(Date.parse(revB.plannedStart!)).toBeGreaterThanOrEqual(arrives);
    expect(revB.lateHours).toBe(0);
  }, 120_000);

  it('P3, where ERP holds neither stock nor an order of the seal, plans its rev B order short of it (the seal is planned as bought there too)', async () => {
    const found = await eventually(async () => {
      const list = await sealShortages('P3');
      return list.length > 0 ? list : undefined;
    }, `a shortage of ${SEAL} in P3`);
    expect(found[0].detail).toContain(`${SEAL} (not covered by stock or open purchase orders`);
  });

  it("the supplier moves the seal's order past the job's due date in ERP: P1 re-plans with the new date, the job late and short of the seal", async () => {
    const movedTo = Date.now() + 25 * DAY;
    expect(movedTo).toBeGreaterThan(Date.parse(revB.dueDate));
    const moved = await call('PATCH', `${t.url('erp-mock')}${SEAL_LINE}`, { token: await t.token('threadline-connector'), body: { ScheduleLineDeliveryDate: `/Date(${movedTo})/` } });
    expect(moved.status).toBe(204);
    // ERP's feed is read every ERP_FEED_INTERVAL_MS; asking for a read now saves the wait.
    const process = await t.token('threadline-process');
    const shortage = await eventually(async () => {
      expect((await call('POST', `${t.url('erp-system-api')}/v1/change-feed/material-availability/sync`, { token: process })).status).toBe(200);
      return (await sealShortages('P1')).find((x) => x.detail.includes(`${SEAL} (purchase order 4500000004/10 arriving`));
    }, `a shortage of ${SEAL} waiting for the moved order in P1`, 60_000);
    expect(shortage.jobId).toBe(revB.id);
    const jobs = await call<{ items: JobDto[] }>('GET', `${t.url('scheduling-system-api')}/v1/plants/P1/jobs?itemNumber=VALVE-300&limit=200`, { token: integrator });
    const job = jobs.body.items.find((j) => j.id === revB.id)!;
    // Supplies count from the start of their delivery day.
    expect(Date.parse(job.plannedStart!)).toBeGreaterThanOrEqual(Math.floor(movedTo / DAY) * DAY);
    expect(job.lateHours).toBeGreaterThan(0);
  }, 120_000);
});
