import type { NonWorkingDayDto } from '@threadline/canonical';
import type { FreppleCalendarBucket } from '../connector/frepple-records';
import { fromFreppleDateTime, toFreppleDateTime } from '../connector/frepple-wire';

/** Source of the calendar buckets ERP's non-working days become: only these are replaced by a sync. */
export const ERP_CALENDAR_SOURCE = 'erp-calendar';

/** Above the shifts' buckets (priority 10): a day off wins over the shift that day. */
const DAY_OFF_PRIORITY = 1;

export type DayOffBucket = Omit<FreppleCalendarBucket, 'id'> & { source: string };

const formatters = new Map<string, Intl.DateTimeFormat>();

function offsetMinutes(instant: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(instant))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(instant / 60_000) * 60_000) / 60_000;
}

/** The instant a calendar day ('2026-12-25') starts in the time zone (local midnight), ISO UTC. Pure. */
export function localMidnight(date: string, timeZone: string): string {
  const wall = Date.parse(`${date}T00:00:00Z`);
  // Two passes settle the zone's offset at that midnight (it may differ from the guess's across a DST change).
  let instant = wall - offsetMinutes(wall, timeZone) * 60_000;
  instant = wall - offsetMinutes(instant, timeZone) * 60_000;
  return new Date(instant).toISOString();
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** One non-working day on a calendar: value 0 from the day's local midnight to the next, every weekday. Pure. */
export function dayOffBucket(calendar: string, day: NonWorkingDayDto, timeZone: string): DayOffBucket {
  return {
    calendar,
    startdate: toFreppleDateTime(localMidnight(day.date, timeZone)),
    enddate: toFreppleDateTime(localMidnight(nextDay(day.date), timeZone)),
    value: 0,
    priority: DAY_OFF_PRIORITY,
    monday: true,
    tuesday: true,
    wednesday: true,
    thursday: true,
    friday: true,
    saturday: true,
    sunday: true,
    starttime: '00:00:00',
    endtime: '23:59:59',
    source: ERP_CALENDAR_SOURCE,
  };
}

const keyOf = (b: Pick<FreppleCalendarBucket, 'calendar' | 'startdate' | 'enddate'>) => `${b.calendar}|${fromFreppleDateTime(b.startdate)}|${fromFreppleDateTime(b.enddate)}`;

/**
 * What makes the calendars hold exactly ERP's non-working days: the buckets to create and the ids
 * of earlier synced buckets (`synced`: those with ERP_CALENDAR_SOURCE) no longer wanted. Buckets
 * from other sources (the shifts, days entered in the scheduler) are never touched. Pure.
 */
export function workCalendarWrites(
  calendars: string[],
  days: NonWorkingDayDto[],
  timeZone: string,
  synced: FreppleCalendarBucket[],
): { create: DayOffBucket[]; deleteIds: number[]; wanted: number } {
  const wanted = new Map<string, DayOffBucket>();
  for (const calendar of calendars) for (const day of days) {
    const bucket = dayOffBucket(calendar, day, timeZone);
    wanted.set(keyOf(bucket), bucket);
  }
  const kept = new Set<string>();
  const deleteIds: number[] = [];
  for (const bucket of synced) {
    const key = keyOf(bucket);
    // A duplicate of a kept one goes too.
    if (wanted.has(key) && !kept.has(key) && bucket.value === 0) kept.add(key);
    else deleteIds.push(bucket.id);
  }
  return { create: [...wanted.entries()].filter(([key]) => !kept.has(key)).map(([, b]) => b), deleteIds, wanted: wanted.size };
}
