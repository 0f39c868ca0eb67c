import { call } from '../../../../test/support/http';
import { startSystemApiUnderTest, SystemApiUnderTest } from '../../../../test/support/system-api';

interface Job {
  id: string;
  itemNumber: string;
  status: string;
  plannedStart: string | null;
}

const DAY = 86_400_000;

describe('PUT /v1/plants/{plant}/material-availability over the simulated frePPLe (real Postgres, real HTTP)', () => {
  let t: SystemApiUnderTest<'scheduling'>;
  let token: string;
  let connector: string;

  beforeAll(async () => {
    t = await startSystemApiUnderTest('scheduling', { label: 'material-availability', api: { schedulerTimeoutMs: 5_000, reconcilePolling: false } });
    token = await t.idp.token('threadline-process');
    connector = await t.idp.token('threadline-connector');
  });

  afterAll(() => t?.close());

  const put = (plant: string, body: unknown) => call<any>('PUT', `${t.api.url}/v1/plants/${plant}/material-availability`, { token, body });
  const openPumpJobs = async (): Promise<Job[]> => {
    const page = await call<{ items: Job[] }>('GET', `${t.api.url}/v1/plants/P1/jobs?itemNumber=PUMP-100&limit=200`, { token });
    return page.body.items.filter((j) => j.status === 'created' || j.status === 'released');
  };
  const problems = async (): Promise<Array<{ name: string; description: string; active: boolean }>> =>
    (await call<any>('GET', `${t.mock.url}/P1/api/output/problem/?name=material%20shortage&limit=500`, { token: connector })).body;

  it('no seal on hand and the only supply in 60 days: the PUMP-100 jobs start no earlier and a shortage names the seal and the purchase order', async () => {
    const arrival = new Date(Date.now() + 60 * DAY);
    arrival.setUTCHours(0, 0, 0, 0);
    const result = await put('P1', {
      asOf: new Date().toISOString(),
      trigger: 'erp-change',
      components: [
        { componentNumber: 'SEAL-200', onHand: 0, supplies: [{ reference: '4500000002/10', quantity: 5000, availableFrom: arrival.toISOString() }] },
        { componentNumber: 'NOT-PLANNED-1', onHand: 3, supplies: [] },
      ],
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ plant: 'P1', applied: ['SEAL-200'], unknown: ['NOT-PLANNED-1'], planRun: { status: 'finished', trigger: 'erp-change' } });

    // The scheduler holds ERP's numbers: on hand on the buffer, the supply as a purchase order.
    const po = await call<any>('GET', `${t.mock.url}/P1/api/input/purchaseorder/?item=SEAL-200`, { token: connector });
    expect(po.body).toEqual([expect.objectContaining({ reference: '4500000002/10', quantity: 5000, enddate: arrival.toISOString().slice(0, 19), source: 'erp-availability' })]);
    const buffers = await call<any>('GET', `${t.mock.url}/P1/api/input/buffer/?item=SEAL-200`, { token: connector });
    expect(buffers.body.map((b: { onhand: number }) => b.onhand)).toEqual([0]);

    const jobs = await openPumpJobs();
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) expect(Date.parse(job.plannedStart!)).toBeGreaterThanOrEqual(arrival.getTime());
    const shortages = (await problems()).filter((p) => p.active && p.description.includes('SEAL-200 (purchase order 4500000002/10'));
    expect(shortages.length).toBeGreaterThan(0);
  });

  it('the supply moved back and stock booked: jobs start before that date again, the shortages are gone, the old purchase order replaced', async () => {
    const result = await put('P1', {
      asOf: new Date().toISOString(),
      components: [{ componentNumber: 'SEAL-200', onHand: 10_000, supplies: [{ reference: '4500000002/20', quantity: 5, availableFrom: new Date(Date.now() + DAY).toISOString() }] }],
    });
    expect(result.status).toBe(200);
    expect(result.body.planRun.trigger).toBe('material-availability');
    const po = await call<any>('GET', `${t.mock.url}/P1/api/input/purchaseorder/?item=SEAL-200`, { token: connector });
    expect(po.body.map((p: { reference: string }) => p.reference)).toEqual(['4500000002/20']);
    const jobs = await openPumpJobs();
    expect(jobs.some((j) => Date.parse(j.plannedStart!) < Date.now() + 30 * DAY)).toBe(true);
    expect((await problems()).filter((p) => p.active && p.description.includes('4500000002/10'))).toEqual([]);
  });

  it('refuses a negative stock with 400 problem+json and writes nothing', async () => {
    const result = await put('P1', { asOf: new Date().toISOString(), components: [{ componentNumber: 'SEAL-200', onHand: -1, supplies: [] }] });
    expect(result.status).toBe(400);
    expect(result.headers.get('content-type')).toContain('application/problem+json');
    const buffers = await call<any>('GET', `${t.mock.url}/P1/api/input/buffer/?item=SEAL-200`, { token: connector });
    expect(buffers.body.map((b: { onhand: number }) => b.onhand)).toEqual([10_000]);
  });
});
