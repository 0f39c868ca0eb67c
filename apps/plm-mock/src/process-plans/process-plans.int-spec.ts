import { RunningApp } from '@threadline/platform';
import { startTestIdp, TestIdp } from '../../../../test/support/idp';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { PlmMockConfig } from '../plm-mock.config';
import { startPlmMock } from '../plm-mock.app';

const ROOT = '/Windchill/servlet/odata';
const USE_UP = { Value: 'USE_UP' };

interface Operation {
  OperationNumber: string;
  Label: string;
  WorkCenter: string;
  SetupTime: number;
  RunTime: number;
  TimeUnit: { Value: string };
}

interface Plan {
  Number: string;
  PartNumber: string;
  PartVersion: string;
  State: { Value: string };
  ReleasedByChangeNotice: string | null;
  Operations?: Operation[];
}

/** MPMLink process plans per part version, redlined by change notices (real Postgres, real HTTP). */
describe('plm-mock: process plans', () => {
  let db: TestDatabase;
  let idp: TestIdp;
  let mock: RunningApp;
  let token: string;

  async function call<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
    const response = await fetch(`${mock.url}${ROOT}/${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  const plansOf = async (number: string, version?: string): Promise<Plan[]> => {
    const filter = `PartNumber eq '${number}'${version ? ` and PartVersion eq '${version}'` : ''}`;
    return (await call<{ value: Plan[] }>(`MfgProcMgmt/ProcessPlans?$filter=${encodeURIComponent(filter)}&$expand=Operations&$orderby=PartVersion asc`)).body.value;
  };

  const notice = (number: string, line: Record<string, unknown>) => ({
    Name: `Process change on ${number}`,
    NeedDate: '2027-03-01T00:00:00Z',
    TargetPlants: 'P1,P2',
    AffectedObjects: [
      { Number: number, FromVersion: 'A', ToVersion: 'B', OnOrderDisposition: USE_UP, WIPDisposition: USE_UP, FinishedDisposition: USE_UP, ...line },
    ],
  });

  async function createAndRelease(body: unknown): Promise<{ number: string; release: { status: number; body: { error?: { code: string; message: string } } } }> {
    const created = await call<{ ID: string; Number: string; AffectedObjects: Array<{ OperationChanges: unknown[] }> }>('ChangeMgmt/ChangeNotices', { method: 'POST', body });
    expect(created.status).toBe(201);
    const release = await call<{ error?: { code: string; message: string } }>(`ChangeMgmt/ChangeNotices('${created.body.ID}')/PTC.ChangeMgmt.Release`, { method: 'POST' });
    return { number: created.body.Number, release };
  }

  beforeAll(async () => {
    db = await createTestDatabase('plm_mock_process_plans');
    idp = await startTestIdp(db.url);
    mock = await startPlmMock(Object.assign(new PlmMockConfig(), { port: 0, databaseUrl: db.url, jwksUrl: idp.jwksUrl, jwtIssuer: idp.issuer, pageSize: 50 }));
    token = await idp.token('threadline-connector');
  });

  afterAll(async () => {
    await mock?.close();
    await idp?.close();
    await db?.drop();
  });

  it('seeds a released plan per demo make part that agrees with the routings the plants hold (demo world and product family)', async () => {
    const [housing] = await plansOf('HOUSING-110', 'A');
    expect(housing).toMatchObject({ Number: 'PP-HOUSING-110', State: { Value: 'RELEASED' } });
    expect(housing.Operations).toEqual([
      expect.objectContaining({ OperationNumber: '0010', Label: 'Machining', WorkCenter: 'CNC', SetupTime: 45, RunTime: 12, TimeUnit: { Value: 'min', Display: 'minutes' } }),
      expect.objectContaining({ OperationNumber: '0020', Label: 'Deburr', WorkCenter: 'ASSY', SetupTime: 0, RunTime: 5 }),
    ]);
    // HOUSING-2081: series-2000 size 1 (libs/demo-world family routings: machining 14 + 2 x size).
    const [family] = await plansOf('HOUSING-2081');
    expect(family.Operations!.map((o) => [o.OperationNumber, o.WorkCenter, o.RunTime])).toEqual([
      ['0010', 'CNC', 16],
      ['0020', 'ASSY', 5],
    ]);
    // Without $expand a plan carries no operations; bought parts have no plan.
    const plain = (await call<{ value: Plan[] }>(`MfgProcMgmt/ProcessPlans?$filter=${encodeURIComponent("PartNumber eq 'PUMP-100'")}`)).body.value;
    expect(plain).toHaveLength(1);
    expect(plain[0].Operations).toBeUndefined();
    expect(await plansOf('SEAL-200')).toEqual([]);
    expect((await call<{ error: { code: string } }>('MfgProcMgmt/ProcessPlans?$expand=Uses')).status).toBe(400);
  });

  it("applies a notice's operation changes to the new version's plan on release and supersedes the old plan", async () => {
    const { number, release } = await createAndRelease(
      notice('IMPELLER-120', {
        BOMChanges: [{ Action: 'Replace', ComponentNumber: 'BLANK-121', Quantity: 1 }],
        OperationChanges: [
          { Action: 'Update', OperationNumber: '0020', WorkCenter: 'CNC', RunTime: 7.5 },
          { Action: 'Add', OperationNumber: '0030', Label: 'Final inspection', WorkCenter: 'TEST', SetupTime: 5, RunTime: 2 },
        ],
      }),
    );
    expect(release.status).toBe(200);
    const [a, b] = await plansOf('IMPELLER-120');
    expect(a).toMatchObject({ PartVersion: 'A', State: { Value: 'SUPERSEDED' } });
    expect(a.Operations!.find((o) => o.OperationNumber === '0020')).toMatchObject({ WorkCenter: 'TEST', RunTime: 6 });
    expect(b).toMatchObject({ Number: 'PP-IMPELLER-120', PartVersion: 'B', State: { Value: 'RELEASED' }, ReleasedByChangeNotice: number });
    expect(b.Operations!.map((o) => [o.OperationNumber, o.Label, o.WorkCenter, o.SetupTime, o.RunTime])).toEqual([
      ['0010', 'Machining', 'CNC', 30, 8],
      ['0020', 'Balancing', 'CNC', 10, 7.5],
      ['0030', 'Final inspection', 'TEST', 5, 2],
    ]);
  });

  it('copies the plan unchanged to a new version released without operation changes', async () => {
    const { release } = await createAndRelease(notice('BODY-310', { BOMChanges: [{ Action: 'Replace', ComponentNumber: 'CASTING-311', Quantity: 1 }] }));
    expect(release.status).toBe(200);
    const [b] = await plansOf('BODY-310', 'B');
    expect(b.Operations!.map((o) => [o.OperationNumber, o.WorkCenter, o.SetupTime, o.RunTime])).toEqual([['0010', 'CNC', 40, 10]]);
  });

  it('refuses an operation change on a missing operation at release and leaves neither the part version nor the plan behind', async () => {
    const { release } = await createAndRelease(
      notice('VALVE-300', { BOMChanges: [{ Action: 'Replace', ComponentNumber: 'STEM-320', Quantity: 1 }], OperationChanges: [{ Action: 'Remove', OperationNumber: '0090' }] }),
    );
    expect(release.status).toBe(400);
    expect(release.body.error).toMatchObject({ code: 'InvalidOperationChange', message: expect.stringContaining('VALVE-300 A') });
    expect((await plansOf('VALVE-300')).map((p) => [p.PartVersion, p.State.Value])).toEqual([['A', 'RELEASED']]);
    const parts = (await call<{ value: Array<{ Version: string }> }>(`ProdMgmt/Parts?$filter=${encodeURIComponent("Number eq 'VALVE-300'")}`)).body.value;
    expect(parts.map((p) => p.Version)).toEqual(['A']);
  });

  it('refuses operation changes on a new part at creation', async () => {
    const { status, body } = await call<{ error: { code: string; details: Array<{ target: string }> } }>('ChangeMgmt/ChangeNotices', {
      method: 'POST',
      body: { Name: 'x', NeedDate: '2027-03-01T00:00:00Z', TargetPlants: 'P1', AffectedObjects: [{ Number: 'NEW-1', ToVersion: 'A', OperationChanges: [{ Action: 'Remove', OperationNumber: '0010' }] }] },
    });
    expect(status).toBe(400);
    expect(body.error.details[0].target).toBe('AffectedObjects[0].OperationChanges');
  });
});
