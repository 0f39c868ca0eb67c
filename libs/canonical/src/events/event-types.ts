import type { MaterialAvailabilityChangeDto } from '../erp/erp-changes.dto';
import type { WorkOrderDto } from '../erp/plant-item.dto';
import type { PurchaseOrderImpactDto } from '../process/change-impact.dto';
import type { EngineeringChangeDto } from '../plm/engineering-change.dto';
import type { ReleasedItemDto } from '../process/engineering-release.dto';
import type { ScheduleExceptionDto } from '../scheduling/schedule-exception.dto';

/** Event types, versioned: a breaking payload change gets a new `.vN`. */
export const EventTypes = {
  EngineeringChangeReleased: 'threadline.plm.engineering-change.released.v1',
  EngineeringReleaseStarted: 'threadline.process.engineering-release.started.v1',
  EngineeringReleaseCompleted: 'threadline.process.engineering-release.completed.v1',
  EngineeringReleaseFailed: 'threadline.process.engineering-release.failed.v1',
  PlantRolloutCompleted: 'threadline.process.plant-rollout.completed.v1',
  ScheduleExceptionRaised: 'threadline.scheduling.exception.raised.v1',
  ExceptionCaseOpened: 'threadline.process.exception-case.opened.v1',
  ExceptionCaseResolved: 'threadline.process.exception-case.resolved.v1',
  WorkOrderChanged: 'threadline.erp.work-order.changed.v1',
  MaterialAvailabilityChanged: 'threadline.erp.material-availability.changed.v1',
  EngineeringReleaseImpactAssessed: 'threadline.process.engineering-release.impact-assessed.v1',
  ReleaseTransitioned: 'threadline.process.engineering-release.transitioned.v1',
  IntegrationHealthReported: 'threadline.process.integration-health.reported.v1',
} as const;

export const EventSources = {
  PlmSystemApi: '/threadline/plm-system-api',
  ErpSystemApi: '/threadline/erp-system-api',
  ProcessApi: '/threadline/process-api',
  SchedulingSystemApi: '/threadline/scheduling-system-api',
} as const;

export interface ScheduleExceptionRaisedV1 {
  exception: ScheduleExceptionDto;
}

/** A work order changed in ERP (status, flag, hold), as the ERP system API's change feed read it. */
export interface WorkOrderChangedV1 {
  /** The order as it is after the change. */
  workOrder: WorkOrderDto;
  /** ERP's time of that change (its LastChangeDateTime): with plant and number, what the event id derives from. */
  changedAt: string;
}

/** ERP changed what is available of an item in a plant (a purchase order line, a goods movement), as the ERP system API's change feed read it. */
export interface MaterialAvailabilityChangedV1 {
  change: MaterialAvailabilityChangeDto;
}

export interface EngineeringChangeReleasedV1 {
  change: EngineeringChangeDto;
}

export interface EngineeringReleaseStartedV1 {
  releaseId: string;
  changeNumber: string;
  title: string;
  targetPlants: string[];
  items: ReleasedItemDto[];
  startedAt: string;
  /** When PLM released the change (where lead time starts); absent on events published before it was carried. */
  plmReleasedAt?: string | null;
}

export interface PlantRolloutCompletedV1 {
  releaseId: string;
  changeNumber: string;
  plant: string;
  items: ReleasedItemDto[];
  lateJobs: number;
  /** When the change takes effect in the plant (after its frozen horizon). */
  effectiveFrom: string | null;
  /** Open work orders on the old revision, flagged for review. */
  impactedWorkOrders: string[];
  completedAt: string;
}

export interface EngineeringReleaseCompletedV1 {
  releaseId: string;
  changeNumber: string;
  completedAt: string;
}

export interface EngineeringReleaseFailedV1 {
  releaseId: string;
  changeNumber: string;
  reason: string;
  failedAt: string;
}

export interface ExceptionCaseOpenedV1 {
  caseId: string;
  plant: string;
  kind: string;
  severity: string;
  owner: string;
  itemNumber: string;
  workOrderNumber: string | null;
  changeNumber: string | null;
  openedAt: string;
}

export interface ExceptionCaseResolvedV1 {
  caseId: string;
  plant: string;
  resolution: string;
  resolvedBy: string;
  resolvedAt: string;
}

/** One plant's orders still on the outgoing revision when the change was assessed. */
export interface PlantImpactedOrdersV1 {
  plant: string;
  effectiveFrom: string;
  workOrders: {
    /** Every open work order on the outgoing revision. */
    total: number;
    byStatus: Record<string, number>;
    /** The first LIST_LIMITS.impactWorkOrderNumbers of them by number. */
    numbers: string[];
  };
  /** Open purchase order lines of the outgoing components: the first LIST_LIMITS.impactPurchaseOrders. */
  purchaseOrders: PurchaseOrderImpactDto[];
  /** Every such line. */
  purchaseOrdersTotal: number;
}

/** The release's impact was assessed (IMPACT_ASSESSED): the orders on the old revision per plant, with their totals. */
export interface EngineeringReleaseImpactAssessedV1 {
  releaseId: string;
  changeNumber: string;
  /** The items the change moves from one revision to another: which revision is the old one. */
  items: ReleasedItemDto[];
  assessedAt: string;
  plants: PlantImpactedOrdersV1[];
}

/**
 * A release (plant null) or one plant's rollout moved from one state to another: the same row the
 * release's history shows, so read models can time each stage and say what the release waits for.
 */
export interface ReleaseTransitionedV1 {
  releaseId: string;
  changeNumber: string;
  /** Null for the release's own transitions. */
  plant: string | null;
  from: string | null;
  to: string;
  actor: string;
  reason: string;
  at: string;
  /** A rollout waiting for its plant's release window: when the window opens. */
  notBefore?: string | null;
  /** A rollout: when the change takes effect in the plant. */
  effectiveFrom?: string | null;
}

/** One backend (a system API the process API calls) at one plant (null: calls naming no plant) over one report period. */
export interface BackendHealthV1 {
  backend: string;
  plant: string | null;
  /** HTTP calls made in the period (each retry of a call counts). */
  calls: number;
  /** Calls that failed: no answer, a timeout, 429 or 5xx. */
  failedCalls: number;
  /** Of those, calls that found the backend unavailable: no answer, a timeout, 429, 502, 503 or 504. */
  unavailableCalls: number;
  /** Steps (jobs or event handlings) retrying now because of this backend. */
  retryingSteps: number;
  /** When the oldest of those first failed. */
  oldestRetrySince: string | null;
  /** Dead letters of this backend not yet replayed or discarded. */
  deadLetters: number;
  /** The error class of the newest retrying step or dead letter (backend-unavailable, refused, ...). */
  lastErrorClass: string | null;
}

/**
 * Every report period the process API reports its calls to each backend per plant and the failing
 * steps waiting on each: counters (calls) cover the period, gauges (steps) are as of `reportedAt`.
 * Only pairs with calls or failing steps are listed, and a report is only sent when something is
 * listed or the previous report listed failing steps (so a recovery is reported too).
 */
export interface IntegrationHealthReportedV1 {
  /** The reporting process API instance (several may share a database). */
  reporter: string;
  periodStart: string;
  reportedAt: string;
  backends: BackendHealthV1[];
}
