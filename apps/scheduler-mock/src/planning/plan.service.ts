import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { advisoryKey } from '@threadline/platform';
import { DataSource, EntityManager } from 'typeorm';
import { FreppleApiError } from '../errors/frepple-api.error';
import { formatDateTime } from '../input-api/frepple-format';
import { Plant } from '../plants/plant.service';
import { deriveProblems, PlannedJob } from '../problems/problem-derivation';
import { ProblemRecord, ProblemStore } from '../problems/problem.store';
import { WebhookService } from '../webhooks/webhook.service';
import { SchedulerMockConfig } from '../scheduler-mock.config';
import { ScheduleInput, ScheduleResult, scheduleOrders } from './finite-scheduler';
import { buildScheduleInput, PlantModel } from './plan-input';

export interface PlanArguments {
  constraint: number;
  plantype: number;
  /** Who asked for the plan, e.g. the change number that triggered it (a mock extension). */
  source?: string;
}

interface TaskRow {
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

/** A task as frePPLe's execute API shows it. */
export type TaskRecord = Record<string, unknown>;

function toTaskRecord(row: TaskRow): TaskRecord {
  return {
    id: row.id,
    name: row.name,
    submitted: formatDateTime(row.submitted),
    started: formatDateTime(row.started),
    finished: formatDateTime(row.finished),
    arguments: row.arguments,
    status: row.status,
    message: row.message,
    source: row.source,
    planned_orders: row.planned_orders,
    late_orders: row.late_orders,
  };
}

const OPEN_STATUSES = ['proposed', 'approved', 'confirmed'];

/** Each planned order with what problem derivation needs: its item, when it could start, its steps. */
function plannedJobs(model: PlantModel, input: ScheduleInput, result: ScheduleResult): PlannedJob[] {
  const rows = new Map(model.orders.map((o) => [o.reference, o as PlantModel['orders'][number] & { item?: string | null }]));
  const inputs = new Map(input.orders.map((o) => [o.reference, o]));
  return result.orders.map((order) => {
    const materialsAvailableAt = inputs.get(order.reference)?.materialsAvailableAt;
    const release = materialsAvailableAt && materialsAvailableAt > input.now ? materialsAvailableAt : input.now;
    return {
      reference: order.reference,
      item: rows.get(order.reference)?.item ?? '',
      quantity: rows.get(order.reference)?.quantity ?? 0,
      due: order.due,
      start: order.start,
      end: order.end,
      latenessMinutes: order.latenessMinutes,
      release,
      materialsAvailableAt,
      steps: order.steps.map((s) => ({ resource: s.resource, start: s.start, end: s.end })),
    };
  });
}

/**
 * The local search after dispatching: an iteration budget keeps a re-plan reproducible (same
 * model, same plan); the time cap only bounds a very large plant.
 */
const IMPROVEMENT = { seed: 1, maxIterations: 3000, timeLimitMs: 2000 };

/**
 * frePPLe's runplan task: loads the plant's model, runs the finite scheduler and writes the plan
 * back (order dates and delay, resource loading), recording the task. Runs synchronously, so the
 * task is Done (or Failed) when the request returns; plans of one plant never run concurrently.
 */
@Injectable()
export class PlanService {
  private readonly logger = new Logger(PlanService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SchedulerMockConfig) private readonly config: SchedulerMockConfig,
    private readonly problems: ProblemStore,
    private readonly webhooks: WebhookService,
  ) {}

  async runPlan(plant: Plant, args: PlanArguments): Promise<TaskRecord> {
    const argumentLine = `--constraint=${args.constraint} --plantype=${args.plantype}`;
    const [task]: Array<{ id: number }> = await this.dataSource.query(
      `INSERT INTO scheduler_mock.task (plant, name, status, arguments, source, started) VALUES ($1, 'runplan', 'Running', $2, $3, now()) RETURNING id`,
      [plant.code, argumentLine, args.source ?? null],
    );
    let newProblems: ProblemRecord[] = [];
    try {
      await this.dataSource.transaction(async (em) => {
        await em.query('SELECT pg_advisory_xact_lock($1)', [advisoryKey(`scheduler_mock:plan:${plant.code}`)]);
        const model = await this.loadModel(em, plant);
        const now = new Date();
        const input = buildScheduleInput(model, { now, purchaseLeadTimeDays: this.config.purchaseLeadTimeDays });
        const result = scheduleOrders(input, { improve: IMPROVEMENT });
        const status = new Map(model.orders.map((o) => [o.reference, o.status ?? 'proposed']));
        await em.query('DELETE FROM scheduler_mock.operationplanresource WHERE plant = $1', [plant.code]);
        await this.writePlan(em, plant.code, task.id, result, status);
        newProblems = await this.problems.syncPlan(em, plant.code, task.id, deriveProblems(plannedJobs(model, input, result), now));
        await em.query(
          `UPDATE scheduler_mock.task SET status = 'Done', finished = now(), planned_orders = $2, late_orders = $3, message = $4 WHERE id = $1`,
          [task.id, result.orders.length, result.lateOrders, `Planned ${result.orders.length} manufacturing orders; ${result.lateOrders} late`],
        );
      });
      // Announced only once the plan is committed, in the background: subscribers never slow a plan down.
      this.webhooks.announceProblems(plant.code, newProblems);
    } catch (error) {
      this.logger.error(`plan of ${plant.code} failed: ${(error as Error).message}`);
      await this.dataSource.query(`UPDATE scheduler_mock.task SET status = 'Failed', finished = now(), message = $2 WHERE id = $1`, [
        task.id,
        (error as Error).message,
      ]);
    }
    return this.task(plant, task.id);
  }

  /**
   * Writes the plan in two statements whatever its size: one UPDATE of the orders from arrays, one
   * INSERT of the resource loading from arrays (in the orders' and steps' order, so the rows and
   * their ids are those a row-by-row write would give).
   */
  private async writePlan(em: EntityManager, plantCode: string, taskId: number, result: ScheduleResult, status: Map<string, string>): Promise<void> {
    if (result.orders.length > 0) {
      await em.query(
        `UPDATE scheduler_mock.manufacturingorder mo SET startdate = u.startdate, enddate = u.enddate, delay = u.delay, plan_task = $2, lastmodified = now()
         FROM unnest($3::text[], $4::timestamptz[], $5::timestamptz[], $6::float8[]) AS u(reference, startdate, enddate, delay)
         WHERE mo.plant = $1 AND mo.reference = u.reference`,
        [
          plantCode,
          taskId,
          result.orders.map((o) => o.reference),
          result.orders.map((o) => o.start),
          result.orders.map((o) => o.end),
          result.orders.map((o) => (o.end.getTime() - o.due.getTime()) / 1000),
        ],
      );
    }
    const loads = result.orders.flatMap((order) =>
      order.steps
        .filter((step) => step.resource)
        .map((step) => ({ order: order.reference, operation: step.operation, resource: step.resource, start: step.start, end: step.end })),
    );
    if (loads.length > 0) {
      await em.query(
        `INSERT INTO scheduler_mock.operationplanresource (plant, operationplan, operation, resource, quantity, startdate, enddate, status, plan_task)
         SELECT $1, u.operationplan, u.operation, u.resource, 1, u.startdate, u.enddate, u.status, $2
         FROM unnest($3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::text[])
           WITH ORDINALITY AS u(operationplan, operation, resource, startdate, enddate, status, ord)
         ORDER BY u.ord`,
        [
          plantCode,
          taskId,
          loads.map((l) => l.order),
          loads.map((l) => l.operation),
          loads.map((l) => l.resource),
          loads.map((l) => l.start),
          loads.map((l) => l.end),
          loads.map((l) => status.get(l.order)),
        ],
      );
    }
  }

  async task(plant: Plant, id: number): Promise<TaskRecord> {
    const rows: TaskRow[] = await this.dataSource.query('SELECT * FROM scheduler_mock.task WHERE plant = $1 AND id = $2', [plant.code, id]);
    if (rows.length === 0) throw FreppleApiError.notFound(`Task ${id} not found.`);
    return toTaskRecord(rows[0]);
  }

  /** The most recent tasks, newest first. */
  async tasks(plant: Plant, limit = 50): Promise<TaskRecord[]> {
    const rows: TaskRow[] = await this.dataSource.query('SELECT * FROM scheduler_mock.task WHERE plant = $1 ORDER BY id DESC LIMIT $2', [
      plant.code,
      limit,
    ]);
    return rows.map(toTaskRecord);
  }

  async hasTasks(plantCode: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM scheduler_mock.task WHERE plant = $1 LIMIT 1', [plantCode]);
    return rows.length > 0;
  }

  private async loadModel(em: EntityManager, plant: Plant): Promise<PlantModel> {
    const q = <T>(table: string, extra = ''): Promise<T[]> => em.query(`SELECT * FROM scheduler_mock.${table} WHERE plant = $1 ${extra}`, [plant.code]);
    return {
      timeZone: plant.timezone,
      calendars: await q('calendar'),
      buckets: await q('calendarbucket'),
      resources: await q('resource'),
      items: await q('item'),
      buffers: await q('buffer'),
      operations: await q('operation'),
      operationResources: await q('operationresource'),
      operationMaterials: await q('operationmaterial'),
      orders: await q('manufacturingorder', `AND status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')}) ORDER BY reference`),
    };
  }
}
