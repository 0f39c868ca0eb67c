import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FIELD_LIMITS, LIST_LIMITS } from '../field-limits';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * What a calendar entry is: a recurring working `shift`, a dated non-working `holiday`, a dated
 * `extra-working` period (overtime, a weekend shift), or a recurring `non-working` break.
 */
export const CALENDAR_ENTRY_TYPES = ['shift', 'holiday', 'extra-working', 'non-working'] as const;
export type CalendarEntryType = (typeof CALENDAR_ENTRY_TYPES)[number];

/**
 * One entry of a work calendar (ISA-95 WorkCalendarEntry): working or not, on the given weekdays
 * between two wall-clock times in the calendar's time zone, optionally only within a date range.
 * Where entries overlap, the lowest `priority` wins.
 */
export class WorkCalendarEntryDto {
  @ApiProperty({ enum: CALENDAR_ENTRY_TYPES, example: 'shift' })
  type: CalendarEntryType;

  @ApiProperty({ example: true, description: 'Working time (capacity available) or not' })
  working: boolean;

  @ApiProperty({ example: 10, description: 'Where entries overlap, the lowest priority wins' })
  priority: number;

  @ApiProperty({ enum: WEEKDAYS, isArray: true, maxItems: LIST_LIMITS.weekdays, example: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] })
  weekdays: Weekday[];

  @ApiProperty({ example: '06:00:00', description: "Wall-clock start of each day's period, in the calendar's time zone", maxLength: FIELD_LIMITS.timeOfDay })
  startTime: string;

  @ApiProperty({ example: '22:00:00', description: "Wall-clock end of each day's period, in the calendar's time zone", maxLength: FIELD_LIMITS.timeOfDay })
  endTime: string;

  @ApiPropertyOptional({ example: '2026-12-24T23:00:00.000Z', nullable: true, type: String, description: 'Applies from this instant; null: always', maxLength: FIELD_LIMITS.isoDateTime })
  validFrom: string | null;

  @ApiPropertyOptional({ example: '2026-12-25T22:59:59.000Z', nullable: true, type: String, description: 'Applies until this instant; null: always', maxLength: FIELD_LIMITS.isoDateTime })
  validTo: string | null;
}

/** A plant's work calendar (ISA-95 WorkCalendar): when its resources can work. */
export class WorkCalendarDto {
  @ApiProperty({ example: 'P1-2SHIFT', maxLength: FIELD_LIMITS.identifier })
  id: string;

  @ApiProperty({ example: 'P1', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ example: 'Leipzig: 2 shift(s) Mon-Fri', maxLength: FIELD_LIMITS.name })
  description: string;

  @ApiProperty({ example: 'Europe/Berlin', description: 'IANA time zone of the entries\' wall-clock times', maxLength: FIELD_LIMITS.timeZone })
  timeZone: string;

  @ApiProperty({ example: false, description: 'Whether time no entry covers is working time' })
  workingByDefault: boolean;

  // scheduling-system-api refuses (502) a calendar with more entries rather than cut it.
  @ApiProperty({ type: [WorkCalendarEntryDto], maxItems: LIST_LIMITS.calendarEntries })
  entries: WorkCalendarEntryDto[];
}
