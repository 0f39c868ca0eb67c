import type { DispatchedPlan, ScheduleResult } from './schedule-model';
import type { WorkCalendar } from './work-calendar';
import { JobShopProblem, MachineSequences, SearchOptions, tabuSearch } from './job-shop-search';

/**
 * The improvement phase after dispatching: each step keeps the resource unit (lane) the dispatcher
 * chose, the order of the steps on each lane is improved by a tabu search on the plain job-shop
 * core (see `timeAxis`; the objective is the latest end, or with
 * due dates the maximum lateness), and the best sequences are timed again
 * with the calendar-aware decoder, so working time, capacity, routing order and material dates
 * hold exactly as in dispatching.
 */

/** How long the improvement phase searches: the tabu search's own options. */
export type ImproveOptions = SearchOptions;

const MINUTE = 60_000;
/** plan-input's due date for orders without one is 8.64e15; anything this far out counts as none. */
const NO_DUE_DATE = 8e15;
/** Calendars look 400 days ahead at most; dates farther out stay in calendar minutes. */
const HORIZON = 300 * 86_400_000;

/**
 * The core's time axis. When every loaded resource works by one calendar (a plant calendar), its
 * working minutes: exact. Without calendars, minutes. With several calendars no single axis is
 * exact; then each step lasts its dispatched elapsed time, nights included, and instants stay in
 * calendar minutes, an approximation the caller's comparison guards.
 */
function timeAxis(plan: DispatchedPlan): { calendar?: WorkCalendar; elapsed: boolean } {
  const calendars = new Set(plan.orders.flatMap((o) => o.steps.filter((s) => s.lane >= 0).map((s) => plan.lanes[s.lane].calendar)));
  if (calendars.size > 1) return { elapsed: true };
  const [calendar] = calendars;
  return { calendar, elapsed: false };
}

function minutesUntil(plan: DispatchedPlan, calendar: WorkCalendar | undefined, at: number): number {
  if (!calendar || at <= plan.now || at - plan.now > HORIZON) return (at - plan.now) / MINUTE;
  return calendar.workingMinutesBetween(plan.now, at);
}

export interface ScheduleCost {
  lateOrders: number;
  latenessMinutes: number;
  /** The last step's end, epoch milliseconds. */
  lastEnd: number;
}

export function scheduleCost(result: ScheduleResult): ScheduleCost {
  let latenessMinutes = 0;
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const order of result.orders) {
    latenessMinutes += order.latenessMinutes;
    if (order.end.getTime() > lastEnd) lastEnd = order.end.getTime();
  }
  return { lateOrders: result.lateOrders, latenessMinutes, lastEnd };
}

/**
 * Which schedule is better: fewer late orders, then less total lateness, then an earlier end of
 * the last step. Negative when `a` is better, positive when `b` is, 0 when equal.
 */
export function compareSchedules(a: ScheduleResult, b: ScheduleResult): number {
  const x = scheduleCost(a);
  const y = scheduleCost(b);
  return x.lateOrders - y.lateOrders || x.latenessMinutes - y.latenessMinutes || x.lastEnd - y.lastEnd;
}

interface Operations {
  problem: JobShopProblem;
  /** Operation id of each order's steps, in dispatch order. */
  ids: number[][];
  /** Per lane, its operations in the dispatcher's order. */
  sequences: MachineSequences;
}

/** The plan as a job-shop: one operation per step, one machine per lane. */
export function toJobShop(plan: DispatchedPlan): Operations {
  const total = plan.orders.reduce((sum, o) => sum + o.steps.length, 0);
  const duration = new Float64Array(total);
  const machine = new Int32Array(total);
  const jobPrev = new Int32Array(total).fill(-1);
  const jobNext = new Int32Array(total).fill(-1);
  const release = new Float64Array(total);
  const sequences: MachineSequences = plan.lanes.map(() => []);
  const starts = new Float64Array(total);
  const ids: number[][] = [];
  // Due dates become delivery times of the last steps: the core then minimises the maximum lateness
  // (orders without a due date count as due with the latest one).
  const axis = timeAxis(plan);
  const dueMinutes = plan.orders.map(({ order, steps }) =>
    steps.length > 0 && order.due.getTime() < NO_DUE_DATE ? minutesUntil(plan, axis.calendar, order.due.getTime()) : Number.NaN,
  );

  const latestDue = Math.max(0, ...dueMinutes.filter((m) => !Number.isNaN(m)));
  const delivery = new Float64Array(total);
  let id = 0;
  for (const [j, { release: at, steps }] of plan.orders.entries()) {
    const orderIds: number[] = [];
    steps.forEach((s, k) => {
      duration[id] = axis.elapsed ? (s.end - s.start) / MINUTE : s.minutes;
      machine[id] = s.lane;
      starts[id] = s.start;
      if (k > 0) {
        jobPrev[id] = id - 1;
        jobNext[id - 1] = id;
      } else if (at > plan.now) {
        release[id] = minutesUntil(plan, axis.calendar, at);
      }
      if (s.lane >= 0) sequences[s.lane].push(id);
      orderIds.push(id++);
    });
    if (orderIds.length > 0 && !Number.isNaN(dueMinutes[j])) delivery[id - 1] = latestDue - dueMinutes[j];
    ids.push(orderIds);
  }
  for (const seq of sequences) seq.sort((a, b) => starts[a] - starts[b] || a - b);
  return { problem: { duration, machine, jobPrev, jobNext, release, delivery, machines: plan.lanes.length, jobs: plan.orders.length }, ids, sequences };
}

/**
 * Times every step as early as its job predecessor, its lane predecessor, the order's release and
 * its resource's working time allow (a semi-active schedule of the given lane sequences).
 */
export function timeSequences(plan: DispatchedPlan, ops: Operations, sequences: MachineSequences): Array<Array<{ start: number; end: number }>> {
  const { jobPrev, jobNext, machine } = ops.problem;
  const n = machine.length;
  const machinePrev = new Int32Array(n).fill(-1);
  const machineNext = new Int32Array(n).fill(-1);
  for (const seq of sequences) {
    for (let i = 1; i < seq.length; i++) {
      machinePrev[seq[i]] = seq[i - 1];
      machineNext[seq[i - 1]] = seq[i];
    }
  }
  const releaseAt = new Float64Array(n);
  const minutes = new Float64Array(n);
  plan.orders.forEach((o, i) => {
    releaseAt[ops.ids[i][0]] = o.release;
    o.steps.forEach((s, k) => (minutes[ops.ids[i][k]] = s.minutes));
  });
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const indegree = new Int32Array(n);
  const queue: number[] = [];
  for (let i = 0; i < n; i++) {
    indegree[i] = (jobPrev[i] >= 0 ? 1 : 0) + (machinePrev[i] >= 0 ? 1 : 0);
    if (indegree[i] === 0) queue.push(i);
  }
  for (let k = 0; k < queue.length; k++) {
    const i = queue[k];
    let ready = jobPrev[i] >= 0 ? end[jobPrev[i]] : releaseAt[i];
    if (machinePrev[i] >= 0 && end[machinePrev[i]] > ready) ready = end[machinePrev[i]];
    const lane = machine[i] >= 0 ? plan.lanes[machine[i]] : undefined;
    start[i] = lane ? lane.nextWorking(ready) : ready;
    end[i] = lane ? lane.finish(start[i], minutes[i]) : ready + minutes[i] * MINUTE;
    for (const next of [jobNext[i], machineNext[i]]) if (next >= 0 && --indegree[next] === 0) queue.push(next);
  }
  if (queue.length < n) throw new Error('the improved sequences contradict the routing order');
  return ops.ids.map((orderIds) => orderIds.map((i) => ({ start: start[i], end: end[i] })));
}

/** Step times of the improved plan (in the plan's order); the caller keeps whichever is better. */
export function improvePlan(plan: DispatchedPlan, options: ImproveOptions): Array<Array<{ start: number; end: number }>> {
  const ops = toJobShop(plan);
  const result = tabuSearch(ops.problem, ops.sequences, options);
  return timeSequences(plan, ops, result.sequences);
}
