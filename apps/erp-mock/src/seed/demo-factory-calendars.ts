import { DEMO_PLANT_CALENDARS, nextHolidayDate } from '@threadline/demo-world';
import { NewFactoryCalendar } from '../factory-calendar/factory-calendar.repository';

const isoDate = (d: { y: number; m: number; d: number }) => `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;

/**
 * Each demo plant's factory calendar, valid from this year to the next: its holidays' next
 * occurrence (the day the plant's scheduler was seeded with) and the one a year later. Pure.
 */
export function demoFactoryCalendars(now: Date): NewFactoryCalendar[] {
  const year = now.getUTCFullYear();
  return DEMO_PLANT_CALENDARS.map((c) => ({
    factoryCalendar: c.factoryCalendar,
    description: c.description,
    validFromYear: year,
    validToYear: year + 2,
    workingWeekdays: c.workingWeekdays,
    plant: c.plant,
    holidays: c.holidays.flatMap((h) => {
      const next = nextHolidayDate(h, now);
      return [
        { date: isoDate(next), description: h.name },
        { date: isoDate({ ...next, y: next.y + 1 }), description: h.name },
      ];
    }),
  }));
}
