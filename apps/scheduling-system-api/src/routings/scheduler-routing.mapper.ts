import { ApplySchedulerRoutingDto, SchedulerRoutingDto } from '@threadline/canonical';
import { AppError, defineErrorCodes } from '@threadline/platform';
import { FreppleOperation } from '../connector/frepple-records';
import { durationSeconds, fromFreppleDateTime, toFreppleDateTime } from '../connector/frepple-wire';

export const SCHEDULER_ROUTING_ERRORS = defineErrorCodes({
  SCHEDULER_WORK_CENTER_UNKNOWN: {
    status: 422,
    title: 'Work centre unknown in the plant scheduler',
    description: 'The routing names a work centre the plant scheduler has no resource for (`workCenter`, `operation`)',
  },
});

/** A routing step as frePPLe keeps it, with the effectivity fields this adapter writes. */
export type FreppleStep = FreppleOperation & { description?: string | null; effective_start?: string | null; effective_end?: string | null };

export interface FreppleStepResource {
  id?: number;
  operation: string;
  resource: string;
  quantity: number;
  name: string | null;
  priority: number;
  search?: string;
  source: string | null;
}

export interface RoutingWrites {
  operations: Array<Pick<FreppleStep, 'name' | 'effective_end'> | FreppleStep>;
  resources: FreppleStepResource[];
}

/** frePPLe's duration format '[D ]HH:MM:SS' (whole seconds). */
export function toFreppleDuration(seconds: number): string {
  let rest = Math.round(Math.abs(seconds));
  const days = Math.floor(rest / 86400);
  rest -= days * 86400;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days > 0 ? `${days} ` : ''}${two(Math.floor(rest / 3600))}:${two(Math.floor((rest % 3600) / 60))}:${two(rest % 60)}`;
}

function effectiveAt(step: FreppleStep, at: number): boolean {
  const start = step.effective_start ? Date.parse(fromFreppleDateTime(step.effective_start)!) : -Infinity;
  const end = step.effective_end ? Date.parse(fromFreppleDateTime(step.effective_end)!) : Infinity;
  return start <= at && end > at;
}

/** The plant's resources per work centre kind, preferred first, as its routing steps name them (operationresource.name). */
export function resourcesByKind(records: FreppleStepResource[]): Map<string, string[]> {
  const kinds = new Map<string, string[]>();
  for (const r of [...records].sort((a, b) => a.priority - b.priority)) {
    if (!r.name) continue;
    const list = kinds.get(r.name) ?? [];
    if (!list.includes(r.resource)) list.push(r.resource);
    kinds.set(r.name, list);
  }
  return kinds;
}

/**
 * A routing change in frePPLe terms, on the item's routing operation: every step still effective
 * at the change's date ends there, and each operation of the new routing becomes a step effective
 * from that date (ending where a later change's steps start), on the plant's resources of its
 * work centre kind, with source = change number. Pure.
 */
export function routingWrites(change: ApplySchedulerRoutingDto, plant: string, routing: FreppleOperation, steps: FreppleStep[], kinds: Map<string, string[]>): RoutingWrites {
  const at = Date.parse(change.effectiveFrom);
  const effective = toFreppleDateTime(change.effectiveFrom);
  const own = steps.filter((s) => s.owner === routing.name);
  const next = own
    .filter((s) => s.effective_start && Date.parse(fromFreppleDateTime(s.effective_start)!) > at)
    .map((s) => fromFreppleDateTime(s.effective_start)!)
    .sort()[0];
  const ends = own.filter((s) => effectiveAt(s, at)).map((s) => ({ name: s.name, effective_end: effective }));
  const operations: FreppleStep[] = [];
  const resources: FreppleStepResource[] = [];
  for (const op of [...change.operations].sort((a, b) => a.sequence - b.sequence)) {
    const machines = kinds.get(op.workCenter);
    if (!machines?.length) {
      throw new AppError<keyof typeof SCHEDULER_ROUTING_ERRORS>('SCHEDULER_WORK_CENTER_UNKNOWN', `Plant ${plant} has no resource for work centre ${op.workCenter} (operation ${op.sequence})`, {
        plant,
        workCenter: op.workCenter,
        operation: op.sequence,
      });
    }
    const name = `${routing.name} - ${op.sequence} ${op.description.toLowerCase()} (${change.changeNumber})`;
    operations.push({
      name,
      type: 'time_per',
      item: routing.item,
      location: plant,
      owner: routing.name,
      priority: op.sequence,
      duration: toFreppleDuration(op.setupMinutes * 60),
      duration_per: toFreppleDuration(op.runMinutesPerUnit * 60),
      description: op.description,
      effective_start: effective,
      effective_end: next ? toFreppleDateTime(next) : null,
      source: change.changeNumber,
    });
    machines.forEach((resource, i) =>
      resources.push({ operation: name, resource, quantity: 1, name: op.workCenter, priority: i + 1, search: 'PRIORITY', source: change.changeNumber }),
    );
  }
  return { operations: [...ends, ...operations], resources };
}

/** Rebuilds the change's routing from the steps and resources that carry its number. */
export function routingToCanonical(
  steps: FreppleStep[],
  resources: FreppleStepResource[],
  context: { plant: string; itemNumber: string; changeNumber: string; revision: string },
): SchedulerRoutingDto {
  const own = steps.filter((s) => s.source === context.changeNumber).sort((a, b) => a.priority - b.priority);
  return {
    plant: context.plant,
    itemNumber: context.itemNumber,
    changeNumber: context.changeNumber,
    revision: context.revision,
    effectiveFrom: fromFreppleDateTime(own[0]?.effective_start) ?? '',
    effectiveTo: fromFreppleDateTime(own[0]?.effective_end),
    operations: own.map((s) => {
      const mine = resources.filter((r) => r.operation === s.name).sort((a, b) => a.priority - b.priority);
      return {
        sequence: s.priority,
        description: s.description ?? s.name,
        workCenter: mine[0]?.name ?? '',
        setupMinutes: (durationSeconds(s.duration) ?? 0) / 60,
        runMinutesPerUnit: (durationSeconds(s.duration_per) ?? 0) / 60,
        resources: mine.map((r) => r.resource),
      };
    }),
  };
}
