import { call } from '../../../../test/support/http';
import { startSystemApiUnderTest, SystemApiUnderTest } from '../../../../test/support/system-api';

interface Bucket {
  id: number;
  calendar: string;
  startdate: string | null;
  enddate: string | null;
  value: number;
  source: string | null;
}

describe('PUT /v1/plants/{plant}/work-calendar over the simulated frePPLe (real Postgres, real HTTP)', () => {
  let t: SystemApiUnderTest<'scheduling'>;
  let token: string;
  let connector: string;

  beforeAll(async () => {
    t = await startSystemApiUnderTest('scheduling', { label: 'work-calendar', api: { schedulerTimeoutMs: 5_000, reconcilePolling: false } });
    token = await t.idp.token('threadline-process');
    connector = await t.idp.token('threadline-connector');
  });

  afterAll(() => t?.close());

  const year = new Date().getUTCFullYear() + 1;
  const put = (plant: string, body: unknown) => call<any>('PUT', `${t.api.url}/v1/plants/${plant}/work-calendar`, { token, body });
  const buckets = async (plant: string): Promise<Bucket[]> => (await call<Bucket[]>('GET', `${t.mock.url}/${plant}/api/input/calendarbucket/`, { token: connector })).body;

  it("puts ERP's days off on the plant's shift calendar at local midnight, re-plans, and leaves the shifts and the seeded holiday alone", async () => {
    const before = await buckets('P3');
    const result = await put('P3', { nonWorkingDays: [{ date: `${year}-03-16`, name: 'Benito Juárez Day' }], trigger: 'erp-calendar' });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ plant: 'P3', calendars: ['P3-3SHIFT'], nonWorkingDays: 1, changed: true, planRun: { status: 'finished', trigger: 'erp-calendar' } });
    const after = await buckets('P3');
    expect(after.filter((b) => b.source !== 'erp-calendar')).toEqual(before);
    expect(after.filter((b) => b.source === 'erp-calendar')).toEqual([
      // Monterrey is UTC-6 all year.
      expect.objectContaining({ calendar: 'P3-3SHIFT', startdate: `${year}-03-16T06:00:00`, enddate: `${year}-03-17T06:00:00`, value: 0 }),
    ]);
  });

  it('the same days again change nothing and do not re-plan; other days replace them', async () => {
    const same = await put('P3', { nonWorkingDays: [{ date: `${year}-03-16`, name: 'Benito Juárez Day' }] });
    expect(same.body).toMatchObject({ changed: false, planRun: null });
    const other = await put('P3', { nonWorkingDays: [{ date: `${year}-05-01`, name: 'Labour Day' }] });
    expect(other.body).toMatchObject({ changed: true, nonWorkingDays: 1 });
    expect((await buckets('P3')).filter((b) => b.source === 'erp-calendar').map((b) => b.startdate)).toEqual([`${year}-05-01T06:00:00`]);
  });

  it('refuses a malformed date with a problem and writes nothing', async () => {
    const before = await buckets('P1');
    const bad = await put('P1', { nonWorkingDays: [{ date: `${year}-13-01`, name: 'No such month' }] });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(await buckets('P1')).toEqual(before);
  });
});
