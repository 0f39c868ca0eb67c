import { dispatchSequence, scheduleOrders, ScheduleInput, SchedulerOrder, SchedulerResource, stepDurationMinutes } from './finite-scheduler';
import { WorkCalendar } from './work-calendar';

const MON_FRI = [false, true, true, true, true, true, false];

/** One shift Mon-Fri 06:00-14:00 UTC, and a holiday on Wednesday 2026-12-09. */
function oneShift(): WorkCalendar {
  return new WorkCalendar({
    name: 'ONE-SHIFT',
    defaultValue: 0,
    timeZone: 'UTC',
    buckets: [
      { startdate: null, enddate: null, value: 1, priority: 10, weekdays: MON_FRI, startMinute: 360, endMinute: 840 },
      {
        startdate: new Date('2026-12-09T00:00:00Z'),
        enddate: new Date('2026-12-10T00:00:00Z'),
        value: 0,
        priority: 1,
        weekdays: [true, true, true, true, true, true, true],
        startMinute: 0,
        endMinute: 1440,
      },
    ],
  });
}

function anOrder(overrides: Partial<SchedulerOrder> = {}): SchedulerOrder {
  return {
    reference: 'MO-1',
    quantity: 10,
    priority: 5,
    due: new Date('2026-12-31T00:00:00Z'),
    steps: [
      { operation: 'machining', sequence: 10, setupMinutes: 45, runMinutesPerUnit: 12, resources: ['CNC'] },
      { operation: 'assembly', sequence: 20, setupMinutes: 30, runMinutesPerUnit: 20, resources: ['ASSY'] },
    ],
    ...overrides,
  };
}

function plant(resources: Partial<SchedulerResource>[] = []): SchedulerResource[] {
  const calendar = oneShift();
  const base: SchedulerResource[] = [
    { name: 'CNC', capacity: 1, calendar },
    { name: 'ASSY', capacity: 1, calendar },
  ];
  return [...base, ...resources.map((r) => ({ capacity: 1, calendar, name: 'X', ...r }))];
}

const NOW = new Date('2026-12-07T00:00:00Z'); // a Monday

/** Checks everything a feasible schedule must satisfy; returns nothing, throws on the first violation. */
function assertFeasible(input: ScheduleInput, result: ReturnType<typeof scheduleOrders>): void {
  const calendars = new Map(input.resources.map((r) => [r.name, r]));
  const byResource = new Map<string, Array<{ start: number; end: number }>>();
  for (const order of result.orders) {
    const source = input.orders.find((o) => o.reference === order.reference)!;
    expect(order.steps).toHaveLength(source.steps.length);
    for (let i = 0; i < order.steps.length; i++) {
      const step = order.steps[i];
      expect(step.start.getTime()).toBeGreaterThanOrEqual(input.now.getTime());
      if (i > 0) expect(step.start.getTime()).toBeGreaterThanOrEqual(order.steps[i - 1].end.getTime());
      if (i === 0 && source.materialsAvailableAt) expect(step.start.getTime()).toBeGreaterThanOrEqual(source.materialsAvailableAt.getTime());
      const definition = source.steps.find((s) => s.sequence === step.sequence)!;
      const calendar = calendars.get(step.resource!)!.calendar!;
      expect(calendar.isWorking(step.start.getTime())).toBe(true);
      expect(calendar.isWorking(step.end.getTime() - 1)).toBe(true);
      expect(calendar.workingMinutesBetween(step.start.getTime(), step.end.getTime())).toBe(stepDurationMinutes(definition, source.quantity));
      const list = byResource.get(step.resource!) ?? [];
      list.push({ start: step.start.getTime(), end: step.end.getTime() });
      byResource.set(step.resource!, list);
    }
  }
  for (const [name, intervals] of byResource) {
    const capacity = calendars.get(name)!.capacity;
    for (const a of intervals) {
      const overlapping = intervals.filter((b) => b.start < a.end && b.end > a.start);
      expect(overlapping.length).toBeLessThanOrEqual(capacity);
    }
  }
}

describe('scheduleOrders', () => {
  it('runs the steps in routing order, in working time, each for its setup plus run time', () => {
    const input: ScheduleInput = { now: NOW, resources: plant(), orders: [anOrder()] };
    const result = scheduleOrders(input);
    const [order] = result.orders;
    // Machining: 45 + 12 x 10 = 165 min from Monday 06:00; assembly 30 + 200 = 230 min right after.
    expect(order.steps.map((s) => [s.operation, s.start.toISOString(), s.end.toISOString()])).toEqual([
      ['machining', '2026-12-07T06:00:00.000Z', '2026-12-07T08:45:00.000Z'],
      ['assembly', '2026-12-07T08:45:00.000Z', '2026-12-07T12:35:00.000Z'],
    ]);
    assertFeasible(input, result);
  });

  it('never overlaps two operations on a resource and queues by priority, then due date', () => {
    const orders = [
      anOrder({ reference: 'MO-LOW', priority: 9, due: new Date('2026-12-08T00:00:00Z') }),
      anOrder({ reference: 'MO-LATE-DUE', priority: 1, due: new Date('2026-12-20T00:00:00Z') }),
      anOrder({ reference: 'MO-EARLY-DUE', priority: 1, due: new Date('2026-12-10T00:00:00Z') }),
    ];
    expect(dispatchSequence(orders).map((o) => o.reference)).toEqual(['MO-EARLY-DUE', 'MO-LATE-DUE', 'MO-LOW']);
    const input: ScheduleInput = { now: NOW, resources: plant(), orders };
    const result = scheduleOrders(input);
    assertFeasible(input, result);
    const first = (ref: string) => result.orders.find((o) => o.reference === ref)!.steps[0].start.getTime();
    expect(first('MO-EARLY-DUE')).toBeLessThan(first('MO-LATE-DUE'));
    expect(first('MO-LATE-DUE')).toBeLessThan(first('MO-LOW'));
  });

  it('pauses an operation over the night and skips the holiday', () => {
    // Machining 45 + 12 x 60 = 765 min: Mon 480, Tue 285 min; assembly 30 + 1200 = 1230 min skips Wed.
    const input: ScheduleInput = { now: NOW, resources: plant(), orders: [anOrder({ quantity: 60 })] };
    const result = scheduleOrders(input);
    assertFeasible(input, result);
    const [machining, assembly] = result.orders[0].steps;
    expect(machining.end.toISOString()).toBe('2026-12-08T10:45:00.000Z');
    // Tue 10:45-14:00 = 195, Thu 480, Fri 480 -> 1155, 75 min more on Monday 14th.
    expect(assembly.end.toISOString()).toBe('2026-12-14T07:15:00.000Z');
  });

  it('waits for materials before the first step', () => {
    const input: ScheduleInput = {
      now: NOW,
      resources: plant(),
      orders: [anOrder({ materialsAvailableAt: new Date('2026-12-10T09:30:00Z') })],
    };
    const result = scheduleOrders(input);
    assertFeasible(input, result);
    expect(result.orders[0].start.toISOString()).toBe('2026-12-10T09:30:00.000Z');
  });

  it('uses alternate machines and a resource capacity above one', () => {
    const resources = plant([{ name: 'CNC-2' }, { name: 'TEST', capacity: 2 }]);
    const orders = ['A', 'B', 'C'].map((ref) =>
      anOrder({
        reference: ref,
        steps: [
          { operation: 'machining', sequence: 10, setupMinutes: 30, runMinutesPerUnit: 10, resources: ['CNC', 'CNC-2'] },
          { operation: 'test', sequence: 20, setupMinutes: 0, runMinutesPerUnit: 30, resources: ['TEST'] },
        ],
      }),
    );
    const input: ScheduleInput = { now: NOW, resources, orders };
    const result = scheduleOrders(input);
    assertFeasible(input, result);
    const [a, b, c] = result.orders;
    expect(new Set([a.steps[0].resource, b.steps[0].resource])).toEqual(new Set(['CNC', 'CNC-2']));
    expect(a.steps[0].start).toEqual(b.steps[0].start);
    // Both tests run side by side on the capacity-2 test bench.
    expect(a.steps[1].start).toEqual(b.steps[1].start);
    expect(c.steps[0].start.getTime()).toBe(a.steps[0].end.getTime());
  });

  it('reports lateness against the due date', () => {
    const orders = [
      anOrder({ reference: 'ON-TIME', priority: 1, due: new Date('2026-12-07T14:00:00Z') }),
      // Queued behind ON-TIME, it cannot finish by 12:00 on Monday.
      anOrder({ reference: 'LATE', priority: 2, due: new Date('2026-12-07T12:00:00Z') }),
    ];
    const result = scheduleOrders({ now: NOW, resources: plant(), orders });
    const onTime = result.orders.find((o) => o.reference === 'ON-TIME')!;
    const late = result.orders.find((o) => o.reference === 'LATE')!;
    expect(onTime.latenessMinutes).toBe(0);
    expect(late.latenessMinutes).toBe((late.end.getTime() - Date.parse('2026-12-07T12:00:00Z')) / 60_000);
    expect(late.latenessMinutes).toBeGreaterThan(0);
    expect(result.lateOrders).toBe(1);
  });

  it('refuses a step that loads a resource the plant does not have', () => {
    const order = anOrder({ steps: [{ operation: 'x', sequence: 10, setupMinutes: 0, runMinutesPerUnit: 1, resources: ['NOPE'] }] });
    expect(() => scheduleOrders({ now: NOW, resources: plant(), orders: [order] })).toThrow(/unknown resource NOPE/);
  });
});
