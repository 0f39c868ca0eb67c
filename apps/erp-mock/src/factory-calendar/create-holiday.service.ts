import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ODataReader } from '../odata/odata-reader.service';
import { parseQueryOptions } from '../odata/odata-query';
import { parseODataDate, startOfUtcDay } from '../odata/odata-values';
import { keyLiteral, PayloadReader } from '../odata/payload';
import { SapError } from '../odata/sap-error';
import { FactoryCalendarRepository } from './factory-calendar.repository';

const ENTITY_TYPE = 'A_FactoryCalendarHolidayType';

/** A holiday to add, read as SAP Gateway reads the payload; the date as 'YYYY-MM-DD'. Pure. */
export function parseHolidayPayload(body: unknown): { factoryCalendar: string; date: string; description: string } {
  const payload = PayloadReader.of(body, 'TD', ENTITY_TYPE).only(['FactoryCalendar', 'HolidayDate', 'HolidayDescription'], ENTITY_TYPE);
  const factoryCalendar = payload.text('FactoryCalendar', true, 2);
  const description = payload.text('HolidayDescription', true, 60);
  if (payload.raw('HolidayDate') === undefined) throw new SapError(400, 'TD/002', 'Property HolidayDate is mandatory');
  const date = parseODataDate(payload.raw('HolidayDate'));
  if (!date) throw new SapError(400, 'TD/003', 'Value for HolidayDate is invalid');
  return { factoryCalendar, description, date: startOfUtcDay(date).toISOString().slice(0, 10) };
}

/**
 * POST A_FactoryCalendarHoliday: a public holiday or special non-working day in a factory
 * calendar (SCAL), within the calendar's validity years; the calendar's LastChangeDateTime moves.
 */
@Injectable()
export class CreateHolidayService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: FactoryCalendarRepository,
    private readonly reader: ODataReader,
  ) {}

  async create(body: unknown, serviceRoot: string, servicePath: string): Promise<{ entity: { d: unknown }; location: string }> {
    const input = parseHolidayPayload(body);
    return this.dataSource.transaction(async (em) => {
      const calendar = await this.calendars.lockCalendar(em, input.factoryCalendar);
      if (!calendar) throw new SapError(400, 'TD/010', `Factory calendar ${input.factoryCalendar} does not exist`);
      const year = Number(input.date.slice(0, 4));
      if (year < calendar.validFromYear || year > calendar.validToYear) {
        throw new SapError(400, 'TD/011', `Date ${input.date} is outside factory calendar ${input.factoryCalendar}'s validity (${calendar.validFromYear}-${calendar.validToYear})`);
      }
      if (!(await this.calendars.addHoliday(em, input.factoryCalendar, input.date, input.description))) {
        throw new SapError(409, 'TD/012', `Factory calendar ${input.factoryCalendar} has a holiday on ${input.date} already`);
      }
      const key = `FactoryCalendar=${keyLiteral(input.factoryCalendar)},HolidayDate=datetime'${input.date}T00:00:00'`;
      const entity = await this.reader.read({ serviceRoot, servicePath, resource: `A_FactoryCalendarHoliday(${key})`, options: parseQueryOptions({}) }, em);
      return { entity, location: (entity.d as { __metadata: { uri: string } }).__metadata.uri };
    });
  }
}
