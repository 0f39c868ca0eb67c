import { call } from '../../../../test/support/http';
import { startSystemApiUnderTest, SystemApiUnderTest } from '../../../../test/support/system-api';

interface Task {
  id: number;
  name: string;
  status: string;
  source: string | null;
}

/**
 * Production changes reaching a plant together share one re-plan. The window is long for a test
 * (2 s), so the concurrent changes below all reach the plant's batch before its run starts,
 * however slow the machine: one run is then the only right outcome.
 */
describe('coalesced re-plans over the simulated frePPLe (real Postgres, real HTTP)', () => {
  let t: SystemApiUnderTest<'scheduling'>;
  let token: string;
  let connector: string;

  beforeAll(async () => {
    t = await startSystemApiUnderTest('scheduling', {
      label: 'coalesced-replans',
      api: { schedulerTimeoutMs: 10_000, reconcilePolling: false, webhookSubscribe: false, replanCoalesceMs: 2_000 },
    });
    token = await t.idp.token('threadline-process');
    connector = await t.idp.token('threadline-connector');
  });

  afterAll(() => t?.close());

  const apply = (plant: string, body: unknown) => call<any>('POST', `${t.api.url}/v1/plants/${plant}/production-changes`, { token, body });
  const runplanTasks = async (plant: string): Promise<Task[]> => {
    const tasks = await call<Record<string, Task>>('GET', `${t.mock.url}/${plant}/execute/api/status/`, { token: connector });
    expect(tasks.status).toBe(200);
    return Object.values(tasks.body).filter((task) => task.name === 'runplan');
  };
  const lastTaskId = async (plant: string): Promise<number> => Math.max(0, ...(await runplanTasks(plant)).map((task) => task.id));
  /** Items with open orders in the plant, each planned by its own routing. */
  const itemsWithOpenJobs = async (plant: string): Promise<string[]> => {
    const jobs = await call<{ items: Array<{ itemNumber: string; status: string }> }>('GET', `${t.api.url}/v1/plants/${plant}/jobs?limit=200`, { token });
    return [...new Set(jobs.body.items.filter((j) => j.status === 'created' || j.status === 'released').map((j) => j.itemNumber))].sort();
  };
  /** The item's complete list from now on: one bought component nobody has in stock or on order. */
  const changeOf = (changeNumber: string, itemNumber: string, component: string) => ({
    changeNumber,
    itemNumber,
    revision: 'Z',
    effectiveFrom: new Date(Date.now() - 60_000).toISOString(),
    components: [{ componentNumber: component, quantity: 1, unit: 'EA', sourcing: 'buy' }],
  });

  it('five changes to one plant sent at once: one runplan serves them all, each change names it, and the plan has every change in it', async () => {
    const items = (await itemsWithOpenJobs('P1')).slice(0, 5);
    expect(items).toHaveLength(5);
    const before = await lastTaskId('P1');
    const changes = items.map((item, i) => changeOf(`ECN-00070${i}`, item, `COALESCE-70${i}`));

    const results = await Promise.all(changes.map((change) => apply('P1', change)));

    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const run = results[0].body.planRun;
    for (const result of results) expect(result.body.planRun).toEqual(run);
    expect(run).toMatchObject({ plant: 'P1', status: 'finished', triggerCount: 5 });
    expect([...run.triggers].sort()).toEqual(changes.map((c) => c.changeNumber));
    expect(changes.map((c) => c.changeNumber)).toContain(run.trigger);

    // The scheduler ran one plan for them, and its task names every change.
    const added = (await runplanTasks('P1')).filter((task) => task.id > before);
    expect(added.map((task) => String(task.id))).toEqual([run.id]);
    expect(added[0].source!.split(',').sort()).toEqual(changes.map((c) => c.changeNumber));
    expect((await call<any>('GET', `${t.api.url}/v1/plants/P1/plan-runs/latest`, { token })).body).toEqual(run);

    // The plan has each change in it: every item's jobs now wait for its new component, which nobody stocks.
    const problems = await call<Array<{ description: string; active: boolean }>>('GET', `${t.mock.url}/P1/api/output/problem/?name=material%20shortage&limit=500`, {
      token: connector,
    });
    for (const change of changes) {
      const component = change.components[0].componentNumber;
      expect({ component, shortages: problems.body.filter((p) => p.active && p.description.includes(component)).length > 0 }).toEqual({ component, shortages: true });
    }
  });

  it('a change sent again while its re-plan is still to come answers that re-plan, not an earlier one', async () => {
    const [item] = await itemsWithOpenJobs('P2');
    const change = changeOf('ECN-000710', item, 'COALESCE-710');
    const first = apply('P2', change);
    // The repeat goes once the scheduler holds the change, while its run waits out the window.
    for (;;) {
      const held = await call<unknown[]>('GET', `${t.api.url}/v1/plants/P2/production-changes?changeNumber=ECN-000710`, { token });
      if (held.body.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const again = await apply('P2', change);
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);
    const created = await first;
    expect(created.status).toBe(201);
    expect(again.body.planRun).toEqual(created.body.planRun);
    expect(created.body.planRun.triggers).toEqual(['ECN-000710']);
  });
});
