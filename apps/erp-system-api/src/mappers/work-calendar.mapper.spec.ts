import { workCalendarMapper } from './work-calendar.mapper';

const plant = { Plant: 'P1', PlantName: 'Leipzig', TimeZone: 'Europe/Berlin', FactoryCalendar: 'DE' };
const calendar = {
  FactoryCalendar: 'DE',
  IsMondayWorkingDay: true,
  IsTuesdayWorkingDay: true,
  IsWednesdayWorkingDay: true,
  IsThursdayWorkingDay: true,
  IsFridayWorkingDay: true,
  IsSaturdayWorkingDay: false,
  IsSundayWorkingDay: false,
  LastChangeDateTime: '/Date(1796515368429+0000)/',
  to_Holiday: {
    results: [
      { FactoryCalendar: 'DE', HolidayDate: `/Date(${Date.UTC(2027, 11, 25)})/`, HolidayDescription: 'Christmas Day' },
      { FactoryCalendar: 'DE', HolidayDate: `/Date(${Date.UTC(2026, 11, 25)})/`, HolidayDescription: 'Christmas Day' },
    ],
  },
};

describe('work calendar mapper (S/4HANA factory calendar to canonical)', () => {
  it('maps working weekdays, holidays by date (the UTC day SAP writes) and the last change', () => {
    expect(workCalendarMapper.toCanonical(plant, calendar)).toEqual({
      plant: 'P1',
      calendarId: 'DE',
      timeZone: 'Europe/Berlin',
      workingWeekdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
      nonWorkingDays: [
        { date: '2026-12-25', name: 'Christmas Day' },
        { date: '2027-12-25', name: 'Christmas Day' },
      ],
      lastChangedAt: new Date(1796515368429).toISOString(),
    });
  });

  it('leaves the time zone out where ERP has none, and reads a calendar without holidays', () => {
    const mapped = workCalendarMapper.toCanonical({ ...plant, TimeZone: '' }, { ...calendar, IsSaturdayWorkingDay: true, to_Holiday: { results: [] }, LastChangeDateTime: null });
    expect(mapped).not.toHaveProperty('timeZone');
    expect(mapped.workingWeekdays).toContain('saturday');
    expect(mapped.nonWorkingDays).toEqual([]);
    expect(mapped.lastChangedAt).toBeNull();
  });
});
