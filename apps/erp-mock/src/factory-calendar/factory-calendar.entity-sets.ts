import { ERP_MOCK_SCHEMA } from '../erp-mock.schema';
import { EdmKind, PropertyDef, ServiceDef } from '../odata/odata-model';

const p = (name: string, sql: string, kind: EdmKind = 'string'): PropertyDef => ({ name, sql, kind });

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * API_FACTORY_CALENDAR_SRV: factory calendars (working weekdays) and their holidays. A plant names
 * its calendar in API_PLANT_SRV A_Plant.FactoryCalendar.
 */
export const FACTORY_CALENDAR_SERVICE: ServiceDef = {
  path: 'API_FACTORY_CALENDAR_SRV',
  entitySets: [
    {
      name: 'A_FactoryCalendar',
      type: 'API_FACTORY_CALENDAR_SRV.A_FactoryCalendarType',
      from: `${ERP_MOCK_SCHEMA}.factory_calendars fc`,
      keys: ['FactoryCalendar'],
      properties: [
        p('FactoryCalendar', 'fc.factory_calendar'),
        p('FactoryCalendarDescription', 'fc.description'),
        p('ValidityStartYear', 'fc.valid_from_year::text'),
        p('ValidityEndYear', 'fc.valid_to_year::text'),
        ...WEEKDAYS.map((day, i) => p(`Is${day}WorkingDay`, `${i + 1} = ANY(fc.working_weekdays)`, 'boolean')),
        p('LastChangeDateTime', 'fc.last_change_at', 'timestamp'),
      ],
      navigations: [{ name: 'to_Holiday', target: 'A_FactoryCalendarHoliday', on: [['FactoryCalendar', 'FactoryCalendar']], many: true }],
      orderBy: ['FactoryCalendar'],
    },
    {
      name: 'A_FactoryCalendarHoliday',
      type: 'API_FACTORY_CALENDAR_SRV.A_FactoryCalendarHolidayType',
      from: `${ERP_MOCK_SCHEMA}.factory_calendar_holidays h`,
      keys: ['FactoryCalendar', 'HolidayDate'],
      properties: [
        p('FactoryCalendar', 'h.factory_calendar'),
        // As the UTC midnight of the day whatever the server's zone, so the key reads back.
        p('HolidayDate', "(h.holiday_date::timestamp AT TIME ZONE 'UTC')", 'date'),
        p('HolidayDescription', 'h.description'),
        p('LastChangeDateTime', 'h.last_change_at', 'timestamp'),
      ],
      orderBy: ['FactoryCalendar', 'HolidayDate'],
    },
  ],
};
