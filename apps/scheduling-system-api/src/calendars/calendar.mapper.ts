import { CalendarEntryType, LIST_LIMITS, WEEKDAYS, WorkCalendarDto, WorkCalendarEntryDto } from '@threadline/canonical';
import { assertWithinLimit } from '@threadline/platform';
import { FreppleCalendar, FreppleCalendarBucket } from '../connector/frepple-records';
import { fromFreppleDateTime } from '../connector/frepple-wire';

function entryType(working: boolean, dated: boolean): CalendarEntryType {
  if (working) return dated ? 'extra-working' : 'shift';
  return dated ? 'holiday' : 'non-working';
}

export function entryToCanonical(bucket: FreppleCalendarBucket): WorkCalendarEntryDto {
  const working = bucket.value > 0;
  const validFrom = fromFreppleDateTime(bucket.startdate);
  const validTo = fromFreppleDateTime(bucket.enddate);
  return {
    type: entryType(working, validFrom !== null || validTo !== null),
    working,
    priority: bucket.priority,
    weekdays: WEEKDAYS.filter((d) => bucket[d]),
    startTime: bucket.starttime,
    endTime: bucket.endtime,
    validFrom,
    validTo,
  };
}

/**
 * A frePPLe calendar with its buckets. frePPLe's bucket times are wall-clock times in the plant's
 * time zone (dates are instants), so the plant's zone travels with the calendar.
 */
export function toCanonical(calendar: FreppleCalendar, buckets: FreppleCalendarBucket[], plant: string, timeZone: string): WorkCalendarDto {
  const own = buckets.filter((b) => b.calendar === calendar.name);
  // A calendar missing some of its buckets would give wrong working hours: refused (502), not cut.
  assertWithinLimit(own, LIST_LIMITS.calendarEntries, `entries of work calendar ${calendar.name} in plant ${plant}`);
  return {
    id: calendar.name,
    plant,
    description: calendar.description ?? calendar.name,
    timeZone,
    workingByDefault: calendar.defaultvalue > 0,
    entries: own
      .sort((a, b) => a.priority - b.priority || a.id - b.id)
      .map(entryToCanonical),
  };
}
