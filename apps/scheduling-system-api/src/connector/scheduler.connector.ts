import { ApplyProductionChangeDto, JobDto, PlanRunDto, ProductionChangeDto, ResourceDto } from '@threadline/canonical';
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

/**
 * The port to a plant scheduler, in canonical terms. The frePPLe adapter is one implementation;
 * a customer with another APS binds its own adapter to this token and changes nothing else.
 * Every method throws NotFoundError for an unknown plant and BackendError /
 * BackendUnavailableError when the scheduler refuses or does not answer.
 */
export abstract class SchedulerConnector {
  abstract listResources(plant: string): Promise<ResourceDto[]>;

  /** One page of jobs (limit + 1 fetched by callers that need to know whether more exist). */
  abstract listJobs(plant: string, filter: JobFilter): Promise<JobDto[]>;

  abstract findProductionChanges(plant: string, changeNumber: string): Promise<ProductionChangeDto[]>;

  /** Idempotent by change number and item: a change already present is returned, not written again. */
  abstract applyProductionChange(plant: string, change: ApplyProductionChangeDto): Promise<AppliedProductionChange>;

  abstract runPlan(plant: string, trigger: string | null): Promise<PlanRunDto>;

  abstract latestPlanRun(plant: string): Promise<PlanRunDto | null>;
}
