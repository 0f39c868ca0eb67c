import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ERP_MOCK_SCHEMA } from '../erp-mock.schema';

const CALENDARS = `${ERP_MOCK_SCHEMA}.factory_calendars`;
const HOLIDAYS = `${ERP_MOCK_SCHEMA}.factory_calendar_holidays`;
const PLANTS = `${ERP_MOCK_SCHEMA}.plants`;

export interface NewFactoryCalendar {
  factoryCalendar: string;
  description: string;
  validFromYear: number;
  validToYear: number;
  workingWeekdays: number[];
  plant: string;
  /** Dates as 'YYYY-MM-DD'. */
  holidays: Array<{ date: string; description: string }>;
}

@Injectable()
export class FactoryCalendarRepository {
  /** The calendar's validity years, locked so that holidays of one calendar are added one at a time; undefined when there is none. */
  async lockCalendar(em: EntityManager, factoryCalendar: string): Promise<{ validFromYear: number; validToYear: number } | undefined> {
    const [row]: Array<{ valid_from_year: number; valid_to_year: number }> = await em.query(
      `SELECT valid_from_year, valid_to_year FROM ${CALENDARS} WHERE factory_calendar = $1 FOR UPDATE`,
      [factoryCalendar],
    );
    return row ? { validFromYear: row.valid_from_year, validToYear: row.valid_to_year } : undefined;
  }

  /** Adds the holiday and stamps it and the calendar with one time (the transaction's); false when the calendar has the date already. */
  async addHoliday(em: EntityManager, factoryCalendar: string, date: string, description: string): Promise<boolean> {
    const inserted: unknown[] = await em.query(
      `INSERT INTO ${HOLIDAYS} (factory_calendar, holiday_date, description, last_change_at) VALUES ($1, $2::date, $3, now())
       ON CONFLICT DO NOTHING RETURNING holiday_date`,
      [factoryCalendar, date, description],
    );
    if (inserted.length === 0) return false;
    await em.query(`UPDATE ${CALENDARS} SET last_change_at = now() WHERE factory_calendar = $1`, [factoryCalendar]);
    return true;
  }

  /**
   * Seeds a plant's calendar once: the calendar and its holidays when it is new, and the plant's
   * reference to it when the plant names none. A later start changes nothing.
   */
  async seedCalendar(em: EntityManager, calendar: NewFactoryCalendar): Promise<boolean> {
    const created: unknown[] = await em.query(
      `INSERT INTO ${CALENDARS} (factory_calendar, description, valid_from_year, valid_to_year, working_weekdays) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING factory_calendar`,
      [calendar.factoryCalendar, calendar.description, calendar.validFromYear, calendar.validToYear, calendar.workingWeekdays],
    );
    if (created.length > 0) {
      for (const h of calendar.holidays) {
        await em.query(`INSERT INTO ${HOLIDAYS} (factory_calendar, holiday_date, description) VALUES ($1, $2::date, $3) ON CONFLICT DO NOTHING`, [
          calendar.factoryCalendar,
          h.date,
          h.description,
        ]);
      }
    }
    await em.query(`UPDATE ${PLANTS} SET factory_calendar = $2 WHERE plant = $1 AND factory_calendar IS NULL`, [calendar.plant, calendar.factoryCalendar]);
    return created.length > 0;
  }
}
