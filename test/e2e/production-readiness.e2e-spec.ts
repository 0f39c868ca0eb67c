import type { ExceptionCaseDto, JobDto, ScheduleExceptionDto } from '@threadline/canonical';
import { eventually } from '../support/eventually';
import { call } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { exceptionCases } from '../support/release-fixtures';

const PO_SRV = '/sap/opu/odata/sap/API_PURCHASEORDER_PROCESS_SRV';
const MD_SRV = '/sap/opu/odata/sap/API_MATERIAL_DOCUMENT_SRV';
/** P1's open purchase order for the shaft seal: 400 ordered, 150 received, due in 4 days in the demo. */
const SEAL_LINE = `${PO_SRV}/A_PurchaseOrderScheduleLine(PurchasingDocument='4500000002',PurchasingDocumentItem='10',ScheduleLine='1')`;
const DAY = 86_400_000;

/**
 * Production readiness (seed pattern 3): the schedulers plan with ERP's current material
 * availability. A supplier moves P1's seal delivery (purchase order 4500000002) past the jobs that
 * need the seal; ERP's change reaches the platform as an availability change, the process API
 * reads ERP's stock and open orders of the seal once and gives them to P1's scheduler, which
 * re-plans: the seal jobs start no earlier than the new date, a material shortage names the seal
 * and the order, and an exception case opens for P1. Moving the date back heals the plan. Only
 * public APIs: ERP's OData API (what a buyer changes in S/4HANA), the system APIs and the process API.
 */
describe('production readiness: a purchase order moved in ERP reaches the plant scheduler (nine apps, real HTTP, real Postgres)', () => {
  let t: TestPlatform;
  let erp: string;
  let process: string;
  let operator: string;
  let integrator: string;
  let movedTo: Date;
  let originalDate: string;

  beforeAll(async () => {
    // The reconciliation stays out of the way (its first round waits an interval); a burst is collected
    // for 3 s; ERP's feed is read when the test says (the first read starts it), so a change can go unread.
    t = await startTestPlatform('readiness', { MATERIAL_COALESCE_SECONDS: '3', MATERIAL_RECONCILE_SECONDS: '3600', ERP_FEED_POLLING: 'false' });
    erp = await t.token('threadline-connector');
    process = await t.token('threadline-process');
    operator = await t.token('operator');
    integrator = await t.token('demo-integrator');
    await syncFeed();
  }, 120_000);

  afterAll(() => t?.close());

  const jobs = async (): Promise<JobDto[]> => {
    const page = await call<{ items: JobDto[] }>('GET', `${t.url('scheduling-system-api')}/v1/plants/P1/jobs?limit=200`, { token: process });
    expect(page.status).toBe(200);
    return page.body.items;
  };
  const shortages = async (): Promise<ScheduleExceptionDto[]> => {
    const page = await call<{ items: ScheduleExceptionDto[] }>('GET', `${t.url('scheduling-system-api')}/v1/plants/P1/exceptions?kind=material-shortage&limit=200`, { token: process });
    expect(page.status).toBe(200);
    return page.body.items;
  };
  const syncFeed = async () => expect((await call('POST', `${t.url('erp-system-api')}/v1/change-feed/material-availability/sync`, { token: process })).status).toBe(200);
  const pushes = async () =>
    (await call<{ items: Array<{ kind: string; components: number; applied: number; planRunId: string | null }> }>('GET', `${t.url('process-api')}/v1/production-readiness/plants/P1/pushes`, { token: operator })).body.items;
  const moveSealDelivery = async (to: Date) => {
    const moved = await call('PATCH', `${t.url('erp-mock')}${SEAL_LINE}`, { token: erp, body: { ScheduleLineDeliveryDate: `/Date(${to.getTime()})/` } });
    expect(moved.status).toBe(204);
  };

  it("the supplier moves P1's seal delivery past the seal jobs' due dates in ERP, and a goods receipt of bolts is posted at once", async () => {
    const line = await call('GET', `${t.url('erp-mock')}${SEAL_LINE}`, { token: erp });
    originalDate = line.body.d.ScheduleLineDeliveryDate;
    const open = (await jobs()).filter((j) => j.itemNumber === 'PUMP-100' && j.status !== 'completed');
    expect(open.length).toBeGreaterThan(0);
    const latestDue = Math.max(...open.map((j) => Date.parse(j.dueDate)));
    movedTo = new Date(Math.ceil((latestDue + 14 * DAY) / DAY) * DAY);
    await moveSealDelivery(movedTo);
    const receipt = await call('POST', `${t.url('erp-mock')}${MD_SRV}/A_MaterialDocumentHeader`, {
      token: erp,
      body: { GoodsMovementCode: '05', to_MaterialDocumentItem: [{ Material: 'BOLT-M8', Plant: 'P1', StorageLocation: '0001', GoodsMovementType: '501', QuantityInEntryUnit: '10', EntryUnit: 'PC' }] },
    });
    expect(receipt.status).toBe(201);
  });

  it('both changes reach P1 as one push: ERP read once for the seal and the bolts, the scheduler re-planned', async () => {
    const [push] = await eventually(async () => {
      await syncFeed();
      const list = await pushes();
      return list.length > 0 ? list : undefined;
    }, 'a push to P1', 60_000);
    expect(push).toMatchObject({ kind: 'changes', components: 2, applied: 2 });
    expect(push.planRunId).not.toBeNull();
    const run = await call('GET', `${t.url('scheduling-system-api')}/v1/plants/P1/plan-runs/latest`, { token: process });
    expect(run.body).toMatchObject({ status: 'finished' });
  });

  it('in the next plan the seal jobs waiting for the order start no earlier than its new date and are late; the shortage names the seal and the order', async () => {
    const found = await eventually(async () => {
      const list = (await shortages()).filter((x) => x.detail.includes('SEAL-200 (purchase order 4500000002/10'));
      return list.length > 0 ? list : undefined;
    }, 'a material shortage of SEAL-200 in P1');
    const byId = new Map((await jobs()).map((j) => [j.id, j]));
    for (const shortage of found) {
      const job = byId.get(shortage.jobId)!;
      expect(Date.parse(job.plannedStart!)).toBeGreaterThanOrEqual(movedTo.getTime());
      expect(job.lateHours).toBeGreaterThan(0);
    }
  });

  it('the process API opens a material shortage case for P1 naming the seal', async () => {
    const cases = await eventually(async () => {
      const list = (await exceptionCases(t.url('process-api'), integrator, 'P1')).filter((c: ExceptionCaseDto) => c.kind === 'material-shortage' && c.detail.includes('SEAL-200 (purchase order 4500000002/10'));
      return list.length > 0 ? list : undefined;
    }, 'a shortage case in P1');
    expect(cases[0]).toMatchObject({ plant: 'P1', state: 'OPEN' });
  });

  it('moving the delivery back heals: the seal jobs start before the moved date again and the shortages of that order go', async () => {
    await moveSealDelivery(new Date(Number(/\((\d+)/.exec(originalDate)![1])));
    await eventually(async () => {
      await syncFeed();
      return (await pushes()).length >= 2 ? true : undefined;
    }, 'the second push to P1', 60_000);
    await eventually(async () => ((await shortages()).some((x) => x.detail.includes('4500000002/10 arriving')) ? undefined : true), 'the shortages gone');
    const sealJobs = (await jobs()).filter((j) => j.itemNumber === 'PUMP-100' && j.status !== 'completed' && j.plannedStart);
    expect(sealJobs.every((j) => Date.parse(j.plannedStart!) < movedTo.getTime())).toBe(true);
  });

  it('a change nobody announced (the feed not read) heals with the reconciliation: every plant gets ERP\'s full picture and P1 the moved date', async () => {
    await moveSealDelivery(movedTo);
    const started = await call<{ plants: string[] }>('POST', `${t.url('process-api')}/v1/production-readiness/reconciliations`, { token: operator });
    expect(started.status).toBe(202);
    expect(started.body.plants).toEqual(['P1', 'P2', 'P3']);
    const [latest] = await eventually(async () => {
      const list = await pushes();
      return list[0]?.kind === 'reconciliation' ? list : undefined;
    }, 'the reconciliation push to P1', 60_000);
    // The whole plant: every part ERP has stock or open orders of, the seal and bolts among them.
    expect(latest.components).toBeGreaterThan(2);
    expect(latest.applied).toBeGreaterThan(2);
    expect(latest.planRunId).not.toBeNull();
    await eventually(async () => ((await shortages()).some((x) => x.detail.includes('SEAL-200 (purchase order 4500000002/10')) ? true : undefined), 'the shortage again');
  });
});
