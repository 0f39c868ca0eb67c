import { RunningApp } from '@threadline/platform';
import { DataSource } from 'typeorm';
import { startTestIdp, TestIdp } from '../../../../test/support/idp';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { startSchedulerMock } from '../scheduler-mock.app';
import { SchedulerMockConfig } from '../scheduler-mock.config';
import { DerivedProblem, ProblemNames } from './problem-derivation';
import { ProblemService } from './problem.service';

describe('ProblemService.syncPlan: the problems of a plan written set-wise (real Postgres)', () => {
  let db: TestDatabase;
  let idp: TestIdp;
  let mock: RunningApp;
  let problems: ProblemService;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('schedmock_problems');
    idp = await startTestIdp(db.url);
    const config = Object.assign(new SchedulerMockConfig(), { port: 0, databaseUrl: db.url, jwksUrl: idp.jwksUrl, jwtIssuer: idp.issuer });
    mock = await startSchedulerMock(config);
    problems = mock.app.get(ProblemService);
    dataSource = mock.app.get(DataSource);
  });

  afterAll(async () => {
    await mock?.close();
    await idp?.close();
    await db?.drop();
  });

  const rows = (plant: string): Promise<any[]> =>
    dataSource.query(
      'SELECT id, name, owner, item, resource, description, startdate, enddate, weight, active, plan_task FROM scheduler_mock.problem WHERE plant = $1 ORDER BY id',
      [plant],
    );

  it('updates the problems found again, resolves the rest and inserts the new ones with ids in the derivation order', async () => {
    const before = await rows('P2');
    const active = before.filter((p) => p.active && p.name !== ProblemNames.QualityHold);
    // The seed's plan of P2 finds problems: one is found again below, the others are no longer found.
    expect(active.length).toBeGreaterThan(1);
    const kept = active[0];
    const [{ id: taskId }] = await dataSource.query(`SELECT max(id) AS id FROM scheduler_mock.task WHERE plant = 'P2'`);
    const start = new Date('2026-12-01T06:30:00.000Z');
    const derived: DerivedProblem[] = [
      { ...problem(kept.name, kept.owner), item: 'PUMP-100', resource: null, description: 'found again', startdate: start, enddate: null, weight: 7.25 },
      // Deliberately not in owner order: ids follow the derivation's order.
      { ...problem(ProblemNames.Late, 'ZZ-NEW-ORDER'), resource: 'P2-ASSY', startdate: start, enddate: new Date('2026-12-02T10:00:00.000Z'), weight: 3.5 },
      { ...problem(ProblemNames.MaterialShortage, 'AA-NEW-ORDER'), description: 'short of SEAL-210' },
    ];

    const created = await dataSource.transaction((em) => problems.syncPlan(em, 'P2', taskId, derived));

    const after = await rows('P2');
    expect(after).toHaveLength(before.length + 2);
    const seq = (id: string) => Number(id.slice(-6));
    const [zz, aa] = ['ZZ-NEW-ORDER', 'AA-NEW-ORDER'].map((owner) => after.find((p) => p.owner === owner));
    expect(seq(aa.id)).toBe(seq(zz.id) + 1);
    expect(zz).toMatchObject({ name: 'late', item: 'PUMP-100', resource: 'P2-ASSY', startdate: start, weight: 3.5, active: true, plan_task: taskId });
    expect(zz.enddate.toISOString()).toBe('2026-12-02T10:00:00.000Z');
    expect(aa).toMatchObject({ name: 'material shortage', resource: null, startdate: null, enddate: null, description: 'short of SEAL-210', weight: 0 });
    expect(created.map((p) => [p.id, p.owner])).toEqual([
      [zz.id, 'ZZ-NEW-ORDER'],
      [aa.id, 'AA-NEW-ORDER'],
    ]);
    expect(after.find((p) => p.id === kept.id)).toMatchObject({
      name: kept.name,
      owner: kept.owner,
      item: 'PUMP-100',
      resource: null,
      description: 'found again',
      startdate: start,
      enddate: null,
      weight: 7.25,
      active: true,
      plan_task: taskId,
    });
    for (const gone of active.slice(1)) expect(after.find((p) => p.id === gone.id)).toMatchObject({ active: false });

    // The same plan again: nothing new, the same ids.
    expect(await dataSource.transaction((em) => problems.syncPlan(em, 'P2', taskId, derived))).toEqual([]);
    expect((await rows('P2')).map((p) => [p.id, p.active])).toEqual(after.map((p) => [p.id, p.active]));
  });
});

function problem(name: DerivedProblem['name'], owner: string): DerivedProblem {
  const entity = name === ProblemNames.Late ? 'demand' : 'material';
  return { name, owner, entity, item: 'PUMP-100', resource: null, description: `${name} of ${owner}`, startdate: null, enddate: null, weight: 0 };
}
