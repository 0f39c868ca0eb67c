import { compareSchedules, ImproveOptions, improvePlan } from './schedule-improvement';
import { DispatchedPlan, Lane, ScheduledOrder, ScheduledStep, ScheduleInput, ScheduleResult, SchedulerOrder, SchedulerStep } from './schedule-model';
import { Interval } from './work-calendar';

/**
 * A finite-capacity scheduler in the spirit of frePPLe's constrained plan (constraint=15): orders
 * are dispatched by priority, then due date; each order's steps run in routing order; a resource
 * runs at most `capacity` operations at once, only in its calendar's working time (an operation
 * pauses outside it); an order's first step waits for its materials. Optionally an improvement
 * phase re-sequences the resources by local search (schedule-improvement.ts) and keeps the result
 * only when it is better. Pure: no I/O; the clock is read only under an improvement time limit.
 */

/** What callers give the scheduler and get back (schedule-model.ts). */
export type { ScheduleInput, ScheduleResult, SchedulerOrder, SchedulerResource, SchedulerStep } from './schedule-model';

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

export interface ScheduleOptions {
  /**
   * Improve the dispatched schedule by local search on the resources' sequences (see
   * schedule-improvement.ts). Absent: the plain dispatching rule.
   */
  improve?: ImproveOptions;
}

export function dispatch(input: ScheduleInput): DispatchedPlan {
  const lanes: Lane[] = [];
  const lanesOf = new Map<string, number[]>();
  for (const r of input.resources) {
    const count = Math.max(1, Math.floor(r.capacity));
    lanesOf.set(
      r.name,
      Array.from({ length: count }, () => lanes.push(new Lane(r.name, r.calendar)) - 1),
    );
  }
  const now = input.now.getTime();
  const orders: DispatchedPlan['orders'] = [];
  for (const order of dispatchSequence(input.orders)) {
    const release = Math.max(now, order.materialsAvailableAt?.getTime() ?? now);
    let ready = release;
    const steps: DispatchedPlan['orders'][number]['steps'] = [];
    for (const step of [...order.steps].sort((a, b) => a.sequence - b.sequence)) {
      const minutes = stepDurationMinutes(step, order.quantity);
      const candidates = step.resources.flatMap((name) => {
        const resourceLanes = lanesOf.get(name);
        if (!resourceLanes) throw new Error(`operation ${step.operation} loads unknown resource ${name}`);
        return resourceLanes;
      });
      if (candidates.length === 0) {
        const end = ready + minutes * MINUTE;
        steps.push({ step, minutes, lane: -1, start: ready, end });
        ready = end;
        continue;
      }
      // Alternates: the lane that finishes the step first wins; ties go to the first listed.
      let best: { lane: number; interval: Interval } | undefined;
      for (const lane of candidates) {
        const interval = lanes[lane].place(ready, minutes);
        if (!best || interval.end < best.interval.end) best = { lane, interval };
      }
      lanes[best!.lane].book(best!.interval);
      steps.push({ step, minutes, lane: best!.lane, start: best!.interval.start, end: best!.interval.end });
      ready = best!.interval.end;
    }
    orders.push({ order, release, steps });
  }
  return { now, lanes, orders };
}

/** The result of a plan whose step times are given, in dispatch order. */
export function toScheduleResult(plan: DispatchedPlan, times: Array<Array<{ start: number; end: number }>> = plan.orders.map((o) => o.steps)): ScheduleResult {
  const scheduled: ScheduledOrder[] = plan.orders.map(({ order, release, steps }, i) => {
    const scheduledSteps: ScheduledStep[] = steps.map((s, k) => ({
      operation: s.step.operation,
      sequence: s.step.sequence,
      resource: s.lane < 0 ? null : plan.lanes[s.lane].resource,
      start: new Date(times[i][k].start),
      end: new Date(times[i][k].end),
    }));
    const start = scheduledSteps.length > 0 ? scheduledSteps[0].start : new Date(release);
    const end = scheduledSteps.length > 0 ? scheduledSteps[scheduledSteps.length - 1].end : new Date(release);
    const latenessMinutes = Math.max(0, Math.round((end.getTime() - order.due.getTime()) / MINUTE));
    return { reference: order.reference, start, end, due: order.due, latenessMinutes, steps: scheduledSteps };
  });
  return { orders: scheduled, lateOrders: scheduled.filter((o) => o.latenessMinutes > 0).length };
}

/**
 * Dispatches the orders (priority, then due date) and, when asked, improves the schedule by local
 * search; the improved schedule is never worse than the dispatched one (see `compareSchedules`).
 */
export function scheduleOrders(input: ScheduleInput, options: ScheduleOptions = {}): ScheduleResult {
  const plan = dispatch(input);
  const dispatched = toScheduleResult(plan);
  if (!options.improve) return dispatched;
  const improved = toScheduleResult(plan, improvePlan(plan, options.improve));
  return compareSchedules(improved, dispatched) < 0 ? improved : dispatched;
}
