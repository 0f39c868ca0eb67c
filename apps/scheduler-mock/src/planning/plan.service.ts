import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { FreppleApiError } from '../errors/frepple-api.error';
import { formatDateTime } from '../input-api/frepple-format';
import { RecordRepository } from '../input-api/record.repository';
import { Plant, PlantRepository } from '../plants/plant.repository';
import { deriveProblems, PlannedJob } from '../problems/problem-derivation';
import { ProblemRecord, ProblemService } from '../problems/problem.service';
import { WebhookService } from '../webhooks/webhook.service';
import { SchedulerMockConfig } from '../scheduler-mock.config';
import { ScheduleInput, ScheduleResult, scheduleOrders } from './finite-scheduler';
import { buildScheduleInput, PlantModel } from './plan-input';
import { PlanRepository, TaskRow } from './plan.repository';

export interface PlanArguments {
  constraint: number;
  plantype: number;
  /** Who asked for the plan, e.g. the change number that triggered it (a mock extension). */
  source?: string;
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
      materialWaits: inputs.get(order.reference)?.materialWaits,
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
    private readonly taskLog: PlanRepository,
    private readonly plants: PlantRepository,
    private readonly records: RecordRepository,
    private readonly problems: ProblemService,
    private readonly webhooks: WebhookService,
  ) {}

  async runPlan(plant: Plant, args: PlanArguments): Promise<TaskRecord> {
    const argumentLine = `--constraint=${args.constraint} --plantype=${args.plantype}`;
    const taskId = await this.taskLog.startPlanTask(plant.code, argumentLine, args.source ?? null);
    let newProblems: ProblemRecord[] = [];
    try {
      await this.dataSource.transaction(async (em) => {
        await this.plants.lockPlan(em, plant.code);
        const model = await this.loadModel(em, plant);
        const now = new Date();
        const input = buildScheduleInput(model, { now, purchaseLeadTimeDays: this.config.purchaseLeadTimeDays });
        const result = scheduleOrders(input, { improve: IMPROVEMENT });
        const status = new Map(model.orders.map((o) => [o.reference, o.status ?? 'proposed']));
        await this.writePlan(em, plant.code, taskId, result, status);
        newProblems = await this.problems.syncPlan(em, plant.code, taskId, deriveProblems(plannedJobs(model, input, result), now));
        await this.taskLog.finishTask(em, taskId, {
          plannedOrders: result.orders.length,
          lateOrders: result.lateOrders,
          message: `Planned ${result.orders.length} manufacturing orders; ${result.lateOrders} late`,
        });
      });
      // Announced only once the plan is committed, in the background: subscribers never slow a plan down.
      this.webhooks.announceProblems(plant.code, newProblems);
    } catch (error) {
      this.logger.error(`plan of ${plant.code} failed: ${(error as Error).message}`);
      await this.taskLog.failTask(taskId, (error as Error).message);
    }
    return this.task(plant, taskId);
  }

  /** The plan's order dates and delay (seconds after due), and one resource load per scheduled step. */
  private async writePlan(em: EntityManager, plantCode: string, taskId: number, result: ScheduleResult, status: Map<string, string>): Promise<void> {
    const orders = result.orders.map((o) => ({ reference: o.reference, start: o.start, end: o.end, delaySeconds: (o.end.getTime() - o.due.getTime()) / 1000 }));
    const loads = result.orders.flatMap((order) =>
      order.steps
        .filter((step) => step.resource)
        .map((step) => ({ order: order.reference, operation: step.operation, resource: step.resource, start: step.start, end: step.end, status: status.get(order.reference) })),
    );
    await this.records.writePlan(em, plantCode, taskId, orders, loads);
  }

  async task(plant: Plant, id: number): Promise<TaskRecord> {
    const row = await this.taskLog.findTask(plant.code, id);
    if (!row) throw FreppleApiError.notFound(`Task ${id} not found.`);
    return toTaskRecord(row);
  }

  /** The most recent tasks, newest first. */
  async tasks(plant: Plant, limit = 50): Promise<TaskRecord[]> {
    return (await this.taskLog.recentTasks(plant.code, limit)).map(toTaskRecord);
  }

  hasTasks(plantCode: string): Promise<boolean> {
    return this.taskLog.hasTasks(plantCode);
  }

  private async loadModel(em: EntityManager, plant: Plant): Promise<PlantModel> {
    const q = <T>(table: string): Promise<T[]> => this.records.all<T>(em, plant.code, table);
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
      purchaseOrders: (await q<NonNullable<PlantModel['purchaseOrders']>[number] & { status: string }>('purchaseorder')).filter((po) => OPEN_STATUSES.includes(po.status)),
      orders: await this.records.ordersIn(em, plant.code, OPEN_STATUSES),
    };
  }
}
