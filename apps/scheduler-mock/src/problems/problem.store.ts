import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { advisoryKey } from '@threadline/platform';
import { DataSource, EntityManager } from 'typeorm';
import { FreppleApiError } from '../errors/frepple-api.error';
import { formatDateTime } from '../input-api/frepple-format';
import { DerivedProblem, PROBLEM_ENTITIES, ProblemNames, reconcileProblems, StoredProblem } from './problem-derivation';

/** A problem as the output API and the webhooks show it (frePPLe's fields plus mock extensions). */
export type ProblemRecord = Record<string, unknown> & { id: string; name: string; owner: string };

interface ProblemRow {
  plant: string;
  id: string;
  name: string;
  entity: string;
  owner: string;
  item: string | null;
  resource: string | null;
  description: string;
  startdate: Date | null;
  enddate: Date | null;
  weight: number;
  active: boolean;
  plan_task: number | null;
  created: Date;
  lastmodified: Date;
  /** The manufacturing order's source, joined in: `erp-load` means the owner is an ERP order number. */
  operationplan_source: string | null;
}

function toRecord(row: ProblemRow): ProblemRecord {
  return {
    id: row.id,
    entity: row.entity,
    name: row.name,
    owner: row.owner,
    description: row.description,
    startdate: formatDateTime(row.startdate),
    enddate: formatDateTime(row.enddate),
    weight: row.weight,
    // Mock extensions: the order's item and source, the resource, and whether the last plan still finds it.
    item: row.item,
    resource: row.resource,
    operationplan_source: row.operationplan_source,
    active: row.active,
    plan_task: row.plan_task,
    created: formatDateTime(row.created),
    lastmodified: formatDateTime(row.lastmodified),
  };
}

const SELECT = `SELECT p.*, mo.source AS operationplan_source FROM scheduler_mock.problem p
  LEFT JOIN scheduler_mock.manufacturingorder mo ON mo.plant = p.plant AND mo.reference = p.owner`;

const MAX_LIMIT = 1000;

export interface QualityHoldReport {
  operationplan: string;
  description: string;
  resource: string | null;
}

/**
 * The plant's problems. Ids are `<plant>-EXC-<6 digits>` from one sequence and belong to the
 * (plant, name, owner) they were first given to, so re-finding a problem keeps its id.
 */
@Injectable()
export class ProblemStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Inside the plan's transaction: stores what the plan found and answers the problems that are
   * new (the ones to announce). Problems found again keep their id and are not returned.
   */
  async syncPlan(em: EntityManager, plant: string, taskId: number, derived: DerivedProblem[]): Promise<ProblemRecord[]> {
    const stored: StoredProblem[] = await em.query('SELECT id, name, owner, active FROM scheduler_mock.problem WHERE plant = $1', [plant]);
    const changes = reconcileProblems(stored, derived);
    // One statement per kind of change whatever the plan's size; arrays keep the derivation's
    // order, so new problems take their ids from the sequence in the order a row-by-row write would.
    const columns = (problems: DerivedProblem[]) => [
      problems.map((p) => p.entity),
      problems.map((p) => p.item),
      problems.map((p) => p.resource),
      problems.map((p) => p.description),
      problems.map((p) => p.startdate),
      problems.map((p) => p.enddate),
      problems.map((p) => p.weight),
    ];
    if (changes.updated.length > 0) {
      await em.query(
        `UPDATE scheduler_mock.problem p SET entity = u.entity, item = u.item, resource = u.resource, description = u.description,
           startdate = u.startdate, enddate = u.enddate, weight = u.weight, plan_task = $2, active = true, lastmodified = now()
         FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::timestamptz[], $10::float8[])
           AS u(id, entity, item, resource, description, startdate, enddate, weight)
         WHERE p.plant = $1 AND p.id = u.id`,
        [plant, taskId, changes.updated.map((u) => u.id), ...columns(changes.updated.map((u) => u.problem))],
      );
    }
    if (changes.resolved.length > 0) {
      await em.query('UPDATE scheduler_mock.problem SET active = false, lastmodified = now() WHERE plant = $1 AND id = ANY($2)', [plant, changes.resolved]);
    }
    let created: string[] = [];
    if (changes.created.length > 0) {
      const rows: Array<{ id: string }> = await em.query(
        `INSERT INTO scheduler_mock.problem (plant, id, name, owner, entity, item, resource, description, startdate, enddate, weight, plan_task)
         SELECT $1, $1 || '-EXC-' || lpad(nextval('scheduler_mock.problem_seq')::text, 6, '0'), u.name, u.owner, u.entity, u.item, u.resource,
           u.description, u.startdate, u.enddate, u.weight, $2
         FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::timestamptz[], $11::float8[])
           WITH ORDINALITY AS u(name, owner, entity, item, resource, description, startdate, enddate, weight, ord)
         ORDER BY u.ord
         RETURNING id`,
        [plant, taskId, changes.created.map((p) => p.name), changes.created.map((p) => p.owner), ...columns(changes.created)],
      );
      created = rows.map((row) => row.id);
    }
    return created.length > 0 ? this.byIds(em, plant, created) : [];
  }

  /**
   * The shop floor reports a quality hold on a manufacturing order. One hold per order: reporting
   * it again answers the hold already there (`created: false`) and changes nothing.
   */
  async reportQualityHold(plant: string, report: QualityHoldReport): Promise<{ record: ProblemRecord; created: boolean }> {
    return this.dataSource.transaction(async (em) => {
      // Serialised with the plant's plan runs, which rewrite its problems.
      await em.query('SELECT pg_advisory_xact_lock($1)', [advisoryKey(`scheduler_mock:plan:${plant}`)]);
      const orders: Array<{ item: string | null }> = await em.query('SELECT item FROM scheduler_mock.manufacturingorder WHERE plant = $1 AND reference = $2', [
        plant,
        report.operationplan,
      ]);
      if (orders.length === 0) throw FreppleApiError.badRequest({ operationplan: [`Invalid pk "${report.operationplan}" - object does not exist.`] });
      if (report.resource) {
        const resources: unknown[] = await em.query('SELECT 1 FROM scheduler_mock.resource WHERE plant = $1 AND name = $2', [plant, report.resource]);
        if (resources.length === 0) throw FreppleApiError.badRequest({ resource: [`Invalid pk "${report.resource}" - object does not exist.`] });
      }
      const inserted: Array<{ id: string }> = await em.query(
        `INSERT INTO scheduler_mock.problem (plant, id, name, owner, entity, item, resource, description, startdate)
         VALUES ($1, $1 || '-EXC-' || lpad(nextval('scheduler_mock.problem_seq')::text, 6, '0'), $2, $3, $4, $5, $6, $7, now())
         ON CONFLICT (plant, name, owner) DO NOTHING RETURNING id`,
        [plant, ProblemNames.QualityHold, report.operationplan, PROBLEM_ENTITIES['quality hold'], orders[0].item, report.resource, report.description],
      );
      if (inserted.length > 0) return { record: (await this.byIds(em, plant, [inserted[0].id]))[0], created: true };
      const [existing]: ProblemRow[] = await em.query(`${SELECT} WHERE p.plant = $1 AND p.name = $2 AND p.owner = $3`, [
        plant,
        ProblemNames.QualityHold,
        report.operationplan,
      ]);
      return { record: toRecord(existing), created: false };
    });
  }

  /** The problems the current plan (and the shop floor) report, by id; filters in frePPLe's style. */
  async list(plant: string, filter: { name?: string; owner?: string; idAfter?: string; limit?: number }): Promise<ProblemRecord[]> {
    const params: unknown[] = [plant];
    const where = ['p.plant = $1', 'p.active'];
    if (filter.name !== undefined) where.push(`p.name = $${params.push(filter.name)}`);
    if (filter.owner !== undefined) where.push(`p.owner = $${params.push(filter.owner)}`);
    if (filter.idAfter !== undefined) where.push(`p.id > $${params.push(filter.idAfter)}`);
    const limit = Math.min(filter.limit ?? MAX_LIMIT, MAX_LIMIT);
    const rows: ProblemRow[] = await this.dataSource.query(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY p.id LIMIT $${params.push(limit)}`, params);
    return rows.map(toRecord);
  }

  async get(plant: string, id: string): Promise<ProblemRecord> {
    const rows = await this.byIds(this.dataSource.manager, plant, [id]);
    if (rows.length === 0) throw FreppleApiError.notFound();
    return rows[0];
  }

  private async byIds(em: EntityManager, plant: string, ids: string[]): Promise<ProblemRecord[]> {
    const rows: ProblemRow[] = await em.query(`${SELECT} WHERE p.plant = $1 AND p.id = ANY($2) ORDER BY p.id`, [plant, ids]);
    return rows.map(toRecord);
  }
}
