import { CalendarBucket, parseTimeOfDay, WorkCalendar } from './work-calendar';

const ALL_DAYS = [true, true, true, true, true, true, true];
const MON_FRI = [false, true, true, true, true, true, false];

function bucket(overrides: Partial<CalendarBucket>): CalendarBucket {
  return { startdate: null, enddate: null, value: 1, priority: 10, weekdays: ALL_DAYS, startMinute: 0, endMinute: 1440, ...overrides };
}

/** Two shifts Mon-Fri 06:00-22:00 Berlin time, with a holiday on Friday 2026-12-25. */
function twoShiftBerlin(): WorkCalendar {
  return new WorkCalendar({
    name: 'P1-2SHIFT',
    defaultValue: 0,
    timeZone: 'Europe/Berlin',
    buckets: [
      bucket({ weekdays: MON_FRI, startMinute: 360, endMinute: 1320 }),
      bucket({ value: 0, priority: 1, startdate: new Date('2026-12-24T23:00:00Z'), enddate: new Date('2026-12-25T23:00:00Z') }),
    ],
  });
}

describe('WorkCalendar', () => {
  it('reads frePPLe times of day, with 23:59:59 meaning the end of the day', () => {
    expect(parseTimeOfDay('06:00:00')).toBe(360);
    expect(parseTimeOfDay('23:59:59')).toBe(1440);
    expect(() => parseTimeOfDay('6am')).toThrow();
  });

  it('works only inside the shifts, in the plant time zone', () => {
    const cal = twoShiftBerlin();
    // Monday 2026-12-07 06:00 Berlin = 05:00 UTC (CET, UTC+1).
    expect(cal.isWorking(Date.parse('2026-12-07T05:00:00Z'))).toBe(true);
    expect(cal.isWorking(Date.parse('2026-12-07T04:59:00Z'))).toBe(false);
    expect(cal.isWorking(Date.parse('2026-12-07T21:00:00Z'))).toBe(false);
    expect(cal.isWorking(Date.parse('2026-12-12T10:00:00Z'))).toBe(false); // Saturday
    expect(cal.dayIntervals({ y: 2026, m: 12, d: 7 })).toEqual([
      { start: Date.parse('2026-12-07T05:00:00Z'), end: Date.parse('2026-12-07T21:00:00Z') },
    ]);
  });

  it('uses summer time when the zone does', () => {
    const cal = twoShiftBerlin();
    // Monday 2026-06-01: CEST, UTC+2, so 06:00 local = 04:00 UTC.
    expect(cal.nextWorkingInstant(Date.parse('2026-06-01T00:00:00Z'))).toBe(Date.parse('2026-06-01T04:00:00Z'));
  });

  it('lets the more important bucket win: the holiday closes a working Friday', () => {
    const cal = twoShiftBerlin();
    expect(cal.isWorking(Date.parse('2026-12-24T10:00:00Z'))).toBe(true);
    expect(cal.isWorking(Date.parse('2026-12-25T10:00:00Z'))).toBe(false);
    // From Thursday evening, the next working time is Monday morning.
    expect(cal.nextWorkingInstant(Date.parse('2026-12-24T21:30:00Z'))).toBe(Date.parse('2026-12-28T05:00:00Z'));
  });

  it('adds working time across nights and weekends', () => {
    const cal = twoShiftBerlin();
    // Friday 2026-12-11 20:00 UTC is 21:00 Berlin: one hour left; 3 hours of work end Monday 08:00 Berlin.
    const end = cal.addWorkingTime(Date.parse('2026-12-11T20:00:00Z'), 180);
    expect(new Date(end).toISOString()).toBe('2026-12-14T07:00:00.000Z');
    expect(cal.workingMinutesBetween(Date.parse('2026-12-11T20:00:00Z'), end)).toBe(180);
  });

  it('runs three shifts around the clock from Monday 06:00 to Saturday 06:00', () => {
    const cal = new WorkCalendar({
      name: 'P3-3SHIFT',
      defaultValue: 0,
      timeZone: 'America/Monterrey',
      buckets: [
        bucket({ weekdays: MON_FRI, startMinute: 360, endMinute: 1440 }),
        bucket({ weekdays: [false, false, true, true, true, true, true], startMinute: 0, endMinute: 360 }),
      ],
    });
    // Monterrey is UTC-6 all year.
    expect(cal.isWorking(Date.parse('2026-12-08T08:00:00Z'))).toBe(true); // Tue 02:00 local
    expect(cal.isWorking(Date.parse('2026-12-12T11:00:00Z'))).toBe(true); // Sat 05:00 local
    expect(cal.isWorking(Date.parse('2026-12-12T13:00:00Z'))).toBe(false); // Sat 07:00 local
    expect(cal.workingMinutesBetween(Date.parse('2026-12-07T00:00:00Z'), Date.parse('2026-12-14T00:00:00Z'))).toBe(5 * 24 * 60);
  });
});
