import { Interval, WorkCalendar } from './work-calendar';

/**
 * A finite-capacity scheduler in the spirit of frePPLe's constrained plan (constraint=15): orders
 * are dispatched by priority, then due date; each order's steps run in routing order; a resource
 * runs at most `capacity` operations at once, only in its calendar's working time (an operation
 * pauses outside it); an order's first step waits for its materials. Pure: no I/O, no clock.
 */

export interface SchedulerResource {
  name: string;
  /** Operations it can run at the same time. */
  capacity: number;
  /** Absent: always available. */
  calendar?: WorkCalendar;
}

export interface SchedulerStep {
  operation: string;
  sequence: number;
  setupMinutes: number;
  runMinutesPerUnit: number;
  /** Any one of these resources can run the step (frePPLe alternates); empty: no resource needed. */
  resources: string[];
}

export interface SchedulerOrder {
  reference: string;
  quantity: number;
  /** Lower runs first. */
  priority: number;
  due: Date;
  steps: SchedulerStep[];
  /** The first step cannot start earlier. */
  materialsAvailableAt?: Date;
}

export interface ScheduleInput {
  /** Nothing starts before this instant (frePPLe's current date). */
  now: Date;
  resources: SchedulerResource[];
  orders: SchedulerOrder[];
}

export interface ScheduledStep {
  operation: string;
  sequence: number;
  /** Null when the step needs no resource. */
  resource: string | null;
  start: Date;
  end: Date;
}

export interface ScheduledOrder {
  reference: string;
  start: Date;
  end: Date;
  due: Date;
  /** Minutes the order ends after its due date; 0 when on time. */
  latenessMinutes: number;
  steps: ScheduledStep[];
}

export interface ScheduleResult {
  orders: ScheduledOrder[];
  lateOrders: number;
}

const MINUTE = 60_000;

/** The dispatching rule: priority, then due date, then reference for a stable order. */
export function dispatchSequence<T extends Pick<SchedulerOrder, 'priority' | 'due' | 'reference'>>(orders: T[]): T[] {
  return [...orders].sort(
    (a, b) => a.priority - b.priority || a.due.getTime() - b.due.getTime() || a.reference.localeCompare(b.reference),
  );
}

export function stepDurationMinutes(step: SchedulerStep, quantity: number): number {
  return step.setupMinutes + step.runMinutesPerUnit * quantity;
}

/** One unit of a resource's capacity: a timeline of busy intervals, kept sorted. */
class Lane {
  readonly busy: Interval[] = [];

  constructor(
    readonly resource: string,
    private readonly calendar: WorkCalendar | undefined,
  ) {}

  /** Earliest placement at or after `earliest` that fits in a gap of this lane (backfilling). */
  place(earliest: number, minutes: number): Interval {
    let start = this.nextWorking(earliest);
    for (;;) {
      const end = this.finish(start, minutes);
      const clash = this.busy.find((b) => b.start < end && b.end > start);
      if (!clash) return { start, end };
      start = this.nextWorking(clash.end);
    }
  }

  book(interval: Interval): void {
    this.busy.push(interval);
    this.busy.sort((a, b) => a.start - b.start);
  }

  private nextWorking(t: number): number {
    return this.calendar ? this.calendar.nextWorkingInstant(t) : t;
  }

  private finish(start: number, minutes: number): number {
    return this.calendar ? this.calendar.addWorkingTime(start, minutes) : start + minutes * MINUTE;
  }
}

export function scheduleOrders(input: ScheduleInput): ScheduleResult {
  const lanes = new Map<string, Lane[]>();
  for (const r of input.resources) {
    const count = Math.max(1, Math.floor(r.capacity));
    lanes.set(r.name, Array.from({ length: count }, () => new Lane(r.name, r.calendar)));
  }
  const now = input.now.getTime();
  const scheduled: ScheduledOrder[] = [];
  for (const order of dispatchSequence(input.orders)) {
    let ready = Math.max(now, order.materialsAvailableAt?.getTime() ?? now);
    const steps: ScheduledStep[] = [];
    for (const step of [...order.steps].sort((a, b) => a.sequence - b.sequence)) {
      const minutes = stepDurationMinutes(step, order.quantity);
      const candidates = step.resources.flatMap((name) => {
        const resourceLanes = lanes.get(name);
        if (!resourceLanes) throw new Error(`operation ${step.operation} loads unknown resource ${name}`);
        return resourceLanes;
      });
      if (candidates.length === 0) {
        const end = ready + minutes * MINUTE;
        steps.push({ operation: step.operation, sequence: step.sequence, resource: null, start: new Date(ready), end: new Date(end) });
        ready = end;
        continue;
      }
      // Alternates: the lane that finishes the step first wins; ties go to the first listed.
      let best: { lane: Lane; interval: Interval } | undefined;
      for (const lane of candidates) {
        const interval = lane.place(ready, minutes);
        if (!best || interval.end < best.interval.end) best = { lane, interval };
      }
      best!.lane.book(best!.interval);
      steps.push({
        operation: step.operation,
        sequence: step.sequence,
        resource: best!.lane.resource,
        start: new Date(best!.interval.start),
        end: new Date(best!.interval.end),
      });
      ready = best!.interval.end;
    }
    const start = steps.length > 0 ? steps[0].start : new Date(ready);
    const end = new Date(ready);
    const latenessMinutes = Math.max(0, Math.round((end.getTime() - order.due.getTime()) / MINUTE));
    scheduled.push({ reference: order.reference, start, end, due: order.due, latenessMinutes, steps });
  }
  return { orders: scheduled, lateOrders: scheduled.filter((o) => o.latenessMinutes > 0).length };
}
