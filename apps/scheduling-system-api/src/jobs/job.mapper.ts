import { JobDto, LIST_LIMITS, ScheduledOperationDto } from '@threadline/canonical';
import { assertWithinLimit } from '@threadline/platform';
import { JobStatus } from '@threadline/canonical/scheduling/job-page.dto';
import { FreppleManufacturingOrder, FreppleMoStatus, FreppleOperationPlanResource } from '../connector/frepple-records';
import { durationSeconds, fromFreppleDateTime, toFreppleDateTime } from '../connector/frepple-wire';
import { FreppleMappingError } from '../connector/frepple-mapping.error';

const TO_CANONICAL: Record<FreppleMoStatus, JobStatus> = {
  proposed: 'created',
  approved: 'released',
  confirmed: 'in-progress',
  completed: 'completed',
  closed: 'closed',
};

export function statusToCanonical(status: FreppleMoStatus): JobStatus {
  const mapped = TO_CANONICAL[status];
  if (!mapped) throw new FreppleMappingError(`unknown frePPLe order status '${status}'`, status);
  return mapped;
}

export function statusFromCanonical(status: JobStatus): FreppleMoStatus {
  const found = (Object.entries(TO_CANONICAL) as Array<[FreppleMoStatus, JobStatus]>).find(([, c]) => c === status);
  if (!found) throw new Error(`unknown job status '${status}'`);
  return found[0];
}

/**
 * A frePPLe manufacturing order with its resource loads from the current plan. `sequenceOf` gives
 * each routing step's position (the step operation's priority in its routing).
 */
export function toCanonical(
  order: FreppleManufacturingOrder,
  loads: FreppleOperationPlanResource[],
  sequenceOf: (operation: string) => number,
  plant: string,
): JobDto {
  const delay = durationSeconds(order.delay);
  const operations: ScheduledOperationDto[] = loads
    .filter((l) => l.operationplan === order.reference)
    .map((l) => ({ sequence: sequenceOf(l.operation), resourceId: l.resource, start: fromFreppleDateTime(l.startdate)!, end: fromFreppleDateTime(l.enddate)! }))
    .sort((a, b) => a.sequence - b.sequence || a.start.localeCompare(b.start));
  // One load per routing step; a plan with more for one order is refused (502), not cut.
  assertWithinLimit(operations, LIST_LIMITS.jobOperations, `operations of job ${order.reference} in plant ${plant}`);
  return {
    id: order.reference,
    plant,
    itemNumber: order.item ?? '',
    quantity: order.quantity,
    status: statusToCanonical(order.status),
    priority: order.priority,
    dueDate: fromFreppleDateTime(order.due) ?? '',
    plannedStart: fromFreppleDateTime(order.startdate),
    plannedEnd: fromFreppleDateTime(order.enddate),
    lateHours: delay && delay > 0 ? Math.round((delay / 3600) * 100) / 100 : 0,
    operations,
  };
}

/** The writable fields of a manufacturing order for a canonical job (the plan fields are frePPLe's). */
export function fromCanonical(
  job: Pick<JobDto, 'id' | 'quantity' | 'status' | 'priority' | 'dueDate'>,
  routingOperation: string,
): Pick<FreppleManufacturingOrder, 'reference' | 'operation' | 'quantity' | 'status' | 'priority' | 'due'> {
  return {
    reference: job.id,
    operation: routingOperation,
    quantity: job.quantity,
    status: statusFromCanonical(job.status as JobStatus),
    priority: job.priority,
    due: toFreppleDateTime(job.dueDate),
  };
}
