import type { PlantCode } from './plants';

/**
 * Each demo plant's factory calendar as ERP holds it (SAP factory calendar: an id, the working
 * weekdays, public holidays) and as the plant's scheduler was seeded: the scheduler gets the next
 * occurrence of each holiday, ERP that one and the year after's.
 */
export interface DemoHoliday {
  month: number;
  day: number;
  name: string;
}

export interface DemoPlantCalendar {
  plant: PlantCode;
  /** SAP factory calendar id (two characters). */
  factoryCalendar: string;
  description: string;
  /** ISO weekdays 1 (Monday) to 7 (Sunday). */
  workingWeekdays: number[];
  holidays: DemoHoliday[];
}

export const DEMO_PLANT_CALENDARS: DemoPlantCalendar[] = [
  { plant: 'P1', factoryCalendar: 'DE', description: 'Germany (Saxony), Leipzig plant', workingWeekdays: [1, 2, 3, 4, 5], holidays: [{ month: 12, day: 25, name: 'Christmas Day' }] },
  { plant: 'P2', factoryCalendar: 'CZ', description: 'Czech Republic, Brno plant', workingWeekdays: [1, 2, 3, 4, 5], holidays: [{ month: 12, day: 24, name: 'Christmas Eve' }] },
  { plant: 'P3', factoryCalendar: 'MX', description: 'Mexico, Monterrey plant', workingWeekdays: [1, 2, 3, 4, 5], holidays: [{ month: 9, day: 16, name: 'Independence Day' }] },
];

export function demoPlantCalendar(code: string): DemoPlantCalendar {
  const calendar = DEMO_PLANT_CALENDARS.find((c) => c.plant === code);
  if (!calendar) throw new Error(`no demo calendar for plant ${code}`);
  return calendar;
}

/** The next occurrence (today included) of a month and day, as a calendar date. Pure. */
export function nextHolidayDate(holiday: Pick<DemoHoliday, 'month' | 'day'>, from: Date): { y: number; m: number; d: number } {
  const year = from.getUTCFullYear();
  const candidate = Date.UTC(year, holiday.month - 1, holiday.day);
  return { y: candidate + 86_400_000 > from.getTime() ? year : year + 1, m: holiday.month, d: holiday.day };
}
