import { buildDemoFamily, buildFamilyOrders, buildFamilyStock } from '@threadline/demo-world';
import { RunningApp } from '@threadline/platform';
import { Client } from 'pg';
import { startTestIdp, TestIdp } from '../../../../test/support/idp';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { startSchedulerMock } from '../scheduler-mock.app';
import { SchedulerMockConfig } from '../scheduler-mock.config';
import { FAMILY_STATUS } from './demo-family';

const family = buildDemoFamily();
const orders = buildFamilyOrders(family);

describe('scheduler-mock: the product family of @threadline/demo-world in each plant (real Postgres, real HTTP)', () => {
  let db: TestDatabase;
  let idp: TestIdp;
  let mock: RunningApp;
  let config: SchedulerMockConfig;
  let token: string;

  const call = async (path: string): Promise<any> => {
    const response = await fetch(`${mock.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return response.json();
  };
  const sql = async <T = any>(text: string, values: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  };
  const TABLES = ['item', 'buffer', 'operation', 'operationresource', 'operationmaterial', 'manufacturingorder', 'task'];
  const census = async () =>
    Object.fromEntries(
      await Promise.all(TABLES.map(async (t) => [t, (await sql(`SELECT plant, count(*)::int AS n FROM scheduler_mock.${t} GROUP BY plant ORDER BY plant`)).map((r) => `${r.plant}:${r.n}`)])),
    );
  const familyOrders = async (plant: string) =>
    ((await call(`/${plant}/api/input/manufacturingorder/?source=erp-load`)) as any[]).filter((mo) => Number(mo.reference) >= 2_000_000);

  beforeAll(async () => {
    db = await createTestDatabase('sched_family');
    idp = await startTestIdp(db.url);
    config = Object.assign(new SchedulerMockConfig(), { port: 0, databaseUrl: db.url, jwksUrl: idp.jwksUrl, jwtIssuer: idp.issuer });
    mock = await startSchedulerMock(config);
    token = await idp.token('threadline-connector');
  });

  afterAll(async () => {
    await mock?.close();
    await idp?.close();
    await db?.drop();
  });

  it("consumes a series-2000 pump's BOM at P2 exactly as the shared family (PLM's and ERP's structure), at revision A", async () => {
    const consumed = await call('/P2/api/input/operationmaterial/?operation=PUMP-2050%20%40%20P2&quantity__lt=0');
    expect(consumed.map((m: any) => [m.item, m.quantity, m.revision])).toEqual(family.uses.filter((u) => u.parent === 'PUMP-2050').map((u) => [u.child, -u.quantity, 'A']));
    const produced = await call('/P2/api/input/operationmaterial/?operation=PUMP-2050%20%40%20P2&quantity__gt=0');
    expect(produced.map((m: any) => [m.item, m.quantity, m.type])).toEqual([['PUMP-2050', 1, 'end']]);
    expect(await call('/P2/api/input/item/BAR-14021-D60/')).toMatchObject({ category: 'buy', uom: 'KG' });
  });

  it("routes the family on the plant's own resources: Monterrey's machining on either CNC machine", async () => {
    const steps = await call('/P3/api/input/operation/?owner=HOUSING-2081%20%40%20P3');
    expect(steps.map((o: any) => [o.name, o.duration])).toEqual([
      ['HOUSING-2081 @ P3 - 10 machining', '00:45:00'],
      ['HOUSING-2081 @ P3 - 20 deburr and wash', '00:00:00'],
    ]);
    const machines = await call('/P3/api/input/operationresource/?operation=HOUSING-2081%20%40%20P3%20-%2010%20machining');
    expect(machines.map((r: any) => r.resource)).toEqual(['P3-CNC-1', 'P3-CNC-2']);
    const p1 = await call('/P1/api/input/operationresource/?operation=HOUSING-2011%20%40%20P1%20-%2010%20machining');
    expect(p1.map((r: any) => r.resource)).toEqual(['P1-CNC']);
  });

  it("loads each plant's ERP production orders of the family by their ERP numbers, open and completed ones, held ones last", async () => {
    for (const plant of ['P1', 'P2', 'P3']) {
      const expected = orders
        .filter((o) => o.plant === plant && FAMILY_STATUS[o.state])
        .map((o) => [o.number, o.item, o.quantity, FAMILY_STATUS[o.state], o.state === 'on-hold' ? 9 : expect.any(Number)]);
      expect((await familyOrders(plant)).map((mo) => [mo.reference, mo.item, mo.quantity, mo.status, mo.priority])).toEqual(expected);
    }
    const p2 = await familyOrders('P2');
    expect(new Set(p2.map((mo) => mo.status))).toEqual(new Set(['proposed', 'approved', 'confirmed', 'completed']));
    expect(p2.some((mo) => mo.item === 'PUMP-2050')).toBe(true);
    // Closed and deleted ERP orders are not loaded.
    const gone = orders.filter((o) => o.plant === 'P2' && (o.state === 'closed' || o.state === 'deleted')).map((o) => o.number);
    expect(p2.filter((mo) => gone.includes(mo.reference))).toEqual([]);
    // The open ones are planned in the initial plan.
    expect(p2.filter((mo) => mo.status !== 'completed' && !mo.plan_task)).toEqual([]);
  });

  it('holds the ERP stock of bought family parts as buffers', async () => {
    const [buffer] = await call('/P3/api/input/buffer/?item=BEARING-6205');
    expect(buffer.onhand).toBe(buildFamilyStock(family).find((s) => s.plant === 'P3' && s.item === 'BEARING-6205')!.quantity);
    expect(await call('/P3/api/input/buffer/?item=MOTOR-0300')).toEqual([]);
  });

  it('changes nothing on a second start, and seeds (and plans) the family into an instance that was seeded without it', async () => {
    const before = await census();
    await mock.close();
    mock = await startSchedulerMock(config);
    expect(await census()).toEqual(before);

    // Instances from before the family: only the original world.
    const numbers = family.parts.map((p) => p.number);
    await sql("DELETE FROM scheduler_mock.manufacturingorder WHERE reference >= '2000000' AND reference < '3000000'");
    await sql('DELETE FROM scheduler_mock.operationmaterial WHERE operation IN (SELECT name FROM scheduler_mock.operation WHERE item = ANY($1))', [numbers]);
    await sql('DELETE FROM scheduler_mock.operationresource WHERE operation IN (SELECT name FROM scheduler_mock.operation WHERE item = ANY($1))', [numbers]);
    await sql('DELETE FROM scheduler_mock.operation WHERE item = ANY($1)', [numbers]);
    await sql('DELETE FROM scheduler_mock.buffer WHERE item = ANY($1)', [numbers]);
    await sql('DELETE FROM scheduler_mock.item WHERE name = ANY($1)', [numbers]);
    expect((await call('/P2/api/input/manufacturingorder/')).length).toBe(14);

    await mock.close();
    mock = await startSchedulerMock(config);
    const after = await census();
    // Everything is back, and each plant has one more plan run: the one that planned the family.
    expect({ ...after, task: before.task }).toEqual(before);
    expect(after.task).toEqual(before.task.map((entry: string) => entry.replace(/\d+$/, (n) => String(Number(n) + 1))));
    expect((await familyOrders('P2')).filter((mo) => mo.status !== 'completed' && !mo.plan_task)).toEqual([]);
  });
});
