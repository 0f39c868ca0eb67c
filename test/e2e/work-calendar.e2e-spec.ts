import type { JobDto, PlanRunDto, PlantWorkCalendarDto, WorkCalendarDto } from '@threadline/canonical';
import { eventually } from '../support/eventually';
import { call } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/platform';

const CALENDAR_SRV = '/sap/opu/odata/sap/API_FACTORY_CALENDAR_SRV';
const DAY = 86_400_000;
const ZONE = 'Europe/Berlin';
const WEEKDAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** The calendar date ('2026-12-09') of an instant in Leipzig. */
const leipzigDate = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));

/**
 * Production readiness, work calendars (issue 12 item 4): the plants' non-working days come from
 * ERP's factory calendars. Planning announces a plant shutdown in S/4HANA on a working day P1's
 * scheduler has jobs on; the reconciliation gives the day to P1's scheduler, which shows it off on
 * its shift calendar and re-plans with no operation starting or ending on it. Only public APIs:
 * ERP's OData API, the system APIs and the process API.
 */
describe('work calendars: a non-working day added in ERP reaches the plant scheduler (nine apps, real HTTP, real Postgres)', () => {
  let t: TestPlatform;
  let erp: string;
  let process: string;
  let operator: string;
  let integrator: string;
  let shutdown: string;
  let planBefore: PlanRunDto;

  beforeAll(async () => {
    // The periodic reconciliation stays out of the way: it runs when the test asks.
    t = await startTestPlatform('workcal', { MATERIAL_RECONCILE_SECONDS: '3600', ERP_FEED_POLLING: 'false' });
    erp = await t.token('threadline-connector');
    process = await t.token('threadline-process');
    operator = await t.token('operator');
    integrator = await t.token('demo-integrator');
  }, 120_000);

  afterAll(() => t?.close());

  const jobs = async (): Promise<JobDto[]> => {
    const page = await call<{ items: JobDto[] }>('GET', `${t.url('scheduling-system-api')}/v1/plants/P1/jobs?limit=200`, { token: process });
    expect(page.status).toBe(200);
    return page.body.items;
  };
  const erpCalendar = async (): Promise<PlantWorkCalendarDto> => {
    const response = await call<PlantWorkCalendarDto>('GET', `${t.url('erp-system-api')}/v1/plants/P1/work-calendar`, { token: integrator });
    expect(response.status).toBe(200);
    return response.body;
  };
  const schedulerCalendar = async (): Promise<WorkCalendarDto> => {
    const response = await call<WorkCalendarDto[]>('GET', `${t.url('scheduling-system-api')}/v1/plants/P1/calendars`, { token: integrator });
    expect(response.status).toBe(200);
    return response.body.find((c) => c.id === 'P1-2SHIFT')!;
  };
  const latestPlan = async (): Promise<PlanRunDto> => (await call<PlanRunDto>('GET', `${t.url('scheduling-system-api')}/v1/plants/P1/plan-runs/latest`, { token: process })).body;
  const reconciliationPushes = async () =>
    (await call<{ items: Array<{ kind: string }> }>('GET', `${t.url('process-api')}/v1/production-readiness/plants/P1/pushes`, { token: operator })).body.items.filter((p) => p.kind === 'reconciliation').length;
  const reconcile = async () => {
    const before = await reconciliationPushes();
    const started = await call<{ plants: string[] }>('POST', `${t.url('process-api')}/v1/production-readiness/reconciliations`, { token: operator });
    expect(started.status).toBe(202);
    expect(started.body.plants).toContain('P1');
    // The push record is written after the calendar and the material availability went to P1.
    await eventually(async () => ((await reconciliationPushes()) > before ? true : undefined), 'the reconciliation push to P1', 60_000);
  };
  const dayOffEntries = async (date: string) =>
    (await schedulerCalendar()).entries.filter((e) => !e.working && e.validFrom !== null && leipzigDate(e.validFrom) === date && Date.parse(e.validTo!) - Date.parse(e.validFrom) >= 23 * 3_600_000);
  const operationsTouching = (list: JobDto[], date: string) => list.flatMap((j) => j.operations.filter((o) => leipzigDate(o.start) === date || leipzigDate(new Date(Date.parse(o.end) - 1).toISOString()) === date).map((o) => `${j.id}/${o.sequence}`));

  it("ERP's factory calendar of P1 holds the holidays P1's scheduler was seeded with, Monday to Friday working", async () => {
    const calendar = await erpCalendar();
    expect(calendar).toMatchObject({ plant: 'P1', calendarId: 'DE', timeZone: ZONE, workingWeekdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] });
    const christmas = calendar.nonWorkingDays.filter((d) => d.name === 'Christmas Day');
    expect(christmas.length).toBeGreaterThan(0);
    expect(await dayOffEntries(christmas[0].date)).not.toEqual([]);
  });

  it('planning adds a plant shutdown in ERP on a working day P1 has operations planned on', async () => {
    const planned = (await jobs()).filter((j) => j.status === 'created' || j.status === 'released');
    const holidays = new Set((await erpCalendar()).nonWorkingDays.map((d) => d.date));
    const from = leipzigDate(new Date(Date.now() + 2 * DAY).toISOString());
    const starts = new Map<string, number>();
    for (const op of planned.flatMap((j) => j.operations)) {
      const date = leipzigDate(op.start);
      const weekday = WEEKDAY_NAMES[new Date(`${date}T12:00:00Z`).getUTCDay()];
      if (date >= from && !holidays.has(date) && weekday !== 'saturday' && weekday !== 'sunday') starts.set(date, (starts.get(date) ?? 0) + 1);
    }
    expect(starts.size).toBeGreaterThan(0);
    shutdown = [...starts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    expect(operationsTouching(await jobs(), shutdown).length).toBeGreaterThan(0);
    planBefore = await latestPlan();

    const created = await call('POST', `${t.url('erp-mock')}${CALENDAR_SRV}/A_FactoryCalendarHoliday`, {
      token: erp,
      body: { FactoryCalendar: 'DE', HolidayDate: `/Date(${Date.parse(`${shutdown}T00:00:00Z`)})/`, HolidayDescription: 'Plant shutdown: power supply works' },
    });
    expect(created.status).toBe(201);
    expect((await erpCalendar()).nonWorkingDays).toContainEqual({ date: shutdown, name: 'Plant shutdown: power supply works' });
    // Not in the scheduler until the platform brings it.
    expect(await dayOffEntries(shutdown)).toEqual([]);
  });

  it("the reconciliation gives the day to P1's scheduler: its shift calendar shows the day off, and the new plan has no operation on it", async () => {
    await reconcile();
    const entries = await dayOffEntries(shutdown);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ type: 'holiday', working: false, weekdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] });
    // The shifts stay the scheduler's.
    expect((await schedulerCalendar()).entries.filter((e) => e.type === 'shift')).toEqual([expect.objectContaining({ working: true, startTime: '06:00:00', endTime: '22:00:00' })]);

    const plan = await latestPlan();
    expect(plan.status).toBe('finished');
    expect(Number(plan.id)).toBeGreaterThan(Number(planBefore.id));
    expect(operationsTouching(await jobs(), shutdown)).toEqual([]);
  });

  it('a second reconciliation changes nothing on the calendar: the day is held once', async () => {
    const before = (await schedulerCalendar()).entries.length;
    await reconcile();
    expect((await schedulerCalendar()).entries.length).toBe(before);
    expect(await dayOffEntries(shutdown)).toHaveLength(1);
  });
});
