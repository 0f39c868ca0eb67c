import { call } from '../../../../test/support/http';
import { startSystemApiUnderTest, SystemApiUnderTest } from '../../../../test/support/system-api';

interface Job {
  id: string;
  itemNumber: string;
  status: string;
  dueDate: string;
  operations: Array<{ sequence: number; resourceId: string }>;
}

const DAY = 86_400_000;

describe('POST /v1/plants/{plant}/routings over the simulated frePPLe (real Postgres, real HTTP)', () => {
  let t: SystemApiUnderTest<'scheduling'>;
  let token: string;
  const effectiveFrom = new Date(Date.now() + 10 * DAY);
  effectiveFrom.setUTCHours(0, 0, 0, 0);

  beforeAll(async () => {
    t = await startSystemApiUnderTest('scheduling', { label: 'scheduler-routings', api: { schedulerTimeoutMs: 5_000, reconcilePolling: false } });
    token = await t.idp.token('threadline-process');
  });

  afterAll(() => t?.close());

  const routing = (overrides: Record<string, unknown> = {}) => ({
    changeNumber: 'ECN-000950',
    itemNumber: 'PUMP-100',
    revision: 'B',
    effectiveFrom: effectiveFrom.toISOString(),
    operations: [
      { sequence: 10, description: 'Assembly', workCenter: 'ASSY', setupMinutes: 30, runMinutesPerUnit: 20 },
      { sequence: 20, description: 'Test', workCenter: 'CNC', setupMinutes: 10, runMinutesPerUnit: 7 },
    ],
    ...overrides,
  });
  const post = (plant: string, body: unknown) => call<any>('POST', `${t.api.url}/v1/plants/${plant}/routings`, { token, body });
  const openJobs = async (): Promise<Job[]> =>
    (await call<{ items: Job[] }>('GET', `${t.api.url}/v1/plants/P1/jobs?itemNumber=PUMP-100&limit=200`, { token })).body.items.filter((j) =>
      ['created', 'released'].includes(j.status),
    );

  it('applies the routing from its date and re-plans: jobs built after it run the new test step on the CNC machine, earlier ones keep the test bench', async () => {
    const created = await post('P1', routing());
    expect(created.status).toBe(201);
    expect(created.body.created).toBe(true);
    expect(created.body.routing).toMatchObject({ plant: 'P1', itemNumber: 'PUMP-100', changeNumber: 'ECN-000950', effectiveFrom: effectiveFrom.toISOString(), effectiveTo: null });
    expect(created.body.routing.operations.map((o: any) => [o.sequence, o.workCenter, o.resources, o.runMinutesPerUnit])).toEqual([
      [10, 'ASSY', ['P1-ASSY'], 20],
      [20, 'CNC', ['P1-CNC'], 7],
    ]);
    expect(created.body.planRun.trigger).toBe('ECN-000950');

    const jobs = await openJobs();
    const after = jobs.filter((j) => Date.parse(j.dueDate) >= effectiveFrom.getTime());
    const before = jobs.filter((j) => Date.parse(j.dueDate) < effectiveFrom.getTime());
    expect(after.length).toBeGreaterThan(0);
    expect(before.length).toBeGreaterThan(0);
    for (const job of after) expect(job.operations.find((o) => o.sequence === 20)?.resourceId).toBe('P1-CNC');
    for (const job of before) expect(job.operations.find((o) => o.sequence === 20)?.resourceId).toBe('P1-TEST');
  });

  it('answers a repeat 200 without writing again, and refuses a work centre the plant has no resource for (422)', async () => {
    const again = await post('P1', routing());
    expect([again.status, again.body.created]).toEqual([200, false]);
    expect(again.body.routing.operations).toHaveLength(2);
    const unknown = await post('P2', routing({ changeNumber: 'ECN-000951', operations: [{ sequence: 10, description: 'Paint', workCenter: 'PAINT', setupMinutes: 1, runMinutesPerUnit: 1 }] }));
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'SCHEDULER_WORK_CENTER_UNKNOWN', workCenter: 'PAINT', operation: 10 });
  });
});
