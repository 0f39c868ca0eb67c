import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEDULER_MOCK_SCHEMA } from '../scheduler-mock.schema';

const TASK = `${SCHEDULER_MOCK_SCHEMA}.task`;

export interface TaskRow {
  id: number;
  name: string;
  submitted: Date;
  started: Date | null;
  finished: Date | null;
  status: string;
  message: string | null;
  arguments: string | null;
  source: string | null;
  planned_orders: number | null;
  late_orders: number | null;
}

/** The task log of frePPLe's execute API: one `runplan` task per plan run, Running until Done or Failed. */
@Injectable()
export class PlanRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Answers the new task's id. */
  async startPlanTask(plant: string, argumentLine: string, source: string | null): Promise<number> {
    const [task]: Array<{ id: number }> = await this.dataSource.query(
      `INSERT INTO ${TASK} (plant, name, status, arguments, source, started) VALUES ($1, 'runplan', 'Running', $2, $3, now()) RETURNING id`,
      [plant, argumentLine, source],
    );
    return task.id;
  }

  async finishTask(em: EntityManager, id: number, result: { plannedOrders: number; lateOrders: number; message: string }): Promise<void> {
    await em.query(`UPDATE ${TASK} SET status = 'Done', finished = now(), planned_orders = $2, late_orders = $3, message = $4 WHERE id = $1`, [
      id,
      result.plannedOrders,
      result.lateOrders,
      result.message,
    ]);
  }

  async failTask(id: number, message: string): Promise<void> {
    await this.dataSource.query(`UPDATE ${TASK} SET status = 'Failed', finished = now(), message = $2 WHERE id = $1`, [id, message]);
  }

  async findTask(plant: string, id: number): Promise<TaskRow | undefined> {
    const rows: TaskRow[] = await this.dataSource.query(`SELECT * FROM ${TASK} WHERE plant = $1 AND id = $2`, [plant, id]);
    return rows[0];
  }

  /** Newest first. */
  recentTasks(plant: string, limit: number): Promise<TaskRow[]> {
    return this.dataSource.query(`SELECT * FROM ${TASK} WHERE plant = $1 ORDER BY id DESC LIMIT $2`, [plant, limit]);
  }

  async hasTasks(plant: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM ${TASK} WHERE plant = $1 LIMIT 1`, [plant]);
    return rows.length > 0;
  }
}
