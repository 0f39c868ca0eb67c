import { LIST_LIMITS } from '@threadline/canonical';
import { BackendLimitExceededError } from '@threadline/platform';
import { FreppleCalendarBucket } from '../connector/frepple-records';
import { toCanonical } from './calendar.mapper';

const weekdays = (flags: string) =>
  Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d, i) => [d, flags[i] === 'x'])) as Pick<
    FreppleCalendarBucket,
    'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday'
  >;

/** P1's calendar as scheduler-mock serves it: two shifts Monday to Friday, Christmas Day off. */
const buckets: FreppleCalendarBucket[] = [
  { id: 1, calendar: 'P1-2SHIFT', startdate: null, enddate: null, value: 1, priority: 10, ...weekdays('xxxxx..'), starttime: '06:00:00', endtime: '22:00:00' },
  { id: 2, calendar: 'P1-2SHIFT', startdate: '2026-12-24T23:00:00', enddate: '2026-12-25T23:00:00', value: 0, priority: 1, ...weekdays('xxxxxxx'), starttime: '00:00:00', endtime: '23:59:59' },
  { id: 3, calendar: 'OTHER', startdate: null, enddate: null, value: 1, priority: 1, ...weekdays('x......'), starttime: '00:00:00', endtime: '23:59:59' },
];

describe('calendar mapper', () => {
  it('maps a calendar with as many entries as documented, and refuses (502) one with more rather than drop some', () => {
    const many = (count: number): FreppleCalendarBucket[] =>
      Array.from({ length: count }, (_, i) => ({ ...buckets[1], id: 100 + i, calendar: 'BIG' })).concat(buckets[2]);
    const calendar = { name: 'BIG', description: 'Many holidays', defaultvalue: 1, source: 'initial-load' };
    // Other calendars' buckets do not count against this one.
    expect(toCanonical(calendar, many(LIST_LIMITS.calendarEntries), 'P1', 'Europe/Berlin').entries).toHaveLength(LIST_LIMITS.calendarEntries);
    expect(() => toCanonical(calendar, many(LIST_LIMITS.calendarEntries + 1), 'P1', 'Europe/Berlin')).toThrow(BackendLimitExceededError);
  });

  it('maps a frePPLe calendar and its buckets to a work calendar with shifts and holidays', () => {
    expect(toCanonical({ name: 'P1-2SHIFT', description: 'Leipzig: 2 shift(s) Mon-Fri', defaultvalue: 0, source: 'initial-load' }, buckets, 'P1', 'Europe/Berlin')).toEqual({
      id: 'P1-2SHIFT',
      plant: 'P1',
      description: 'Leipzig: 2 shift(s) Mon-Fri',
      timeZone: 'Europe/Berlin',
      workingByDefault: false,
      entries: [
        {
          type: 'holiday',
          working: false,
          priority: 1,
          weekdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
          startTime: '00:00:00',
          endTime: '23:59:59',
          validFrom: '2026-12-24T23:00:00.000Z',
          validTo: '2026-12-25T23:00:00.000Z',
        },
        {
          type: 'shift',
          working: true,
          priority: 10,
          weekdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
          startTime: '06:00:00',
          endTime: '22:00:00',
          validFrom: null,
          validTo: null,
        },
      ],
    });
  });

  it('tells extra working periods and recurring breaks apart', () => {
    const overtime = { ...buckets[1], value: 1 };
    const lunch = { ...buckets[0], value: 0, priority: 5 };
    const calendar = toCanonical({ name: 'P1-2SHIFT', description: null, defaultvalue: 1, source: null }, [overtime, lunch], 'P1', 'Europe/Berlin');
    expect(calendar.entries.map((e) => e.type)).toEqual(['extra-working', 'non-working']);
    expect(calendar).toMatchObject({ description: 'P1-2SHIFT', workingByDefault: true });
  });
});
