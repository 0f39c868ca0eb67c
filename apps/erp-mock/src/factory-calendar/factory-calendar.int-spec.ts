import { nextHolidayDate } from '@threadline/demo-world';
import { RunningApp } from '@threadline/platform';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { startTestIdp, TestIdp } from '../../../../test/support/idp';
import { startErpMock } from '../erp-mock.app';
import { ErpMockConfig } from '../erp-mock.config';

const CALENDAR_SRV = '/sap/opu/odata/sap/API_FACTORY_CALENDAR_SRV';
const sapDate = (iso: string) => `/Date(${Date.parse(`${iso}T00:00:00Z`)})/`;
const sapMs = (value: string) => Number(/\/Date\((-?\d+)/.exec(value)![1]);

/** Factory calendars through API_FACTORY_CALENDAR_SRV, and A_Plant's calendar (real Postgres, real HTTP). */
describe('erp-mock: factory calendars', () => {
  let db: TestDatabase;
  let idp: TestIdp;
  let mock: RunningApp;
  let token: string;
  const config = () => Object.assign(new ErpMockConfig(), { port: 0, databaseUrl: db.url, jwksUrl: idp.jwksUrl, jwtIssuer: idp.issuer });

  async function call(method: string, path: string, body?: unknown) {
    const response = await fetch(new URL(path, mock.url), {
      method,
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, location: response.headers.get('location'), body: (await response.json()) as any };
  }
  const holidays = (calendar: string) =>
    call('GET', `${CALENDAR_SRV}/A_FactoryCalendarHoliday?$filter=${encodeURIComponent(`FactoryCalendar eq '${calendar}'`)}`).then((r) => r.body.d.results as any[]);

  beforeAll(async () => {
    db = await createTestDatabase('erp_mock_calendar');
    idp = await startTestIdp(db.url);
    mock = await startErpMock(config());
    token = await idp.token('threadline-connector');
  });

  afterAll(async () => {
    await mock?.close();
    await idp?.close();
    await db?.drop();
  });

  it("names each plant's factory calendar, working Monday to Friday, with the holidays the plant's scheduler was seeded with", async () => {
    const plant = await call('GET', "/sap/opu/odata/sap/API_PLANT_SRV/A_Plant('P1')");
    expect(plant.body.d.FactoryCalendar).toBe('DE');
    const calendar = await call('GET', `${CALENDAR_SRV}/A_FactoryCalendar('DE')?$expand=to_Holiday`);
    expect(calendar.status).toBe(200);
    const d = calendar.body.d;
    expect([d.IsMondayWorkingDay, d.IsFridayWorkingDay, d.IsSaturdayWorkingDay, d.IsSundayWorkingDay]).toEqual([true, true, false, false]);
    const next = nextHolidayDate({ month: 12, day: 25 }, new Date());
    expect(d.to_Holiday.results.map((h: any) => [new Date(sapMs(h.HolidayDate)).toISOString().slice(0, 10), h.HolidayDescription])).toEqual([
      [`${next.y}-12-25`, 'Christmas Day'],
      [`${next.y + 1}-12-25`, 'Christmas Day'],
    ]);
    expect((await holidays('MX')).map((h) => h.HolidayDescription)).toEqual(['Independence Day', 'Independence Day']);
  });

  it('adds a non-working day to a calendar, stamped, readable by its key and under the calendar; a second time is a 409 and bad input changes nothing', async () => {
    const before = await call('GET', `${CALENDAR_SRV}/A_FactoryCalendar('CZ')`);
    const date = `${new Date().getUTCFullYear() + 1}-03-02`;
    const created = await call('POST', `${CALENDAR_SRV}/A_FactoryCalendarHoliday`, { FactoryCalendar: 'CZ', HolidayDate: sapDate(date), HolidayDescription: 'Plant shutdown (power works)' });
    expect(created.status).toBe(201);
    expect(created.body.d).toMatchObject({ FactoryCalendar: 'CZ', HolidayDate: sapDate(date), HolidayDescription: 'Plant shutdown (power works)' });
    expect(sapMs(created.body.d.LastChangeDateTime)).toBeGreaterThan(sapMs(before.body.d.LastChangeDateTime));
    const byKey = await call('GET', new URL(created.location!).pathname + new URL(created.location!).search);
    expect(byKey.body.d.HolidayDescription).toBe('Plant shutdown (power works)');
    const after = await call('GET', `${CALENDAR_SRV}/A_FactoryCalendar('CZ')`);
    expect(after.body.d.LastChangeDateTime).toBe(created.body.d.LastChangeDateTime);
    expect((await holidays('CZ')).map((h) => h.HolidayDescription)).toContain('Plant shutdown (power works)');

    const again = await call('POST', `${CALENDAR_SRV}/A_FactoryCalendarHoliday`, { FactoryCalendar: 'CZ', HolidayDate: sapDate(date), HolidayDescription: 'Again' });
    expect([again.status, again.body.error.code]).toEqual([409, 'TD/012']);
    const unknown = await call('POST', `${CALENDAR_SRV}/A_FactoryCalendarHoliday`, { FactoryCalendar: 'XX', HolidayDate: sapDate(date), HolidayDescription: 'No calendar' });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'TD/010']);
    const outside = await call('POST', `${CALENDAR_SRV}/A_FactoryCalendarHoliday`, { FactoryCalendar: 'CZ', HolidayDate: sapDate('2019-05-01'), HolidayDescription: 'Too early' });
    expect([outside.status, outside.body.error.code]).toEqual([400, 'TD/011']);
    expect((await holidays('CZ')).length).toBe(3);
  });

  it('changes nothing on a second start', async () => {
    // Without __metadata: the restarted mock listens on another port.
    const read = async () => JSON.stringify((await call('GET', `${CALENDAR_SRV}/A_FactoryCalendar?$expand=to_Holiday`)).body.d.results, (k, v) => (k === '__metadata' ? undefined : v));
    const before = await read();
    await mock.close();
    mock = await startErpMock(config());
    expect(await read()).toEqual(before);
  });
});
