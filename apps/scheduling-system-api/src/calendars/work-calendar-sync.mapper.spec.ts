import { FreppleCalendarBucket } from '../connector/frepple-records';
import { dayOffBucket, ERP_CALENDAR_SOURCE, localMidnight, workCalendarWrites } from './work-calendar-sync.mapper';

const christmas = { date: '2026-12-25', name: 'Christmas Day' };
const shutdown = { date: '2026-12-28', name: 'Plant shutdown' };

function synced(id: number, calendar: string, start: string, end: string, extra: Partial<FreppleCalendarBucket> = {}): FreppleCalendarBucket {
  return { ...dayOffBucket(calendar, christmas, 'UTC'), id, calendar, startdate: start, enddate: end, ...extra };
}

describe('work calendar sync (ERP non-working days to frePPLe calendar buckets)', () => {
  it("starts a day at the plant's local midnight, across zones and daylight saving changes", () => {
    expect(localMidnight('2026-12-25', 'Europe/Berlin')).toBe('2026-12-24T23:00:00.000Z');
    expect(localMidnight('2026-07-01', 'Europe/Berlin')).toBe('2026-06-30T22:00:00.000Z');
    expect(localMidnight('2026-09-16', 'America/Monterrey')).toBe('2026-09-16T06:00:00.000Z');
    // The day summer time starts in Europe: midnight is still winter time.
    expect(localMidnight('2027-03-28', 'Europe/Prague')).toBe('2027-03-27T23:00:00.000Z');
  });

  it('makes a day off a value-0 bucket over the whole local day, above the shifts, marked as from ERP', () => {
    expect(dayOffBucket('P1-2SHIFT', christmas, 'Europe/Berlin')).toMatchObject({
      calendar: 'P1-2SHIFT',
      startdate: '2026-12-24T23:00:00',
      enddate: '2026-12-25T23:00:00',
      value: 0,
      priority: 1,
      monday: true,
      sunday: true,
      source: ERP_CALENDAR_SOURCE,
    });
  });

  it('writes each day on each calendar once: nothing synced yet creates all', () => {
    const writes = workCalendarWrites(['P3-3SHIFT', 'P3-EXTRA'], [christmas, shutdown], 'America/Monterrey', []);
    expect(writes.create.map((b) => [b.calendar, b.startdate])).toEqual([
      ['P3-3SHIFT', '2026-12-25T06:00:00'],
      ['P3-3SHIFT', '2026-12-28T06:00:00'],
      ['P3-EXTRA', '2026-12-25T06:00:00'],
      ['P3-EXTRA', '2026-12-28T06:00:00'],
    ]);
    expect(writes.deleteIds).toEqual([]);
    expect(writes.wanted).toBe(4);
  });

  it('is idempotent: days synced before stay, a day ERP dropped goes, a new one is added, duplicates are removed', () => {
    const before = [
      synced(7, 'P1-2SHIFT', '2026-12-24T23:00:00', '2026-12-25T23:00:00'),
      synced(8, 'P1-2SHIFT', '2026-12-24T23:00:00', '2026-12-25T23:00:00'),
      synced(9, 'P1-2SHIFT', '2026-11-01T23:00:00', '2026-11-02T23:00:00'),
    ];
    const same = workCalendarWrites(['P1-2SHIFT'], [christmas], 'Europe/Berlin', before.slice(0, 1));
    expect(same).toEqual({ create: [], deleteIds: [], wanted: 1 });

    const writes = workCalendarWrites(['P1-2SHIFT'], [christmas, shutdown], 'Europe/Berlin', before);
    expect(writes.create.map((b) => b.startdate)).toEqual(['2026-12-27T23:00:00']);
    expect(writes.deleteIds).toEqual([8, 9]);
  });

  it('replaces a synced bucket someone made working again', () => {
    const writes = workCalendarWrites(['P1-2SHIFT'], [christmas], 'Europe/Berlin', [synced(7, 'P1-2SHIFT', '2026-12-24T23:00:00', '2026-12-25T23:00:00', { value: 1 })]);
    expect(writes.deleteIds).toEqual([7]);
    expect(writes.create).toHaveLength(1);
  });
});
