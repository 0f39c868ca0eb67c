/**
 * `npm run bench:scheduler`: schedule quality and speed of scheduler-mock's finite scheduler with
 * its improvement phase. Runs the OR-Library job-shop instances (ft06/10/20, la01-40, orb01-10)
 * through `scheduleOrders` exactly as the product calls it, checks every schedule for feasibility
 * (fails loudly otherwise) and prints makespan, optimum, gap and time per instance; then a
 * plant-sized case (2,000 orders of 8 steps on 40 resources with shift calendars and a holiday).
 * The last line is `scheduler: mean gap G% over N instances, max T ms`.
 *
 * Env: JOBSHOP_DIR (default ../shared/data/jobshop from the repo root), SCHEDULER_BENCH_BUDGET_MS
 * (search time per instance, default 800), SCHEDULER_BENCH_INSTANCES (comma list, to run a few).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ScheduleInput, ScheduleResult, scheduleOrders, SchedulerOrder, SchedulerResource, stepDurationMinutes } from '../../apps/scheduler-mock/src/planning/finite-scheduler';
import { seededRandom } from '../../apps/scheduler-mock/src/planning/job-shop-search';
import { CalendarBucket, WorkCalendar } from '../../apps/scheduler-mock/src/planning/work-calendar';

const REPO_ROOT = resolve(__dirname, '..', '..');
const JOBSHOP_DIR = process.env.JOBSHOP_DIR ?? resolve(REPO_ROOT, '../shared/data/jobshop');
const BUDGET_MS = Number(process.env.SCHEDULER_BENCH_BUDGET_MS ?? 800);
const PLANT_BUDGET_MS = Number(process.env.SCHEDULER_BENCH_PLANT_BUDGET_MS ?? 600);
const SEED = 1;
const MINUTE = 60_000;
const NOW = new Date('2026-12-07T00:00:00Z');
const NEVER = new Date(8.64e15);

interface JobShopInstance {
  name: string;
  /** Per job, its operations in routing order. */
  jobs: Array<Array<{ machine: number; duration: number }>>;
  machines: number;
}

function instanceNames(): string[] {
  if (process.env.SCHEDULER_BENCH_INSTANCES) return process.env.SCHEDULER_BENCH_INSTANCES.split(',');
  const pad = (i: number) => String(i).padStart(2, '0');
  return [
    'ft06',
    'ft10',
    'ft20',
    ...Array.from({ length: 40 }, (_, i) => `la${pad(i + 1)}`),
    ...Array.from({ length: 10 }, (_, i) => `orb${pad(i + 1)}`),
  ];
}

/** OR-Library format: ` instance NAME`, a separator, a description, `J M`, then one line per job. */
function parseInstances(text: string): Map<string, JobShopInstance> {
  const lines = text.split('\n');
  const instances = new Map<string, JobShopInstance>();
  for (let i = 0; i < lines.length; i++) {
    const header = /^\s*instance\s+(\S+)\s*$/.exec(lines[i]);
    if (!header) continue;
    let k = i + 1;
    while (k < lines.length && !/^\s*\d+\s+\d+\s*$/.test(lines[k])) k++;
    const [jobCount, machines] = lines[k].trim().split(/\s+/).map(Number);
    const jobs = lines.slice(k + 1, k + 1 + jobCount).map((line) => {
      const numbers = line.trim().split(/\s+/).map(Number);
      if (numbers.length !== 2 * machines) throw new Error(`instance ${header[1]}: malformed job line '${line}'`);
      return Array.from({ length: machines }, (_, m) => ({ machine: numbers[2 * m], duration: numbers[2 * m + 1] }));
    });
    instances.set(header[1], { name: header[1], jobs, machines });
  }
  return instances;
}

function parseOptima(text: string): Map<string, number> {
  const [head, ...rows] = text.trim().split('\n');
  const columns = head.split(',');
  const best = columns.indexOf('best_known');
  return new Map(rows.map((r) => r.split(',')).map((c) => [c[0], Number(c[best])]));
}

/** A job-shop instance as the product's input: one resource per machine, one order per job. */
function jobShopInput(instance: JobShopInstance): ScheduleInput {
  return {
    now: NOW,
    resources: Array.from({ length: instance.machines }, (_, m) => ({ name: `M${m}`, capacity: 1 })),
    orders: instance.jobs.map((ops, j) => ({
      reference: `J${String(j).padStart(3, '0')}`,
      quantity: 1,
      priority: 1,
      due: NEVER,
      steps: ops.map((op, k) => ({
        operation: `J${j}-${k}`,
        sequence: (k + 1) * 10,
        setupMinutes: 0,
        runMinutesPerUnit: op.duration,
        resources: [`M${op.machine}`],
      })),
    })),
  };
}

/** Every violation of a feasible schedule: routing order, release, resources, working time, capacity. */
function violations(input: ScheduleInput, result: ScheduleResult): string[] {
  const problems: string[] = [];
  const resources = new Map(input.resources.map((r) => [r.name, r]));
  const loads = new Map<string, Array<[number, number]>>();
  const byReference = new Map(result.orders.map((o) => [o.reference, o]));
  if (result.orders.length !== input.orders.length) problems.push(`${result.orders.length} orders scheduled of ${input.orders.length}`);
  for (const order of input.orders) {
    const scheduled = byReference.get(order.reference);
    if (!scheduled) {
      problems.push(`${order.reference} not scheduled`);
      continue;
    }
    const steps = [...order.steps].sort((a, b) => a.sequence - b.sequence);
    if (scheduled.steps.length !== steps.length) problems.push(`${order.reference}: ${scheduled.steps.length} steps of ${steps.length}`);
    let ready = Math.max(input.now.getTime(), order.materialsAvailableAt?.getTime() ?? 0);
    steps.forEach((step, k) => {
      const s = scheduled.steps[k];
      if (!s) return;
      const where = `${order.reference} step ${step.sequence}`;
      const start = s.start.getTime();
      const end = s.end.getTime();
      if (s.sequence !== step.sequence) problems.push(`${where}: out of routing order`);
      if (start < ready) problems.push(`${where}: starts ${s.start.toISOString()} before its predecessor or release`);
      ready = end;
      const minutes = stepDurationMinutes(step, order.quantity);
      if (step.resources.length === 0) return;
      if (!s.resource || !step.resources.includes(s.resource)) return void problems.push(`${where}: on ${s.resource}, not one of ${step.resources.join(',')}`);
      const calendar = resources.get(s.resource)!.calendar;
      const worked = calendar ? calendar.workingMinutesBetween(start, end) : (end - start) / MINUTE;
      if (Math.abs(worked - minutes) > 1e-6) problems.push(`${where}: works ${worked} min, needs ${minutes}`);
      if (calendar && minutes > 0 && (!calendar.isWorking(start) || !calendar.isWorking(end - 1))) problems.push(`${where}: starts or ends outside working time`);
      const list = loads.get(s.resource) ?? [];
      list.push([start, end]);
      loads.set(s.resource, list);
    });
  }
  for (const [name, intervals] of loads) {
    const events = intervals.filter(([a, b]) => b > a).flatMap(([a, b]) => [[a, 1] as const, [b, -1] as const]);
    events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    let running = 0;
    for (const [t, delta] of events) {
      running += delta;
      if (running > resources.get(name)!.capacity) {
        problems.push(`${name}: ${running} operations at once at ${new Date(t).toISOString()}`);
        break;
      }
    }
  }
  return problems;
}

function assertFeasible(label: string, input: ScheduleInput, result: ScheduleResult): void {
  const found = violations(input, result);
  if (found.length === 0) return;
  console.error(`INFEASIBLE schedule for ${label}:\n  ${found.slice(0, 20).join('\n  ')}`);
  process.exit(1);
}

function makespanMinutes(input: ScheduleInput, result: ScheduleResult): number {
  return (Math.max(...result.orders.map((o) => o.end.getTime())) - input.now.getTime()) / MINUTE;
}

const WEEKDAYS = [false, true, true, true, true, true, false];
const EVERY_DAY = [true, true, true, true, true, true, true];

function bucket(overrides: Partial<CalendarBucket>): CalendarBucket {
  return { startdate: null, enddate: null, value: 1, priority: 10, weekdays: WEEKDAYS, startMinute: 0, endMinute: 1440, ...overrides };
}

/**
 * 2,000 orders of 8 steps on 40 resources (some of capacity 2, some steps with an alternate), all
 * on the plant's two-shift calendar with a holiday; `mixed`: every third resource works one shift
 * and Saturday mornings instead.
 */
export function plantInput(mixed: boolean): ScheduleInput {
  const random = seededRandom(42);
  const holiday = bucket({ startdate: new Date('2026-12-24T00:00:00Z'), enddate: new Date('2026-12-27T00:00:00Z'), value: 0, priority: 1, weekdays: EVERY_DAY });
  const twoShifts = new WorkCalendar({ name: 'TWO-SHIFT', defaultValue: 0, timeZone: 'Europe/Berlin', buckets: [bucket({ startMinute: 360, endMinute: 1320 }), holiday] });
  const oneShift = new WorkCalendar({
    name: 'ONE-SHIFT',
    defaultValue: 0,
    timeZone: 'Europe/Berlin',
    buckets: [bucket({ startMinute: 360, endMinute: 840 }), bucket({ weekdays: [false, false, false, false, false, false, true], startMinute: 360, endMinute: 720 }), holiday],
  });
  const resources: SchedulerResource[] = Array.from({ length: 40 }, (_, r) => ({
    name: `R${String(r + 1).padStart(2, '0')}`,
    capacity: r % 8 === 0 ? 2 : 1,
    calendar: mixed && r % 3 === 0 ? oneShift : twoShifts,
  }));
  const pick = () => resources[Math.floor(random() * resources.length)].name;
  const orders: SchedulerOrder[] = Array.from({ length: 2000 }, (_, j) => {
    const quantity = 5 + Math.floor(random() * 20);
    return {
      reference: `MO-${String(j + 1).padStart(5, '0')}`,
      quantity,
      priority: 1 + Math.floor(random() * 5),
      due: new Date(NOW.getTime() + (14 + Math.floor(random() * 90)) * 86_400_000),
      materialsAvailableAt: random() < 0.1 ? new Date(NOW.getTime() + Math.floor(random() * 14) * 86_400_000) : undefined,
      steps: Array.from({ length: 8 }, (_, k) => {
        const first = pick();
        let second = pick();
        while (second === first) second = pick();
        return {
          operation: `OP-${j + 1}-${k + 1}`,
          sequence: (k + 1) * 10,
          setupMinutes: 10 + Math.floor(random() * 50),
          runMinutesPerUnit: 1 + Math.floor(random() * 4),
          resources: k % 4 === 3 ? [first, second] : [first],
        };
      }),
    };
  });
  return { now: NOW, resources, orders };
}

function main(): void {
  const instances = parseInstances(readFileSync(join(JOBSHOP_DIR, 'jobshop1.txt'), 'utf8'));
  const optima = parseOptima(readFileSync(join(JOBSHOP_DIR, 'optima.csv'), 'utf8'));
  console.log(`job-shop instances from ${JOBSHOP_DIR}, search budget ${BUDGET_MS} ms each, seed ${SEED}`);
  console.log('instance   size    dispatch  makespan  optimum    gap%    time ms');
  const gaps: number[] = [];
  let maxMs = 0;
  for (const name of instanceNames()) {
    const instance = instances.get(name);
    const optimum = optima.get(name);
    if (!instance || !optimum) throw new Error(`instance ${name} or its optimum is missing in ${JOBSHOP_DIR}`);
    const input = jobShopInput(instance);
    const dispatched = makespanMinutes(input, scheduleOrders(input));
    const started = performance.now();
    const result = scheduleOrders(input, { improve: { seed: SEED, timeLimitMs: BUDGET_MS } });
    const ms = performance.now() - started;
    assertFeasible(name, input, result);
    const makespan = makespanMinutes(input, result);
    const gap = ((makespan - optimum) / optimum) * 100;
    gaps.push(gap);
    maxMs = Math.max(maxMs, ms);
    const size = `${instance.jobs.length}x${instance.machines}`;
    console.log(
      `${name.padEnd(10)} ${size.padEnd(7)} ${String(dispatched).padStart(8)}  ${String(makespan).padStart(8)}  ${String(optimum).padStart(7)}  ${gap.toFixed(1).padStart(6)}  ${ms.toFixed(0).padStart(8)}`,
    );
  }

  for (const mixed of [false, true]) {
    const plant = plantInput(mixed);
    let started = performance.now();
    const dispatchedPlant = scheduleOrders(plant);
    const dispatchMs = performance.now() - started;
    started = performance.now();
    const improvedPlant = scheduleOrders(plant, { improve: { seed: SEED, timeLimitMs: PLANT_BUDGET_MS } });
    const plantMs = performance.now() - started;
    assertFeasible('plant', plant, dispatchedPlant);
    assertFeasible('plant (improved)', plant, improvedPlant);
    const describe = (r: ScheduleResult) =>
      `${r.lateOrders} late, lateness ${(r.orders.reduce((sum, o) => sum + o.latenessMinutes, 0) / 1440).toFixed(0)} days in all, makespan ${(makespanMinutes(plant, r) / 1440).toFixed(2)} days`;
    console.log(
      `plant, 2000 orders x 8 steps on 40 resources, ${mixed ? 'two calendars' : 'one plant calendar'}: ${plantMs.toFixed(0)} ms, feasible ` +
        `(${describe(improvedPlant)}; dispatch alone ${dispatchMs.toFixed(0)} ms: ${describe(dispatchedPlant)})`,
    );
  }

  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  console.log(`scheduler: mean gap ${mean.toFixed(1)}% over ${gaps.length} instances, max ${maxMs.toFixed(0)} ms`);
}

if (require.main === module) main();
