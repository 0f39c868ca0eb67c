import type { AffectedItemDto, JobDto, JobRoutingImpactDto, OperationChangeDto, OperationDifferenceDto, RoutingStepDto } from '@threadline/canonical';
import { IMPACT_ROUTING_JOBS_MAX } from '@threadline/canonical';

/** Job statuses that have not started: they will be built with the routing in force when they are due. */
const NOT_STARTED = ['created', 'released'];

/**
 * The new revision's operations: the old routing with the change's operation changes applied in
 * order (an update or removal of an operation the routing lacks changes nothing; PLM refuses it
 * at release). Pure.
 */
export function applyOperationChanges(old: RoutingStepDto[], changes: OperationChangeDto[]): RoutingStepDto[] {
  const plan = new Map(old.map((o) => [o.sequence, { ...o }]));
  for (const c of changes) {
    const existing = plan.get(c.sequence);
    if (c.action === 'remove') plan.delete(c.sequence);
    else if (c.action === 'add' || !existing) {
      if (c.action === 'add' && c.description !== undefined && c.workCenter !== undefined && c.setupMinutes !== undefined && c.runMinutesPerUnit !== undefined) {
        plan.set(c.sequence, { sequence: c.sequence, description: c.description, workCenter: c.workCenter, setupMinutes: c.setupMinutes, runMinutesPerUnit: c.runMinutesPerUnit });
      }
    } else {
      plan.set(c.sequence, {
        ...existing,
        description: c.description ?? existing.description,
        workCenter: c.workCenter ?? existing.workCenter,
        setupMinutes: c.setupMinutes ?? existing.setupMinutes,
        runMinutesPerUnit: c.runMinutesPerUnit ?? existing.runMinutesPerUnit,
      });
    }
  }
  return [...plan.values()].sort((a, b) => a.sequence - b.sequence);
}

/** The operations that differ between two routings (work centre, times or text), by sequence. Pure. */
export function operationDifferences(before: RoutingStepDto[], after: RoutingStepDto[]): OperationDifferenceDto[] {
  const sequences = [...new Set([...before, ...after].map((o) => o.sequence))].sort((a, b) => a - b);
  const differences: OperationDifferenceDto[] = [];
  for (const sequence of sequences) {
    const was = before.find((o) => o.sequence === sequence) ?? null;
    const is = after.find((o) => o.sequence === sequence) ?? null;
    if (!was) differences.push({ sequence, change: 'added', before: null, after: is });
    else if (!is) differences.push({ sequence, change: 'removed', before: was, after: null });
    else if (was.workCenter !== is.workCenter || was.setupMinutes !== is.setupMinutes || was.runMinutesPerUnit !== is.runMinutesPerUnit || was.description !== is.description) {
      differences.push({ sequence, change: 'changed', before: was, after: is });
    }
  }
  return differences;
}

/**
 * The plant's scheduled jobs whose operations the change alters: jobs of an item with operation
 * changes that have not started and are due on or after the plant's effective date (the scheduler
 * builds those with the new revision's routing), with the operations that differ; by due date,
 * capped. Undefined when the change alters no routing (the field stays absent). Pure.
 */
export function routingChangedJobs(input: {
  affectedItems: AffectedItemDto[];
  /** The old revision's routing of each item with operation changes (from PLM); absent: none known. */
  oldRoutings: Record<string, RoutingStepDto[]>;
  effectiveFrom: string;
  jobs: JobDto[];
}): JobRoutingImpactDto[] | undefined {
  const changed = input.affectedItems.filter((a) => (a.operationChanges ?? []).length > 0);
  if (changed.length === 0) return undefined;
  const from = Date.parse(input.effectiveFrom);
  const differences = new Map(
    changed.map((a) => {
      const old = input.oldRoutings[a.itemNumber] ?? [];
      return [a.itemNumber, operationDifferences(old, applyOperationChanges(old, a.operationChanges ?? []))] as const;
    }),
  );
  return input.jobs
    .filter((j) => (differences.get(j.itemNumber)?.length ?? 0) > 0 && NOT_STARTED.includes(j.status) && Date.parse(j.dueDate) >= from)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id))
    .slice(0, IMPACT_ROUTING_JOBS_MAX)
    .map((j) => ({ jobId: j.id, itemNumber: j.itemNumber, dueDate: j.dueDate, plannedStart: j.plannedStart, operations: differences.get(j.itemNumber)! }));
}
