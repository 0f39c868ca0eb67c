import type { WorkOrderDto } from '../erp/plant-item.dto';
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
