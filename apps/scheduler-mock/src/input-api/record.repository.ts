import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEDULER_MOCK_SCHEMA } from '../scheduler-mock.schema';
import { EntityDefinition, FieldDefinition } from './entity-definitions';

export type StoredRow = Record<string, unknown>;

/** One list filter on a field; values are already converted to the field's type. */
export type RecordCondition =
  | { field: FieldDefinition; operator: '=' | '>' | '>=' | '<' | '<='; value: unknown }
  | { field: FieldDefinition; operator: 'in'; values: unknown[] }
  | { field: FieldDefinition; operator: 'is null' | 'is not null' };

/** A table of the plant's frePPLe model; identifiers come only from the static entity definitions. */
const table = (entity: EntityDefinition | string) => `${SCHEDULER_MOCK_SCHEMA}.${typeof entity === 'string' ? entity : entity.name}`;
const MANUFACTURING_ORDER = table('manufacturingorder');
const OPERATION = table('operation');
const OPERATION_PLAN_RESOURCE = table('operationplanresource');
const RESOURCE = table('resource');

/**
 * Each plant's frePPLe model: the input tables of entity-definitions.ts (calendars, resources,
 * items, buffers, operations and their resources and materials, manufacturing orders) and what a
 * plan writes into it (orders' planned dates, the resource loading). Every value is a bind
 * parameter; SQL identifiers come only from the static entity definitions.
 */
@Injectable()
export class RecordRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(plant: string, entity: EntityDefinition, conditions: RecordCondition[]): Promise<StoredRow[]> {
    const params: unknown[] = [plant];
    const where = ['plant = $1'];
    for (const condition of conditions) {
      const column = `"${condition.field.name}"`;
      if (condition.operator === 'in') where.push(`${column} = ANY($${params.push(condition.values)})`);
      else if ('value' in condition) where.push(`${column} ${condition.operator} $${params.push(condition.value)}`);
      else where.push(`${column} ${condition.operator.toUpperCase()}`);
    }
    return this.dataSource.query(`SELECT * FROM ${table(entity)} WHERE ${where.join(' AND ')} ORDER BY "${entity.key}"`, params);
  }

  async find(em: EntityManager, plant: string, entity: EntityDefinition, key: string | number): Promise<StoredRow | undefined> {
    const rows: StoredRow[] = await em.query(`SELECT * FROM ${table(entity)} WHERE plant = $1 AND "${entity.key}" = $2`, [plant, key]);
    return rows[0];
  }

  /** `values` are by field name; answers the stored row. */
  async insert(em: EntityManager, plant: string, entity: EntityDefinition, values: Record<string, unknown>): Promise<StoredRow> {
    const columns = ['plant', ...Object.keys(values)];
    const params = [plant, ...Object.values(values)];
    const rows: StoredRow[] = await em.query(
      `INSERT INTO ${table(entity)} (${columns.map((c) => `"${c}"`).join(', ')})
       VALUES (${params.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`,
      params,
    );
    return rows[0];
  }

  /** Sets `values` (by field name) and stamps lastmodified; answers the stored row. */
  async update(em: EntityManager, plant: string, entity: EntityDefinition, key: string | number, values: Record<string, unknown>): Promise<StoredRow> {
    const sets = Object.keys(values).map((c, i) => `"${c}" = $${i + 3}`);
    sets.push('lastmodified = now()');
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [StoredRow[], number] = await em.query(
      `UPDATE ${table(entity)} SET ${sets.join(', ')} WHERE plant = $1 AND "${entity.key}" = $2 RETURNING *`,
      [plant, key, ...Object.values(values)],
    );
    return rows[0];
  }

  async delete(em: EntityManager, plant: string, entity: EntityDefinition, key: string | number): Promise<void> {
    await em.query(`DELETE FROM ${table(entity)} WHERE plant = $1 AND "${entity.key}" = $2`, [plant, key]);
  }

  /** Sets a manufacturing order's item to its operation's, as frePPLe does; undefined when the operation has none. */
  async deriveOrderItem(em: EntityManager, plant: string, reference: unknown): Promise<StoredRow | undefined> {
    const [rows]: [StoredRow[], number] = await em.query(
      `UPDATE ${MANUFACTURING_ORDER} mo SET item = op.item
       FROM ${OPERATION} op
       WHERE mo.plant = $1 AND mo.reference = $2 AND op.plant = mo.plant AND op.name = mo.operation RETURNING mo.*`,
      [plant, reference],
    );
    return rows[0];
  }

  /** Every row of one model table of the plant, in no particular order. */
  all<T>(em: EntityManager, plant: string, entity: string): Promise<T[]> {
    return em.query(`SELECT * FROM ${table(entity)} WHERE plant = $1`, [plant]);
  }

  /** The plant's manufacturing orders in one of `statuses`, by reference. */
  ordersIn<T>(em: EntityManager, plant: string, statuses: readonly string[]): Promise<T[]> {
    return em.query(`SELECT * FROM ${MANUFACTURING_ORDER} WHERE plant = $1 AND status IN (${statuses.map((_, i) => `$${i + 2}`).join(', ')}) ORDER BY reference`, [
      plant,
      ...statuses,
    ]);
  }

  async orderItem(em: EntityManager, plant: string, reference: string): Promise<{ item: string | null } | undefined> {
    const rows: Array<{ item: string | null }> = await em.query(`SELECT item FROM ${MANUFACTURING_ORDER} WHERE plant = $1 AND reference = $2`, [plant, reference]);
    return rows[0];
  }

  /** The source of each of these manufacturing orders that exists, by reference. */
  async orderSources(em: EntityManager, plant: string, references: string[]): Promise<Map<string, string | null>> {
    if (references.length === 0) return new Map();
    const rows: Array<{ reference: string; source: string | null }> = await em.query(
      `SELECT reference, source FROM ${MANUFACTURING_ORDER} WHERE plant = $1 AND reference = ANY($2)`,
      [plant, references],
    );
    return new Map(rows.map((r) => [r.reference, r.source]));
  }

  async resourceExists(em: EntityManager, plant: string, name: string): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM ${RESOURCE} WHERE plant = $1 AND name = $2`, [plant, name]);
    return rows.length > 0;
  }

  /**
   * Replaces the plant's plan in three statements whatever its size: the old resource loading
   * goes, the orders get their planned dates and delay from arrays, the new loading is inserted
   * from arrays (in the given order, so rows and ids are those a row-by-row write would give).
   */
  async writePlan(
    em: EntityManager,
    plant: string,
    taskId: number,
    orders: Array<{ reference: string; start: Date; end: Date; delaySeconds: number }>,
    loads: Array<{ order: string; operation: string; resource: string | null; start: Date; end: Date; status: string | undefined }>,
  ): Promise<void> {
    await em.query(`DELETE FROM ${OPERATION_PLAN_RESOURCE} WHERE plant = $1`, [plant]);
    if (orders.length > 0) {
      await em.query(
        `UPDATE ${MANUFACTURING_ORDER} mo SET startdate = u.startdate, enddate = u.enddate, delay = u.delay, plan_task = $2, lastmodified = now()
         FROM unnest($3::text[], $4::timestamptz[], $5::timestamptz[], $6::float8[]) AS u(reference, startdate, enddate, delay)
         WHERE mo.plant = $1 AND mo.reference = u.reference`,
        [plant, taskId, orders.map((o) => o.reference), orders.map((o) => o.start), orders.map((o) => o.end), orders.map((o) => o.delaySeconds)],
      );
    }
    if (loads.length > 0) {
      await em.query(
        `INSERT INTO ${OPERATION_PLAN_RESOURCE} (plant, operationplan, operation, resource, quantity, startdate, enddate, status, plan_task)
         SELECT $1, u.operationplan, u.operation, u.resource, 1, u.startdate, u.enddate, u.status, $2
         FROM unnest($3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::text[])
           WITH ORDINALITY AS u(operationplan, operation, resource, startdate, enddate, status, ord)
         ORDER BY u.ord`,
        [
          plant,
          taskId,
          loads.map((l) => l.order),
          loads.map((l) => l.operation),
          loads.map((l) => l.resource),
          loads.map((l) => l.start),
          loads.map((l) => l.end),
          loads.map((l) => l.status),
        ],
      );
    }
  }
}
