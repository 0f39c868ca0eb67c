import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { FreppleApiError } from '../errors/frepple-api.error';
import { EntityDefinition, FieldDefinition } from './entity-definitions';
import { formatDateTime, formatDuration, parseDateTime, parseDuration } from './frepple-format';
import { RecordCondition, RecordRepository } from './record.repository';

export type FreppleRecord = Record<string, unknown>;
type FieldErrors = Record<string, string[]>;

const FILTER_OPERATORS: Record<string, '>' | '>=' | '<' | '<='> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };
/** Query parameters that are not filters (frePPLe's API accepts them on every list). */
const NON_FILTER_PARAMS = new Set(['format']);

function coerce(field: FieldDefinition, value: unknown): unknown {
  if (value === null) {
    if (field.required || field.default !== undefined) throw new Error('This field may not be null.');
    return null;
  }
  switch (field.type) {
    case 'text':
      if (typeof value !== 'string') throw new Error('Not a valid string.');
      if (field.choices && !field.choices.includes(value)) throw new Error(`"${value}" is not a valid choice.`);
      return value;
    case 'number': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw new Error('A valid number is required.');
      return n;
    }
    case 'int': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isInteger(n)) throw new Error('A valid integer is required.');
      return n;
    }
    case 'bool':
      if (value === true || value === 'true') return true;
      if (value === false || value === 'false') return false;
      throw new Error('Must be a valid boolean.');
    case 'datetime':
      return parseDateTime(value);
    case 'duration':
      return parseDuration(value);
    case 'time':
      if (typeof value !== 'string' || !/^\d{2}:\d{2}(:\d{2})?$/.test(value)) throw new Error('Time has wrong format. Use hh:mm[:ss].');
      return value.length === 5 ? `${value}:00` : value;
  }
}

function toRecord(entity: EntityDefinition, row: Record<string, unknown>): FreppleRecord {
  const record: FreppleRecord = {};
  for (const f of entity.fields) {
    const v = row[f.name];
    if (f.type === 'datetime') record[f.name] = formatDateTime(v as Date | null);
    else if (f.type === 'duration') record[f.name] = formatDuration(v as number | null);
    else record[f.name] = v ?? null;
  }
  return record;
}

/**
 * The frePPLe input API's records: lists with field filters, single-record reads and writes, and
 * bulk upserts in one transaction, checked and converted the way frePPLe's serializers do.
 */
@Injectable()
export class RecordService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: RecordRepository,
  ) {}

  async list(plant: string, entity: EntityDefinition, query: Record<string, unknown>): Promise<FreppleRecord[]> {
    const conditions: RecordCondition[] = [];
    for (const [param, raw] of Object.entries(query)) {
      if (NON_FILTER_PARAMS.has(param)) continue;
      const [name, op = 'exact'] = param.split('__');
      const field = entity.fields.find((f) => f.name === name);
      if (!field || typeof raw !== 'string') throw FreppleApiError.badRequest(`Invalid filter '${param}'.`);
      try {
        if (op === 'exact') {
          conditions.push({ field, operator: '=', value: coerce(field, raw) });
        } else if (op === 'in') {
          conditions.push({ field, operator: 'in', values: raw.split(',').map((v) => coerce(field, v)) });
        } else if (op === 'isnull') {
          conditions.push({ field, operator: raw === 'true' ? 'is null' : 'is not null' });
        } else if (FILTER_OPERATORS[op]) {
          conditions.push({ field, operator: FILTER_OPERATORS[op], value: coerce(field, raw) });
        } else {
          throw new Error(`unknown lookup '${op}'`);
        }
      } catch (error) {
        if (error instanceof FreppleApiError) throw error;
        throw FreppleApiError.badRequest({ [param]: [(error as Error).message] });
      }
    }
    return (await this.records.list(plant, entity, conditions)).map((r) => toRecord(entity, r));
  }

  async get(plant: string, entity: EntityDefinition, key: string, em: EntityManager = this.dataSource.manager): Promise<FreppleRecord> {
    const row = await this.findRow(em, plant, entity, key);
    if (!row) throw FreppleApiError.notFound();
    return toRecord(entity, row);
  }

  /** POST: one record or a list, created in one transaction. */
  async create(plant: string, entity: EntityDefinition, body: unknown): Promise<FreppleRecord | FreppleRecord[]> {
    this.assertWritable(entity);
    const many = Array.isArray(body);
    const inputs = this.objects(many ? body : [body]);
    return this.inTransaction(async (em) => {
      const created: FreppleRecord[] = [];
      const errors = await this.collect(inputs, async (input) => {
        created.push(await this.insert(em, plant, entity, input));
      });
      if (errors) throw FreppleApiError.badRequest(many ? errors : errors[0]);
      return many ? created : created[0];
    });
  }

  /** PUT or PATCH on a list: records whose key exists are updated, the others created. */
  async upsertMany(plant: string, entity: EntityDefinition, body: unknown, partial: boolean): Promise<FreppleRecord[]> {
    this.assertWritable(entity);
    if (!Array.isArray(body)) throw FreppleApiError.badRequest('Expected a list of items.');
    const inputs = this.objects(body);
    return this.inTransaction(async (em) => {
      const results: FreppleRecord[] = [];
      const errors = await this.collect(inputs, async (input) => {
        const key = input[entity.key];
        const existing = key === undefined || key === null ? undefined : await this.findRow(em, plant, entity, String(key));
        results.push(existing ? await this.modify(em, plant, entity, String(key), input, partial) : await this.insert(em, plant, entity, input));
      });
      if (errors) throw FreppleApiError.badRequest(errors);
      return results;
    });
  }

  async update(plant: string, entity: EntityDefinition, key: string, body: unknown, partial: boolean): Promise<FreppleRecord> {
    this.assertWritable(entity);
    const [input] = this.objects([body]);
    return this.inTransaction(async (em) => {
      if (!(await this.findRow(em, plant, entity, key))) throw FreppleApiError.notFound();
      try {
        return await this.modify(em, plant, entity, key, input, partial);
      } catch (error) {
        throw this.asApiError(error);
      }
    });
  }

  async delete(plant: string, entity: EntityDefinition, key: string): Promise<void> {
    this.assertWritable(entity);
    await this.inTransaction(async (em) => {
      if (!(await this.findRow(em, plant, entity, key))) throw FreppleApiError.notFound();
      await this.records.delete(em, plant, entity, this.keyValue(entity, key)!);
    });
  }

  private async insert(em: EntityManager, plant: string, entity: EntityDefinition, input: FreppleRecord): Promise<FreppleRecord> {
    const row = await this.records.insert(em, plant, entity, this.validate(entity, input, false));
    return this.afterWrite(em, plant, entity, row);
  }

  private async modify(
    em: EntityManager,
    plant: string,
    entity: EntityDefinition,
    key: string,
    input: FreppleRecord,
    partial: boolean,
  ): Promise<FreppleRecord> {
    const values = this.validate(entity, input, partial);
    delete values[entity.key];
    const row = await this.records.update(em, plant, entity, this.keyValue(entity, key)!, values);
    return this.afterWrite(em, plant, entity, row);
  }

  /** A manufacturing order's item is its operation's item, as in frePPLe. */
  private async afterWrite(em: EntityManager, plant: string, entity: EntityDefinition, row: Record<string, unknown>): Promise<FreppleRecord> {
    if (entity.name !== 'manufacturingorder') return toRecord(entity, row);
    return toRecord(entity, (await this.records.deriveOrderItem(em, plant, row.reference)) ?? row);
  }

  /** Checks and converts a body; on create, applies defaults and requires the required fields. */
  private validate(entity: EntityDefinition, input: FreppleRecord, partial: boolean): Record<string, unknown> {
    const errors: FieldErrors = {};
    const values: Record<string, unknown> = {};
    for (const name of Object.keys(input)) {
      if (!entity.fields.some((f) => f.name === name)) errors[name] = ['Unknown field.'];
    }
    for (const field of entity.fields) {
      if (field.readOnly) continue;
      if (!(field.name in input)) {
        if (!partial && field.required) errors[field.name] = ['This field is required.'];
        else if (!partial && field.default !== undefined) values[field.name] = field.default;
        continue;
      }
      try {
        values[field.name] = coerce(field, input[field.name]);
      } catch (error) {
        errors[field.name] = [(error as Error).message];
      }
    }
    if (Object.keys(errors).length > 0) throw FreppleApiError.badRequest(errors);
    return values;
  }

  private async findRow(em: EntityManager, plant: string, entity: EntityDefinition, key: string): Promise<Record<string, unknown> | undefined> {
    const value = this.keyValue(entity, key);
    if (value === undefined) return undefined;
    return this.records.find(em, plant, entity, value);
  }

  private keyValue(entity: EntityDefinition, key: string): string | number | undefined {
    if (entity.key !== 'id') return key;
    return /^\d{1,9}$/.test(key) ? Number(key) : undefined;
  }

  private assertWritable(entity: EntityDefinition): void {
    if (entity.readOnly) throw new FreppleApiError(405, { detail: `Method not allowed: ${entity.name} is computed by the planner.` });
  }

  private objects(items: unknown[]): FreppleRecord[] {
    if (items.length === 0) throw FreppleApiError.badRequest('Expected a non-empty body.');
    for (const item of items) {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        throw FreppleApiError.badRequest({ non_field_errors: ['Invalid data. Expected a dictionary.'] });
      }
    }
    return items as FreppleRecord[];
  }

  /** Runs every item so the caller gets all field errors at once, DRF style; undefined when all passed. */
  private async collect(inputs: FreppleRecord[], each: (input: FreppleRecord) => Promise<void>): Promise<object[] | undefined> {
    const errors: object[] = [];
    let failed = false;
    for (const input of inputs) {
      try {
        await each(input);
        errors.push({});
      } catch (error) {
        const apiError = this.asApiError(error);
        errors.push(apiError.body as object);
        failed = true;
        // After a database error the transaction is aborted; later items cannot be checked.
        if (!(error instanceof FreppleApiError)) break;
      }
    }
    return failed ? errors : undefined;
  }

  private asApiError(error: unknown): FreppleApiError {
    if (error instanceof FreppleApiError) return error;
    const pg = error as { code?: string; detail?: string };
    if (pg.code === '23503') return FreppleApiError.badRequest(`Invalid reference: ${pg.detail ?? 'the referenced record does not exist'}.`);
    if (pg.code === '23505') return FreppleApiError.badRequest(`Record already exists: ${pg.detail ?? ''}`.trim());
    throw error;
  }

  private async inTransaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
