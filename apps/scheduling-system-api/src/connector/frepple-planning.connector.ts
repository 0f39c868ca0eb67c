import type { ApplySchedulerRoutingDto, SchedulerRoutingDto } from '@threadline/canonical';
import { FreppleStep, FreppleStepResource, resourcesByKind, routingToCanonical, routingWrites } from '../routings/scheduler-routing.mapper';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import {
  ApplyProductionChangeDto,
  ComponentAvailabilityDto,
  JobDto,
  NonWorkingDayDto,
  LIST_LIMITS,
  PlanRunDto,
  ProductionChangeDto,
  ResourceDto,
  ScheduleExceptionDto,
  Unit,
  UNITS,
  WorkCalendarDto,
} from '@threadline/canonical';
import { assertWithinLimit, BackendClient, BackendDialect, BackendError, BackendLimiter, HttpRequest, NotFoundError } from '@threadline/platform';
import * as calendarMapper from '../calendars/calendar.mapper';
import { ERP_CALENDAR_SOURCE, workCalendarWrites } from '../calendars/work-calendar-sync.mapper';
import * as exceptionMapper from '../exceptions/schedule-exception.mapper';
import * as jobMapper from '../jobs/job.mapper';
import * as planRunMapper from '../plan-runs/plan-run.mapper';
import * as productionChangeMapper from '../production-changes/production-change.mapper';
import * as resourceMapper from '../resources/resource.mapper';
import { SchedulingSystemApiConfig } from '../scheduling-system-api.config';
import { WebhookAuthenticationError } from '../exceptions/webhook-authentication.error';
import {
  FreppleCalendar,
  FreppleCalendarBucket,
  FreppleItem,
  FreppleManufacturingOrder,
  FreppleOperation,
  FreppleOperationMaterial,
  FreppleOperationPlanResource,
  FrepplePlant,
  FreppleProblem,
  FreppleResource,
  FreppleRunPlanResponse,
  FreppleTask,
} from './frepple-records';
import { applyFreppleMaterialAvailability } from './frepple-material-availability';
import { signatureProblem, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './frepple-webhook-signature';
import { AppliedProductionChange, AppliedWorkCalendar, ExceptionFilter, InboundWebhook, JobFilter, SchedulerConnector, SchedulerConnectorError } from './scheduler.connector';

const BACKEND = 'frePPLe';

/**
 * The SchedulerConnector over frePPLe's REST API (one instance per plant under /{plant}/).
 * Translates HTTP failures into the platform's coded errors: 404 -> NotFoundError (the plant, or
 * the object asked for), other refusals -> BackendError, no answer -> BackendUnavailableError.
 */
/** Step names asked for in one read (they travel in the URL's query). */
const STEP_NAMES_PER_READ = 50;

@Injectable()
export class FrepplePlanningConnector extends SchedulerConnector implements OnApplicationShutdown {
  private readonly http: BackendClient;
  /** Webhook administration takes scope mock:admin, which the connector's own client lacks. */
  private readonly adminHttp: BackendClient;
  private readonly timeZones = new Map<string, string>();

  constructor(@Inject(SchedulingSystemApiConfig) config: SchedulingSystemApiConfig) {
    super();
    // The scheduler's limits hold for both identities together: they share one line.
    const limits = new BackendLimiter(FREPPLE_DIALECT.backend, config.schedulerLimits);
    const client = (clientId: string, clientSecret: string): BackendClient =>
      new BackendClient({
        dialect: FREPPLE_DIALECT,
        baseUrl: config.schedulerBaseUrl,
        timeoutMs: config.schedulerTimeoutMs,
        limits,
        credentials: { tokenUrl: config.tokenUrl, clientId, clientSecret },
      });
    this.http = client(config.clientId, config.clientSecret);
    this.adminHttp = client(config.schedulerAdminClientId, config.schedulerAdminClientSecret);
  }

  /** Closes the connection pools once the app stops (after its workers): pending calls finish first. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.http.close(), this.adminHttp.close()]);
  }

  async listResources(plant: string): Promise<ResourceDto[]> {
    const records = await this.input<FreppleResource[]>(plant, 'resource');
    // Refused (502), not cut: a plant listing that silently lacks machines would plan wrong.
    return assertWithinLimit(records, LIST_LIMITS.resources, `resources of plant ${plant}`).map((r) => resourceMapper.toCanonical(r, plant));
  }

  async listJobs(plant: string, filter: JobFilter): Promise<JobDto[]> {
    const orders = await this.input<FreppleManufacturingOrder[]>(plant, 'manufacturingorder', {
      item: filter.itemNumber,
      status: filter.status ? jobMapper.statusFromCanonical(filter.status) : undefined,
      reference__gt: filter.after,
    });
    const page = orders.slice(0, filter.limit);
    if (page.length === 0) return [];
    const loads = await this.input<FreppleOperationPlanResource[]>(plant, 'operationplanresource', { operationplan__in: page.map((o) => o.reference).join(',') });
    // The steps' sequence numbers, of the steps these jobs load only (a plant has thousands).
    const names = [...new Set(loads.map((l) => l.operation))];
    const chunks = Array.from({ length: Math.ceil(names.length / STEP_NAMES_PER_READ) }, (_, i) => names.slice(i * STEP_NAMES_PER_READ, (i + 1) * STEP_NAMES_PER_READ));
    const steps = (await Promise.all(chunks.map((chunk) => this.input<FreppleOperation[]>(plant, 'operation', { type: 'time_per', name__in: chunk.join(',') })))).flat();
    const sequence = new Map(steps.map((s) => [s.name, s.priority]));
    return page.map((o) => jobMapper.toCanonical(o, loads, (op) => sequence.get(op) ?? 0, plant));
  }

  async findProductionChanges(plant: string, changeNumber: string): Promise<ProductionChangeDto[]> {
    const records = await this.input<FreppleOperationMaterial[]>(plant, 'operationmaterial', { source: changeNumber });
    if (records.length === 0) return [];
    const operations = await this.input<FreppleOperation[]>(plant, 'operation', { name__in: [...new Set(records.map((r) => r.operation))].join(',') });
    const itemOf = new Map(operations.map((o) => [o.name, o.item ?? o.name]));
    const unitOf = await this.unitsOf(plant, records.map((r) => r.item));
    const byOperation = new Map<string, FreppleOperationMaterial[]>();
    for (const r of records) byOperation.set(r.operation, [...(byOperation.get(r.operation) ?? []), r]);
    const changes = [...byOperation.entries()]
      .filter(([, list]) => list.some((r) => r.quantity < 0))
      .map(([operation, list]) => productionChangeMapper.toCanonical(list, { plant, itemNumber: itemOf.get(operation)!, unitOf }));
    // One per item's routing, and a change affects at most LIST_LIMITS.affectedItems items.
    return assertWithinLimit(changes, LIST_LIMITS.affectedItems, `production changes of ${changeNumber} in plant ${plant}`);
  }

  async applyProductionChange(plant: string, change: ApplyProductionChangeDto): Promise<AppliedProductionChange> {
    const routing = await this.routingOf(plant, change.itemNumber);
    // The routing's material lines, this change's among them when it was applied before (one read for both questions).
    const current = await this.input<FreppleOperationMaterial[]>(plant, 'operationmaterial', { operation: routing.name });
    const existing = current.filter((r) => r.source === change.changeNumber);
    const context = { plant, itemNumber: change.itemNumber };
    if (existing.some((r) => r.quantity < 0)) {
      const unitOf = await this.unitsOf(plant, existing.map((r) => r.item));
      return { change: productionChangeMapper.toCanonical(existing, { ...context, unitOf }), created: false };
    }
    await this.ensureItems(plant, change);
    const writes = productionChangeMapper.fromCanonical(change, routing.name, current);
    // One bulk request: frePPLe applies it in one transaction, so the change is all there or not at all.
    const written = await this.call<FreppleOperationMaterial[]>(plant, {
      method: 'PATCH',
      path: `${this.base(plant)}/api/input/operationmaterial/`,
      body: writes,
      idempotent: false,
    });
    const own = written.filter((r) => r.source === change.changeNumber);
    const unitOf = (item: string): Unit => change.components.find((c) => c.componentNumber === item)?.unit ?? 'EA';
    return { change: productionChangeMapper.toCanonical(own, { ...context, unitOf }), created: true };
  }

  async applyRouting(plant: string, change: ApplySchedulerRoutingDto): Promise<{ routing: SchedulerRoutingDto; created: boolean }> {
    const routing = await this.routingOf(plant, change.itemNumber);
    const context = { plant, itemNumber: change.itemNumber, changeNumber: change.changeNumber, revision: change.revision };
    const steps = await this.input<FreppleStep[]>(plant, 'operation', { owner: routing.name });
    const mine = () => this.input<FreppleStepResource[]>(plant, 'operationresource', { source: change.changeNumber });
    const kinds = async () => resourcesByKind(await this.input<FreppleStepResource[]>(plant, 'operationresource'));
    const created = !steps.some((s) => s.source === change.changeNumber);
    if (created) {
      // One bulk request per model: the steps (old ones ended, new ones added) in one transaction, then their resources.
      const writes = routingWrites(change, plant, routing, steps, await kinds());
      await this.call(plant, { method: 'PATCH', path: `${this.base(plant)}/api/input/operation/`, body: writes.operations, idempotent: false });
      await this.call(plant, { method: 'POST', path: `${this.base(plant)}/api/input/operationresource/`, body: writes.resources, idempotent: false });
    } else if ((await mine()).length === 0) {
      // An earlier attempt wrote the steps but not their resources: add them now.
      const writes = routingWrites(change, plant, routing, [], await kinds());
      await this.call(plant, { method: 'POST', path: `${this.base(plant)}/api/input/operationresource/`, body: writes.resources, idempotent: false });
    }
    const after = await this.input<FreppleStep[]>(plant, 'operation', { owner: routing.name });
    return { routing: routingToCanonical(after, await mine(), context), created };
  }

  async runPlan(plant: string, triggers: readonly string[]): Promise<PlanRunDto> {
    const launched = await this.call<FreppleRunPlanResponse>(plant, {
      method: 'POST',
      path: `${this.base(plant)}/execute/api/runplan/`,
      query: planRunMapper.fromCanonical(triggers),
      idempotent: false,
    });
    const tasks = await this.call<Record<string, FreppleTask>>(plant, { path: `${this.base(plant)}/execute/api/status/`, query: { id: launched.taskid } });
    const task = tasks[String(launched.taskid)];
    if (!task) throw new BackendError('BACKEND_ERROR', BACKEND, `task ${launched.taskid} was launched but is not listed`, { backendError: tasks });
    return planRunMapper.toCanonical(task, plant);
  }

  async latestPlanRun(plant: string): Promise<PlanRunDto | null> {
    const tasks = await this.call<Record<string, FreppleTask>>(plant, { path: `${this.base(plant)}/execute/api/status/` });
    const runs = Object.values(tasks).filter((t) => t.name === 'runplan');
    if (runs.length === 0) return null;
    const latest = runs.reduce((a, b) => (b.id > a.id ? b : a));
    return planRunMapper.toCanonical(latest, plant);
  }

  async listCalendars(plant: string): Promise<WorkCalendarDto[]> {
    const [calendars, buckets, timeZone] = await Promise.all([
      this.input<FreppleCalendar[]>(plant, 'calendar'),
      this.input<FreppleCalendarBucket[]>(plant, 'calendarbucket'),
      this.timeZoneOf(plant),
    ]);
    return assertWithinLimit(calendars, LIST_LIMITS.calendars, `work calendars of plant ${plant}`).map((c) => calendarMapper.toCanonical(c, buckets, plant, timeZone));
  }

  async listExceptions(plant: string, filter: ExceptionFilter): Promise<ScheduleExceptionDto[]> {
    const problems = await this.call<FreppleProblem[]>(plant, {
      path: `${this.base(plant)}/api/output/problem/`,
      query: {
        format: 'json',
        name: filter.kind ? exceptionMapper.kindFromCanonical(filter.kind) : undefined,
        id__gt: filter.after,
        limit: filter.limit,
      },
    });
    return problems.filter((p) => exceptionMapper.kindToCanonical(p.name)).map((p) => exceptionMapper.toCanonical(p, plant));
  }

  async reportQualityHold(plant: string, jobId: string, detail: string): Promise<ScheduleExceptionDto> {
    const problem = await this.call<FreppleProblem>(plant, {
      method: 'POST',
      path: `${this.base(plant)}/api/input/problem/`,
      body: { operationplan: jobId, description: detail },
      // The scheduler keeps one hold per order, so repeating the request changes nothing.
      idempotent: true,
    });
    return exceptionMapper.toCanonical(problem, plant);
  }

  async listPlants(): Promise<string[]> {
    const plants = await this.call<FrepplePlant[]>('*', { path: '/plants/' });
    for (const p of plants) this.timeZones.set(p.code, p.timezone);
    return plants.map((p) => p.code);
  }

  async subscribeToExceptions(plant: string, callbackUrl: string, secret: string): Promise<void> {
    await this.adminHttp.request(
      {
        method: 'POST',
        path: `${this.base(plant)}/api/webhook/`,
        body: { url: callbackUrl, secret, events: ['problem'] },
        // The scheduler keeps one subscription per URL: subscribing again updates it.
        idempotent: true,
      },
      { what: 'Plant', id: plant },
    );
  }

  readExceptionWebhook(webhook: InboundWebhook, secret: string): { plant: string; exception: ScheduleExceptionDto } {
    const header = (name: string): string | undefined => {
      const value = webhook.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const refused = signatureProblem({ signature: header(SIGNATURE_HEADER), timestamp: header(TIMESTAMP_HEADER), rawBody: webhook.rawBody }, secret);
    if (refused) throw new WebhookAuthenticationError(refused);
    const delivery = exceptionMapper.readProblemDelivery(webhook.body);
    return { plant: delivery.plant, exception: exceptionMapper.toCanonical(delivery.problem, delivery.plant) };
  }

  applyMaterialAvailability(plant: string, components: ComponentAvailabilityDto[]): Promise<{ applied: string[]; unknown: string[] }> {
    const io = { input: <T>(model: string, query: HttpRequest['query'] = {}) => this.input<T>(plant, model, query), call: <T>(request: HttpRequest) => this.call<T>(plant, request), base: this.base(plant) };
    return applyFreppleMaterialAvailability(io, plant, components);
  }

  async applyWorkCalendar(plant: string, days: NonWorkingDayDto[]): Promise<AppliedWorkCalendar> {
    const [resources, calendars, synced, timeZone] = await Promise.all([
      this.input<FreppleResource[]>(plant, 'resource'),
      this.input<FreppleCalendar[]>(plant, 'calendar'),
      this.input<FreppleCalendarBucket[]>(plant, 'calendarbucket', { source: ERP_CALENDAR_SOURCE }),
      this.timeZoneOf(plant),
    ]);
    // The shift calendars: those the plant's resources work by.
    const used = new Set(resources.map((r) => r.available));
    const targets = calendars.map((c) => c.name).filter((name) => used.has(name));
    const writes = workCalendarWrites(targets, days, timeZone, synced);
    if (writes.create.length > 0) await this.call(plant, { method: 'POST', path: `${this.base(plant)}/api/input/calendarbucket/`, body: writes.create });
    for (const id of writes.deleteIds) {
      try {
        await this.call(plant, { method: 'DELETE', path: `${this.base(plant)}/api/input/calendarbucket/${id}/`, idempotent: true });
      } catch (error) {
        // Gone already (a concurrent sync removed it): what this one wanted.
        if (!(error instanceof NotFoundError)) throw error;
      }
    }
    return { calendars: targets, nonWorkingDays: writes.wanted, changed: writes.create.length + writes.deleteIds.length > 0 };
  }

  private async timeZoneOf(plant: string): Promise<string> {
    if (!this.timeZones.has(plant)) await this.listPlants();
    const zone = this.timeZones.get(plant);
    if (!zone) throw new NotFoundError('Plant', plant);
    return zone;
  }

  private async routingOf(plant: string, itemNumber: string): Promise<FreppleOperation> {
    const routings = await this.input<FreppleOperation[]>(plant, 'operation', { item: itemNumber, type: 'routing' });
    if (routings.length === 0) throw new NotFoundError(`Routing at plant ${plant} of item`, itemNumber);
    return routings[0];
  }

  /** A component new to this plant's scheduler is added to its item master first. */
  private async ensureItems(plant: string, change: ApplyProductionChangeDto): Promise<void> {
    const numbers = [...new Set(change.components.map((c) => c.componentNumber))];
    if (numbers.length === 0) return;
    const known = await this.input<FreppleItem[]>(plant, 'item', { name__in: numbers.join(',') });
    for (const c of change.components) {
      const item = known.find((i) => i.name === c.componentNumber);
      if (item && item.uom !== c.unit) {
        throw new SchedulerConnectorError('UNIT_MISMATCH', `${c.componentNumber} is kept in ${item.uom} at plant ${plant}, the change gives ${c.unit}`, {
          componentNumber: c.componentNumber,
        });
      }
    }
    const missing = numbers.filter((n) => !known.some((i) => i.name === n));
    if (missing.length === 0) return;
    await this.call(plant, {
      method: 'POST',
      path: `${this.base(plant)}/api/input/item/`,
      body: missing.map((name) => ({
        name,
        uom: change.components.find((c) => c.componentNumber === name)!.unit,
        description: `Introduced by ${change.changeNumber}`,
        // frePPLe plans a 'buy' item against its buffers and purchase orders (material availability).
        category: change.components.find((c) => c.componentNumber === name)!.sourcing ?? null,
        source: change.changeNumber,
      })),
      idempotent: false,
    });
  }

  private async unitsOf(plant: string, items: string[]): Promise<(item: string) => Unit> {
    const records = await this.input<FreppleItem[]>(plant, 'item', { name__in: [...new Set(items)].join(',') });
    const units = new Map(records.map((r) => [r.name, r.uom]));
    return (item) => {
      const uom = units.get(item);
      return (UNITS as readonly string[]).includes(uom ?? '') ? (uom as Unit) : 'EA';
    };
  }

  private base(plant: string): string {
    return `/${encodeURIComponent(plant)}`;
  }

  private input<T>(plant: string, model: string, query: HttpRequest['query'] = {}): Promise<T> {
    return this.call<T>(plant, { path: `${this.base(plant)}/api/input/${model}/`, query: { format: 'json', ...query } });
  }

  private call<T>(plant: string, request: HttpRequest): Promise<T> {
    return this.http.send<T>(request, { what: 'Plant', id: plant });
  }
}

function detailOf(body: unknown): string {
  if (body && typeof body === 'object' && 'detail' in body) return String(body.detail);
  return typeof body === 'string' ? body : JSON.stringify(body);
}

/**
 * How frePPLe speaks when it refuses: Django REST Framework's `{"detail": ...}` or field errors, and
 * the standard status table (documented in the README). One frePPLe instance serves each plant
 * under /{plant}/, so every call names the plant as its object: a 404 is an unknown plant.
 */
export const FREPPLE_DIALECT: BackendDialect = {
  backend: BACKEND,
  messageOf: (body, status) => `${BACKEND} answered ${status}: ${detailOf(body)}`,
};
