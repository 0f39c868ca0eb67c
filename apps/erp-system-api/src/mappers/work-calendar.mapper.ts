import { LIST_LIMITS, PlantWorkCalendarDto, Weekday, WEEKDAYS } from '@threadline/canonical';
import { assertWithinLimit } from '@threadline/platform';
import type { SapFactoryCalendar, SapPlant } from '../connector/s4hana-native';
import { parseSapDate } from './sap-values';

const WORKING_DAY_FIELD: Record<Weekday, keyof SapFactoryCalendar> = {
  monday: 'IsMondayWorkingDay',
  tuesday: 'IsTuesdayWorkingDay',
  wednesday: 'IsWednesdayWorkingDay',
  thursday: 'IsThursdayWorkingDay',
  friday: 'IsFridayWorkingDay',
  saturday: 'IsSaturdayWorkingDay',
  sunday: 'IsSundayWorkingDay',
};

export const workCalendarMapper = {
  /** A plant's factory calendar: its working weekdays and holidays (SAP dates are UTC midnights of the day). */
  toCanonical(plant: SapPlant, calendar: SapFactoryCalendar): PlantWorkCalendarDto {
    const holidays = assertWithinLimit(calendar.to_Holiday?.results ?? [], LIST_LIMITS.calendarEntries, `holidays of factory calendar ${calendar.FactoryCalendar}`);
    return {
      plant: plant.Plant,
      calendarId: calendar.FactoryCalendar,
      ...(plant.TimeZone ? { timeZone: plant.TimeZone } : {}),
      workingWeekdays: WEEKDAYS.filter((day) => calendar[WORKING_DAY_FIELD[day]] === true),
      nonWorkingDays: holidays
        .map((h) => ({ date: parseSapDate(h.HolidayDate).toISOString().slice(0, 10), name: h.HolidayDescription }))
        .sort((a, b) => a.date.localeCompare(b.date)),
      lastChangedAt: calendar.LastChangeDateTime ? parseSapDate(calendar.LastChangeDateTime).toISOString() : null,
    };
  },
};
