import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Factory calendars as S/4HANA keeps them (SCAL): per calendar the working weekdays and its
 * public holidays and special non-working days; each plant names its calendar (T001W-FABKL).
 * Changes are stamped so a reader can tell a calendar changed.
 */
export class ErpMockFactoryCalendars1767900000000 implements MigrationInterface {
  name = 'ErpMockFactoryCalendars1767900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE erp_mock.factory_calendars (
        factory_calendar text PRIMARY KEY,
        description text NOT NULL,
        valid_from_year integer NOT NULL,
        valid_to_year integer NOT NULL,
        working_weekdays integer[] NOT NULL,
        last_change_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE erp_mock.factory_calendar_holidays (
        factory_calendar text NOT NULL REFERENCES erp_mock.factory_calendars (factory_calendar),
        holiday_date date NOT NULL,
        description text NOT NULL,
        last_change_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (factory_calendar, holiday_date)
      )`);
    await runner.query('ALTER TABLE erp_mock.plants ADD COLUMN factory_calendar text REFERENCES erp_mock.factory_calendars (factory_calendar)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE erp_mock.plants DROP COLUMN factory_calendar');
    await runner.query('DROP TABLE erp_mock.factory_calendar_holidays');
    await runner.query('DROP TABLE erp_mock.factory_calendars');
  }
}
