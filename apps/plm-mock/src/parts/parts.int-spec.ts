import { RunningApp } from '@threadline/platform';
import { startTestIdp, TestIdp } from '../../../../test/support/idp';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { PlmMockConfig } from '../plm-mock.config';
import { startPlmMock } from '../plm-mock.app';

const ROOT = '/Windchill/servlet/odata';

interface Part {
  ID: string;
  Number: string;
  Name: string;
  Version: string;
  Iteration: string;
  State: { Value: string };
  Source: { Value: string };
  DefaultUnit: { Value: string };
  ReleasedByChangeNotice: string | null;
  ReleaseDate: string | null;
}

interface ODataErrorBody {
  error: { code: string; message: string; details?: Array<{ target?: string }> };
}

const USE_UP = { Value: 'USE_UP' };

/** POST Parts and new parts on change notices, as Windchill does them (real Postgres, real HTTP). */
describe('plm-mock: creating parts and releasing them with a change notice', () => {
  let db: TestDatabase;
  let idp: TestIdp;
  let mock: RunningApp;
  let token: string;

  async function call<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T; location: string | null }> {
    const response = await fetch(path.startsWith('http') ? path : `${mock.url}${ROOT}/${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as T, location: response.headers.get('location') };
  }

  const versions = async (number: string): Promise<Part[]> =>
    (await call<{ value: Part[] }>(`ProdMgmt/Parts?$filter=${encodeURIComponent(`Number eq '${number}'`)}`)).body.value;

  const seal = (number: string, extra: Record<string, unknown> = {}) => ({
    Number: number,
    Name: 'Shaft seal, HNBR',
    DefaultUnit: { Value: 'ea' },
    Source: { Value: 'buy' },
    ...extra,
  });

  beforeAll(async () => {
    db = await createTestDatabase('plm_mock_parts');
    idp = await startTestIdp(db.url);
    mock = await startPlmMock(Object.assign(new PlmMockConfig(), { port: 0, databaseUrl: db.url, jwksUrl: idp.jwksUrl, jwtIssuer: idp.issuer, pageSize: 50 }));
    token = await idp.token('threadline-connector');
  });

  afterAll(async () => {
    await mock?.close();
    await idp?.close();
    await db?.drop();
  });

  it('creates a part with its first version A.1 In Work (201, Location), and refuses the number a second time with 409', async () => {
    const created = await call<Part>('ProdMgmt/Parts', { method: 'POST', body: seal('SEAL-950') });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ Number: 'SEAL-950', Name: 'Shaft seal, HNBR', Version: 'A', Iteration: '1', State: { Value: 'INWORK' }, Source: { Value: 'buy' } });
    expect(created.body.ReleasedByChangeNotice).toBeNull();
    expect(created.location).toMatch(/\/ProdMgmt\/Parts\('OR:wt\.part\.WTPart:\d+'\)$/);
    expect((await call<Part>(created.location!)).body.Number).toBe('SEAL-950');

    const again = await call<ODataErrorBody>('ProdMgmt/Parts', { method: 'POST', body: seal('SEAL-950', { Name: 'Another name' }) });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('EntityAlreadyExists');
    expect(await versions('SEAL-950')).toHaveLength(1);
    expect((await call<ODataErrorBody>('ProdMgmt/Parts', { method: 'POST', body: seal('PUMP-100') })).status).toBe(409);
  });

  it('refuses invalid parts with OData errors and creates nothing', async () => {
    const noSource = await call<ODataErrorBody>('ProdMgmt/Parts', { method: 'POST', body: { Number: 'SEAL-951', Name: 'x', DefaultUnit: { Value: 'ea' } } });
    expect(noSource.status).toBe(400);
    expect(noSource.body.error).toBeDefined();
    expect((await call<ODataErrorBody>('ProdMgmt/Parts', { method: 'POST', body: seal('SEAL-951', { DefaultUnit: { Value: 'furlong' } }) })).status).toBe(400);
    expect((await call<ODataErrorBody>('ProdMgmt/Parts', { method: 'POST', body: seal('seal 951') })).status).toBe(400);
    const boughtWithUses = await call<ODataErrorBody>('ProdMgmt/Parts', {
      method: 'POST',
      body: seal('SEAL-951', { Uses: [{ FindNumber: '10', Quantity: 1, Uses: { Number: 'BOLT-M8' } }] }),
    });
    expect(boughtWithUses.status).toBe(400);
    expect(boughtWithUses.body.error.code).toBe('InvalidUses');
    const unknownChild = await call<ODataErrorBody>('ProdMgmt/Parts', {
      method: 'POST',
      body: seal('KIT-951', { Source: { Value: 'make' }, Uses: [{ FindNumber: '10', Quantity: 1, Uses: { Number: 'NOPE-1' } }] }),
    });
    expect(unknownChild.status).toBe(400);
    expect(await versions('SEAL-951')).toHaveLength(0);
    expect(await versions('KIT-951')).toHaveLength(0);
  });

  it('creates a make part with its first structure (Uses, deep insert)', async () => {
    const kit = await call<Part>('ProdMgmt/Parts', {
      method: 'POST',
      body: seal('KIT-952', {
        Name: 'Seal kit',
        Source: { Value: 'make' },
        Uses: [
          { FindNumber: '10', Quantity: 2, Uses: { Number: 'SEAL-210' }, ReferenceDesignatorRange: 'S1,S2' },
          { FindNumber: '20', Quantity: 4, Uses: { Number: 'BOLT-M8' } },
        ],
      }),
    });
    expect(kit.status).toBe(201);
    const uses = await call<{ value: Array<{ FindNumber: string; Quantity: number; Unit: { Value: string }; Uses: { Number: string } }> }>(`ProdMgmt/Parts('${kit.body.ID}')/Uses`);
    expect(uses.body.value.map((u) => [u.FindNumber, u.Uses.Number, u.Quantity, u.Unit.Value])).toEqual([
      ['10', 'SEAL-210', 2, 'ea'],
      ['20', 'BOLT-M8', 4, 'ea'],
    ]);
  });

  it('releases the new parts a notice names before building the revised structures that use them, in one transaction', async () => {
    await call<Part>('ProdMgmt/Parts', { method: 'POST', body: seal('SEAL-953') });
    const notice = await call<{ ID: string; Number: string; AffectedObjects: Array<{ Number: string; FromVersion: string | null; ToVersion: string; FinishedDisposition: unknown }> }>(
      'ChangeMgmt/ChangeNotices',
      {
        method: 'POST',
        body: {
          Name: 'SEAL-200 obsolete: new seal SEAL-953',
          NeedDate: '2027-01-04T00:00:00Z',
          TargetPlants: 'P1,P2,P3',
          AffectedObjects: [
            { Number: 'SEAL-953', ToVersion: 'A' },
            {
              Number: 'PUMP-100',
              FromVersion: 'A',
              ToVersion: 'B',
              OnOrderDisposition: USE_UP,
              WIPDisposition: USE_UP,
              FinishedDisposition: USE_UP,
              BOMChanges: [{ Action: 'Replace', ComponentNumber: 'SEAL-200', ReplacementNumber: 'SEAL-953' }],
            },
          ],
        },
      },
    );
    expect(notice.status).toBe(201);
    expect(notice.body.AffectedObjects.map((a) => [a.Number, a.FromVersion, a.ToVersion, a.FinishedDisposition])).toEqual([
      ['SEAL-953', null, 'A', null],
      ['PUMP-100', 'A', 'B', { Value: 'USE_UP', Display: 'Use Up' }],
    ]);
    expect((await versions('SEAL-953'))[0].State.Value).toBe('INWORK');

    const released = await call<{ State: { Value: string } }>(`ChangeMgmt/ChangeNotices('${notice.body.ID}')/PTC.ChangeMgmt.Release`, { method: 'POST' });
    expect(released.status).toBe(200);
    const [seal953] = await versions('SEAL-953');
    expect(seal953).toMatchObject({ Version: 'A', State: { Value: 'RELEASED' }, ReleasedByChangeNotice: notice.body.Number });
    expect(seal953.ReleaseDate).not.toBeNull();
    const pumpB = (await versions('PUMP-100')).find((p) => p.Version === 'B')!;
    const uses = await call<{ value: Array<{ Uses: { Number: string; Version: string | null } }> }>(`ProdMgmt/Parts('${pumpB.ID}')/Uses`);
    expect(uses.body.value.map((u) => u.Uses.Number)).toContain('SEAL-953');
    expect(uses.body.value.map((u) => u.Uses.Number)).not.toContain('SEAL-200');
  });

  it('refuses a new-part line with redlines or a revised line without dispositions (400), and rolls back a release naming a part that is not In Work', async () => {
    const withRedlines = await call<ODataErrorBody>('ChangeMgmt/ChangeNotices', {
      method: 'POST',
      body: {
        Name: 'bad',
        NeedDate: '2027-01-04T00:00:00Z',
        TargetPlants: 'P1',
        AffectedObjects: [{ Number: 'SEAL-950', ToVersion: 'A', BOMChanges: [{ Action: 'Remove', ComponentNumber: 'BOLT-M8' }] }],
      },
    });
    expect(withRedlines.status).toBe(400);
    const noDispositions = await call<ODataErrorBody>('ChangeMgmt/ChangeNotices', {
      method: 'POST',
      body: { Name: 'bad', NeedDate: '2027-01-04T00:00:00Z', TargetPlants: 'P1', AffectedObjects: [{ Number: 'VALVE-300', FromVersion: 'A', ToVersion: 'B', BOMChanges: [] }] },
    });
    expect(noDispositions.status).toBe(400);
    expect(noDispositions.body.error.details?.[0]?.target).toMatch(/Disposition/);

    // SEAL-953 A is released already: the notice cannot release it again, and VALVE-300 stays at A.
    const notice = await call<{ ID: string }>('ChangeMgmt/ChangeNotices', {
      method: 'POST',
      body: {
        Name: 'reuse a released part as new',
        NeedDate: '2027-01-04T00:00:00Z',
        TargetPlants: 'P1',
        AffectedObjects: [
          { Number: 'SEAL-953', ToVersion: 'A' },
          {
            Number: 'VALVE-300',
            FromVersion: 'A',
            ToVersion: 'B',
            OnOrderDisposition: USE_UP,
            WIPDisposition: USE_UP,
            FinishedDisposition: USE_UP,
            BOMChanges: [{ Action: 'Replace', ComponentNumber: 'SEAL-200', ReplacementNumber: 'SEAL-953' }],
          },
        ],
      },
    });
    const refused = await call<ODataErrorBody>(`ChangeMgmt/ChangeNotices('${notice.body.ID}')/PTC.ChangeMgmt.Release`, { method: 'POST' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/SEAL-953 version A is RELEASED/);
    expect((await versions('VALVE-300')).map((v) => v.Version)).toEqual(['A']);
  });
});
