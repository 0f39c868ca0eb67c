import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { FIELD_LIMITS, LIST_LIMITS } from '../field-limits';
import { WEEKDAYS, Weekday } from '../scheduling/calendar.dto';
import { PlanRunDto } from '../scheduling/scheduling.dto';

/** A calendar date, 'YYYY-MM-DD', with month and day in range. */
const CALENDAR_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A whole day the plant does not work (a public holiday, a shutdown), in the plant's own time zone. */
export class NonWorkingDayDto {
  @ApiProperty({ example: '2026-12-25', description: "The day, in the plant's time zone", maxLength: FIELD_LIMITS.isoDate })
  @IsString()
  @MaxLength(FIELD_LIMITS.isoDate)
  @Matches(CALENDAR_DATE)
  date: string;

  @ApiProperty({ example: 'Christmas Day', maxLength: FIELD_LIMITS.name })
  @IsString()
  @MaxLength(FIELD_LIMITS.name)
  name: string;
}

/** A plant's work calendar as ERP holds it (its factory calendar): working weekdays and non-working days. */
export class PlantWorkCalendarDto {
  @ApiProperty({ example: 'P1', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ example: 'DE', description: "ERP's calendar of the plant", maxLength: FIELD_LIMITS.identifier })
  calendarId: string;

  @ApiPropertyOptional({ example: 'Europe/Berlin', description: "The plant's IANA time zone, where ERP knows it", maxLength: FIELD_LIMITS.timeZone })
  timeZone?: string;

  @ApiProperty({ enum: WEEKDAYS, isArray: true, maxItems: LIST_LIMITS.weekdays, example: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] })
  workingWeekdays: Weekday[];

  @ApiProperty({ type: [NonWorkingDayDto], maxItems: LIST_LIMITS.calendarEntries, description: 'Every non-working day of the calendar, by date' })
  nonWorkingDays: NonWorkingDayDto[];

  @ApiProperty({ example: '2026-12-05T09:00:00.000Z', nullable: true, type: String, maxLength: FIELD_LIMITS.isoDateTime, description: 'When the calendar last changed in ERP' })
  lastChangedAt: string | null;
}

/** ERP's non-working days of a plant for its scheduler: they replace those an earlier one gave. */
export class ApplyWorkCalendarDto {
  @ApiProperty({ type: [NonWorkingDayDto], maxItems: LIST_LIMITS.calendarEntries, description: "Every non-working day, in the plant's time zone" })
  @IsArray()
  @ArrayMaxSize(LIST_LIMITS.calendarEntries)
  @ValidateNested({ each: true })
  @Type(() => NonWorkingDayDto)
  nonWorkingDays: NonWorkingDayDto[];

  @ApiPropertyOptional({ example: 'erp-reconciliation', description: 'What the push is: the re-plan carries it as its trigger', maxLength: FIELD_LIMITS.changeNumber })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_LIMITS.changeNumber)
  @Matches(/^[a-z0-9-]+$/)
  trigger?: string;
}

export class AppliedWorkCalendarDto {
  @ApiProperty({ example: 'P1', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ example: ['P1-2SHIFT'], description: "The scheduler's calendars that hold the days", type: 'array', items: { type: 'string', maxLength: FIELD_LIMITS.identifier }, maxItems: LIST_LIMITS.calendars })
  calendars: string[];

  @ApiProperty({ example: 3, description: 'Non-working days the calendars now hold from ERP' })
  nonWorkingDays: number;

  @ApiProperty({ example: true, description: 'Whether anything changed (false: the scheduler held these days already, no re-plan)' })
  changed: boolean;

  @ApiPropertyOptional({ type: PlanRunDto, nullable: true, description: 'The re-plan with the new days; null when nothing changed' })
  planRun: PlanRunDto | null;
}
