import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEDULER_MOCK_SCHEMA } from '../scheduler-mock.schema';
import { DerivedProblem, StoredProblem } from './problem-derivation';

const PROBLEM = `${SCHEDULER_MOCK_SCHEMA}.problem`;
/** `<plant>-EXC-<6 digits>` from the one sequence, with the plant as $1. */
const NEW_PROBLEM_ID = `$1 || '-EXC-' || lpad(nextval('${SCHEDULER_MOCK_SCHEMA}.problem_seq')::text, 6, '0')`;

export interface ProblemRow {
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
}

/** The figures of derived problems as parallel arrays, in the problems' order. */
const figures = (problems: DerivedProblem[]) => [
  problems.map((p) => p.entity),
  problems.map((p) => p.item),
  problems.map((p) => p.resource),
  problems.map((p) => p.description),
  problems.map((p) => p.startdate),
  problems.map((p) => p.enddate),
  problems.map((p) => p.weight),
];

/**
 * The plants' problems. A problem belongs to its (plant, name, owner) and keeps the id it was
 * first given. A plan's problems are written with one statement per kind of change whatever the
 * plan's size; arrays keep the given order, so new problems take their ids from the sequence in
 * the order a row-by-row write would.
 */
@Injectable()
export class ProblemRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  stored(em: EntityManager, plant: string): Promise<StoredProblem[]> {
    return em.query(`SELECT id, name, owner, active FROM ${PROBLEM} WHERE plant = $1`, [plant]);
  }

  /** Known problems found again by plan `taskId`: new figures, active again. */
  async updateFound(em: EntityManager, plant: string, taskId: number, found: Array<{ id: string; problem: DerivedProblem }>): Promise<void> {
    if (found.length === 0) return;
    await em.query(
      `UPDATE ${PROBLEM} p SET entity = u.entity, item = u.item, resource = u.resource, description = u.description,
         startdate = u.startdate, enddate = u.enddate, weight = u.weight, plan_task = $2, active = true, lastmodified = now()
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::timestamptz[], $10::float8[])
         AS u(id, entity, item, resource, description, startdate, enddate, weight)
       WHERE p.plant = $1 AND p.id = u.id`,
      [plant, taskId, found.map((u) => u.id), ...figures(found.map((u) => u.problem))],
    );
  }

  async deactivate(em: EntityManager, plant: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await em.query(`UPDATE ${PROBLEM} SET active = false, lastmodified = now() WHERE plant = $1 AND id = ANY($2)`, [plant, ids]);
  }

  /** New problems of plan `taskId`; answers their ids in the given order. */
  async insertFound(em: EntityManager, plant: string, taskId: number, problems: DerivedProblem[]): Promise<string[]> {
    if (problems.length === 0) return [];
    const rows: Array<{ id: string }> = await em.query(
      `INSERT INTO ${PROBLEM} (plant, id, name, owner, entity, item, resource, description, startdate, enddate, weight, plan_task)
       SELECT $1, ${NEW_PROBLEM_ID}, u.name, u.owner, u.entity, u.item, u.resource,
         u.description, u.startdate, u.enddate, u.weight, $2
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::timestamptz[], $11::float8[])
         WITH ORDINALITY AS u(name, owner, entity, item, resource, description, startdate, enddate, weight, ord)
       ORDER BY u.ord
       RETURNING id`,
      [plant, taskId, problems.map((p) => p.name), problems.map((p) => p.owner), ...figures(problems)],
    );
    return rows.map((row) => row.id);
  }

  /** Starting now; answers the new id, or undefined when (plant, name, owner) has a problem already. */
  async insertReported(
    em: EntityManager,
    plant: string,
    problem: { name: string; owner: string; entity: string; item: string | null; resource: string | null; description: string },
  ): Promise<string | undefined> {
    const rows: Array<{ id: string }> = await em.query(
      `INSERT INTO ${PROBLEM} (plant, id, name, owner, entity, item, resource, description, startdate)
       VALUES ($1, ${NEW_PROBLEM_ID}, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (plant, name, owner) DO NOTHING RETURNING id`,
      [plant, problem.name, problem.owner, problem.entity, problem.item, problem.resource, problem.description],
    );
    return rows[0]?.id;
  }

  byIds(em: EntityManager, plant: string, ids: string[]): Promise<ProblemRow[]> {
    return em.query(`SELECT * FROM ${PROBLEM} WHERE plant = $1 AND id = ANY($2) ORDER BY id`, [plant, ids]);
  }

  async findByNameAndOwner(em: EntityManager, plant: string, name: string, owner: string): Promise<ProblemRow | undefined> {
    const rows: ProblemRow[] = await em.query(`SELECT * FROM ${PROBLEM} WHERE plant = $1 AND name = $2 AND owner = $3`, [plant, name, owner]);
    return rows[0];
  }

  /** Active problems by id, optionally of one name or owner, or after an id. */
  listActive(plant: string, filter: { name?: string; owner?: string; idAfter?: string }, limit: number): Promise<ProblemRow[]> {
    const params: unknown[] = [plant];
    const where = ['plant = $1', 'active'];
    if (filter.name !== undefined) where.push(`name = $${params.push(filter.name)}`);
    if (filter.owner !== undefined) where.push(`owner = $${params.push(filter.owner)}`);
    if (filter.idAfter !== undefined) where.push(`id > $${params.push(filter.idAfter)}`);
    return this.dataSource.query(`SELECT * FROM ${PROBLEM} WHERE ${where.join(' AND ')} ORDER BY id LIMIT $${params.push(limit)}`, params);
  }
}
