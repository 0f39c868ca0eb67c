import type { ApplySchedulerRoutingDto, SchedulerRoutingDto } from '@threadline/canonical';
import { AppError, defineErrorCodes } from '@threadline/platform';
import {
  ApplyProductionChangeDto,
  ComponentAvailabilityDto,
  ExceptionKind,
  JobDto,
  NonWorkingDayDto,
  PlanRunDto,
  ProductionChangeDto,
  ResourceDto,
  ScheduleExceptionDto,
  WorkCalendarDto,
} from '@threadline/canonical';
import { JobStatus } from '@threadline/canonical/scheduling/job-page.dto';

export interface JobFilter {
  itemNumber?: string;
  status?: JobStatus;
  /** Jobs with an id after this one, in id order. */
  after?: string;
  limit: number;
}

export interface AppliedProductionChange {
  change: ProductionChangeDto;
  /** False when the scheduler already held this change: nothing was written. */
  created: boolean;
}

export interface AppliedWorkCalendar {
  /** The calendars that hold the days. */
  calendars: string[];
  /** Day-off entries the calendars hold from ERP now. */
  nonWorkingDays: number;
  /** False when the calendars held exactly these days already. */
  changed: boolean;
}

export interface ExceptionFilter {
  kind?: ExceptionKind;
  /** Exceptions with an id after this one, in id order. */
  after?: string;
  limit: number;
}

/** An exception webhook as it arrived: headers, the body as sent (for the signature) and parsed. */
export interface InboundWebhook {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer | string | undefined;
  body: unknown;
}

/** What a scheduler adapter refuses itself, whatever the scheduler behind it would call it. */
export const SCHEDULER_CONNECTOR_ERRORS = defineErrorCodes({
  UNIT_MISMATCH: {
    status: 422,
    title: 'Unit of measure mismatch',
    description: "A component is kept in another unit in the plant's scheduler than the change gives",
  },
});

export class SchedulerConnectorError extends AppError<keyof typeof SCHEDULER_CONNECTOR_ERRORS> {}

/**
 * The port to a plant scheduler, in canonical terms. The frePPLe adapter is one implementation;
 * a customer with another APS binds its own adapter to this token and changes nothing else.
 * Every method throws NotFoundError for an unknown plant and BackendError (BACKEND_* codes)
 * when the scheduler refuses or does not answer.
 */
export abstract class SchedulerConnector {
  abstract listResources(plant: string): Promise<ResourceDto[]>;

  /** One page of jobs (limit + 1 fetched by callers that need to know whether more exist). */
  abstract listJobs(plant: string, filter: JobFilter): Promise<JobDto[]>;

  abstract findProductionChanges(plant: string, changeNumber: string): Promise<ProductionChangeDto[]>;

  /** Idempotent by change number and item: a change already present is returned, not written again. */
  abstract applyProductionChange(plant: string, change: ApplyProductionChangeDto): Promise<AppliedProductionChange>;
  /** A change's routing as steps of the item's routing from its date; created: false when the plant has it already. */
  abstract applyRouting(plant: string, change: ApplySchedulerRoutingDto): Promise<{ routing: SchedulerRoutingDto; created: boolean }>;

  /** Re-plans the plant now; the run records the changes (or pushes) it re-plans for, none for a plain re-plan. */
  abstract runPlan(plant: string, triggers: readonly string[]): Promise<PlanRunDto>;

  abstract latestPlanRun(plant: string): Promise<PlanRunDto | null>;

  abstract listCalendars(plant: string): Promise<WorkCalendarDto[]>;

  /** ERP's non-working days on the plant's shift calendars, replacing those an earlier call gave; other entries stay. */
  abstract applyWorkCalendar(plant: string, days: NonWorkingDayDto[]): Promise<AppliedWorkCalendar>;

  /** The exceptions the scheduler reports now (its latest plan, and the shop floor's holds), in id order. */
  abstract listExceptions(plant: string, filter: ExceptionFilter): Promise<ScheduleExceptionDto[]>;

  /** Idempotent per job: a job already on hold answers its hold. The scheduler announces a new one. */
  abstract reportQualityHold(plant: string, jobId: string, detail: string): Promise<ScheduleExceptionDto>;

  /** The plants the scheduler serves. */
  abstract listPlants(): Promise<string[]>;

  /** Subscribes `callbackUrl` to the plant's exceptions, signed with `secret`. Idempotent per URL. */
  abstract subscribeToExceptions(plant: string, callbackUrl: string, secret: string): Promise<void>;

  /**
   * Authenticates an exception webhook (WebhookAuthenticationError, 401, when it is not the
   * scheduler's or is stale) and reads it (InvalidWebhookPayloadError, 400).
   */
  abstract readExceptionWebhook(webhook: InboundWebhook, secret: string): { plant: string; exception: ScheduleExceptionDto };

  /**
   * Makes the plant's scheduler hold these components' stock and open supply as given (replacing
   * what it held for them); components it does not plan are left out and named. Idempotent.
   */
  abstract applyMaterialAvailability(plant: string, components: ComponentAvailabilityDto[]): Promise<{ applied: string[]; unknown: string[] }>;
}
