import { PlanRunDto } from '@threadline/canonical';
import { FreppleTask } from '../connector/frepple-records';
import { fromFreppleDateTime } from '../connector/frepple-wire';

function statusToCanonical(status: string): PlanRunDto['status'] {
  if (status === 'Done') return 'finished';
  if (status === 'Failed' || status === 'Canceled') return 'failed';
  // Waiting, Running and frePPLe's progress percentages ('45%').
  return 'running';
}

export function toCanonical(task: FreppleTask, plant: string): PlanRunDto {
  return {
    id: String(task.id),
    plant,
    status: statusToCanonical(task.status),
    startedAt: fromFreppleDateTime(task.started ?? task.submitted) ?? '',
    finishedAt: fromFreppleDateTime(task.finished),
    jobsPlanned: task.planned_orders ?? 0,
    lateJobs: task.late_orders ?? 0,
    trigger: task.source ?? null,
  };
}

/** The runplan request for a canonical re-plan: a constrained plan (all constraints) tagged with its trigger. */
export function fromCanonical(trigger: string | null): Record<string, string | number | undefined> {
  return { constraint: 15, plantype: 1, source: trigger ?? undefined };
}
