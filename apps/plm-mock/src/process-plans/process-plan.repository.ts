import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CompiledQuery } from '../odata/odata-query';
import { PLM_MOCK_SCHEMA } from '../plm-mock.schema';
import { PlanOperation, ProcessPlanOperationRow, ProcessPlanRow } from './process-plan.odata';

const PROCESS_PLANS = `${PLM_MOCK_SCHEMA}.process_plans`;
const PROCESS_PLAN_OPERATIONS = `${PLM_MOCK_SCHEMA}.process_plan_operations`;
const AFFECTED_OBJECTS = `${PLM_MOCK_SCHEMA}.affected_objects`;

@Injectable()
export class ProcessPlanRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(query: CompiledQuery, limit: number, offset: number): Promise<ProcessPlanRow[]> {
    const n = query.params.length;
    return this.dataSource.query(
      `SELECT pp.* FROM ${PROCESS_PLANS} pp WHERE ${query.where} ORDER BY ${query.orderBy} LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...query.params, limit, offset],
    );
  }

  async operations(planIds: string[], em: EntityManager = this.dataSource.manager): Promise<ProcessPlanOperationRow[]> {
    if (planIds.length === 0) return [];
    return em.query(
      `SELECT * FROM ${PROCESS_PLAN_OPERATIONS} WHERE process_plan_id = ANY($1::bigint[]) ORDER BY process_plan_id, operation_number`,
      [planIds],
    );
  }

  async findByPart(em: EntityManager, partNumber: string, partVersion: string): Promise<ProcessPlanRow | undefined> {
    const rows: ProcessPlanRow[] = await em.query(`SELECT * FROM ${PROCESS_PLANS} WHERE part_number = $1 AND part_version = $2`, [partNumber, partVersion]);
    return rows[0];
  }

  async count(em: EntityManager): Promise<number> {
    const [{ count }]: { count: number }[] = await em.query(`SELECT count(*)::int AS count FROM ${PROCESS_PLANS}`);
    return count;
  }

  async insertPlan(
    em: EntityManager,
    plan: { number: string; name: string; partNumber: string; partVersion: string; state: string; releasedBy: string | null; createdOn?: Date },
    operations: PlanOperation[],
  ): Promise<string> {
    const rows: { id: string }[] = await em.query(
      `INSERT INTO ${PROCESS_PLANS} (number, name, part_number, part_version, state, released_by_change, created_on, last_modified)
       VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7, date_trunc('milliseconds', now())), COALESCE($7, date_trunc('milliseconds', now()))) RETURNING id`,
      [plan.number, plan.name, plan.partNumber, plan.partVersion, plan.state, plan.releasedBy, plan.createdOn ?? null],
    );
    for (const op of operations) {
      await em.query(
        `INSERT INTO ${PROCESS_PLAN_OPERATIONS} (process_plan_id, operation_number, label, work_center, setup_time, run_time)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [rows[0].id, op.operationNumber, op.label, op.workCenter, op.setupTime, op.runTime],
      );
    }
    return rows[0].id;
  }

  async setState(em: EntityManager, id: string, state: string): Promise<void> {
    await em.query(`UPDATE ${PROCESS_PLANS} SET state = $2, last_modified = date_trunc('milliseconds', now()) WHERE id = $1`, [id, state]);
  }

  /** The operation redlines of one notice line (kept beside its BOM redlines). */
  async saveOperationChanges(em: EntityManager, noticeId: string, lineNumber: number, changes: unknown[]): Promise<void> {
    await em.query(`UPDATE ${AFFECTED_OBJECTS} SET operation_changes = $3 WHERE change_notice_id = $1 AND line_number = $2`, [
      noticeId,
      lineNumber,
      JSON.stringify(changes),
    ]);
  }
}
