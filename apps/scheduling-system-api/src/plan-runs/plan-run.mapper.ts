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
  // One run may re-plan for several changes: the task's source names them ("ECN-1,ECN-2 (+5)").
  const triggers = triggersOf(task.source);
  return {
    id: String(task.id),
    plant,
    status: statusToCanonical(task.status),
    startedAt: fromFreppleDateTime(task.started ?? task.submitted) ?? '',
    finishedAt: fromFreppleDateTime(task.finished),
    jobsPlanned: task.planned_orders ?? 0,
    lateJobs: task.late_orders ?? 0,
    trigger: triggers.listed[0] ?? null,
    triggers: triggers.listed,
    triggerCount: triggers.count,
  };
}

/** The runplan request for a canonical re-plan: a constrained plan (all constraints) tagged with its triggers. */
export function fromCanonical(triggers: readonly string[]): Record<string, string | number | undefined> {
  return { constraint: 15, plantype: 1, source: planSource(triggers) ?? undefined };
}

/** The scheduler keeps a task's source up to this many characters (its runplan refuses more). */
export const PLAN_SOURCE_MAX = 300;

/**
 * The runplan source naming the triggers a run serves, in arrival order: as many as fit in
 * PLAN_SOURCE_MAX, then how many more ("ECN-1,ECN-2 (+5)"); null when none names itself.
 */
export function planSource(triggers: readonly string[]): string | null {
  const named = [...new Set(triggers)];
  for (let listed = named.length; listed > 0; listed--) {
    const rest = named.length - listed;
    const text = named.slice(0, listed).join(',') + (rest > 0 ? ` (+${rest})` : '');
    if (text.length <= PLAN_SOURCE_MAX) return text;
  }
  return null;
}

/** The triggers a run's source names, and how many it served in all (the inverse of planSource). */
export function triggersOf(source: string | null | undefined): { listed: string[]; count: number } {
  if (!source) return { listed: [], count: 0 };
  const more = / \(\+(\d+)\)$/.exec(source);
  const listed = (more ? source.slice(0, more.index) : source).split(',').filter(Boolean);
  return { listed, count: listed.length + (more ? Number(more[1]) : 0) };
}
