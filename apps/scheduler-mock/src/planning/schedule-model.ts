import { Interval, WorkCalendar } from './work-calendar';

/**
 * What the finite-capacity scheduler is given and what it answers, and the dispatched plan (lanes
 * and step times) that dispatching (finite-scheduler.ts) makes and the improvement phase
 * (schedule-improvement.ts) re-sequences: both read it, so it lives apart from either.
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
  /** Why it waits: each bought component not on hand at dispatch (only planning reads it). */
  materialWaits?: MaterialWait[];
}

/** A component an order waits for: the supply (purchase order) that covers it, or none. */
export interface MaterialWait {
  item: string;
  availableAt: Date;
  /** The purchase order whose arrival covers the need; null: nothing on order covers it. */
  supply: string | null;
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

/** One unit of a resource's capacity: a timeline of busy intervals, kept sorted by start. */
export class Lane {
  readonly busy: Interval[] = [];

  constructor(
    readonly resource: string,
    readonly calendar: WorkCalendar | undefined,
  ) {}

  /** Earliest placement at or after `earliest` that fits in a gap of this lane (backfilling). */
  place(earliest: number, minutes: number): Interval {
    let start = this.nextWorking(earliest);
    // Intervals ending at or before `start` can never clash: skip them by binary search.
    let k = this.firstEndingAfter(start);
    for (;;) {
      const end = this.finish(start, minutes);
      while (k < this.busy.length && this.busy[k].end <= start) k++;
      const clash = k < this.busy.length && this.busy[k].start < end ? this.busy[k] : undefined;
      if (!clash) return { start, end };
      start = this.nextWorking(clash.end);
    }
  }

  book(interval: Interval): void {
    // A zero-length operation holds no capacity; keeping it out keeps the busy intervals disjoint.
    if (interval.end <= interval.start) return;
    let lo = 0;
    let hi = this.busy.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.busy[mid].start <= interval.start) lo = mid + 1;
      else hi = mid;
    }
    this.busy.splice(lo, 0, interval);
  }

  nextWorking(t: number): number {
    return this.calendar ? this.calendar.nextWorkingInstant(t) : t;
  }

  finish(start: number, minutes: number): number {
    return this.calendar ? this.calendar.addWorkingTime(start, minutes) : start + minutes * MINUTE;
  }

  /** Busy intervals never overlap, so their ends are sorted too. */
  private firstEndingAfter(t: number): number {
    let lo = 0;
    let hi = this.busy.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.busy[mid].end <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Where and when the dispatcher put each step; the improvement phase starts from it. */
export interface DispatchedPlan {
  now: number;
  lanes: Lane[];
  /** In dispatch order. */
  orders: Array<{
    order: SchedulerOrder;
    /** Earliest start of the first step: now, or when the materials arrive. */
    release: number;
    steps: Array<{ step: SchedulerStep; minutes: number; lane: number; start: number; end: number }>;
  }>;
}
