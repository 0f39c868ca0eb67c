import { dispatchSequence, ScheduleInput, SchedulerOrder, SchedulerResource } from './finite-scheduler';
import { allocateMaterial, MaterialPool, poolFor } from './material-availability';
import { CalendarBucket, parseTimeOfDay, WorkCalendar } from './work-calendar';

/** The plant's frePPLe input rows the planner reads, as stored. */
export interface PlantModel {
  timeZone: string;
  calendars: Array<{ name: string; defaultvalue: number }>;
  buckets: Array<{
    calendar: string;
    startdate: Date | null;
    enddate: Date | null;
    value: number;
    priority: number;
    monday: boolean;
    tuesday: boolean;
    wednesday: boolean;
    thursday: boolean;
    friday: boolean;
    saturday: boolean;
    sunday: boolean;
    starttime: string;
    endtime: string;
  }>;
  resources: Array<{ name: string; maximum: number; available: string | null; type: string }>;
  items: Array<{ name: string; category: string | null }>;
  buffers: Array<{ item: string; onhand: number }>;
  operations: Array<{
    name: string;
    type: string;
    owner: string | null;
    priority: number;
    duration: number;
    duration_per: number;
    /** A step of a revised routing applies to orders starting in its window (absent: always). */
    effective_start?: Date | null;
    effective_end?: Date | null;
  }>;
  operationResources: Array<{ operation: string; resource: string; priority: number }>;
  operationMaterials: Array<{ operation: string; item: string; quantity: number; type: string; effective_start: Date | null; effective_end: Date | null }>;
  /**
   * Open purchase orders (frePPLe's purchaseorder, not completed or closed): supply arriving at
   * enddate. Absent or empty for an item: a shortage waits the purchase lead time, as before ERP
   * fed the plant its supply.
   */
  purchaseOrders?: Array<{ reference: string; item: string; quantity: number; enddate: Date }>;
  /** Open orders only (not completed or closed). */
  orders: Array<{ reference: string; operation: string; quantity: number; priority: number; due: Date | null; startdate: Date | null; status?: string }>;
}

export interface PlanInputOptions {
  now: Date;
  /** When a purchased component is short, it arrives this many days from now. */
  purchaseLeadTimeDays: number;
}

const DAY = 86_400_000;

function toBucket(row: PlantModel['buckets'][number]): CalendarBucket {
  return {
    startdate: row.startdate,
    enddate: row.enddate,
    value: row.value,
    priority: row.priority,
    weekdays: [row.sunday, row.monday, row.tuesday, row.wednesday, row.thursday, row.friday, row.saturday],
    startMinute: parseTimeOfDay(row.starttime),
    endMinute: parseTimeOfDay(row.endtime),
  };
}

export function isEffective(record: { effective_start: Date | null; effective_end: Date | null }, at: Date): boolean {
  return (!record.effective_start || record.effective_start <= at) && (!record.effective_end || record.effective_end > at);
}

/**
 * Turns a plant's frePPLe model into the scheduler's input. Materials: each open order consumes
 * the components effective at its start (so a change's effectivity date decides between the old
 * and the new component); purchased components are allocated from stock and then from open
 * purchase orders in dispatch order (material-availability.ts): an order waits for the purchase
 * order that covers it, or, when nothing on order does, for the purchase lead time. Pure.
 */
export function buildScheduleInput(model: PlantModel, options: PlanInputOptions): ScheduleInput {
  const calendars = new Map(
    model.calendars.map((c) => [
      c.name,
      new WorkCalendar({
        name: c.name,
        defaultValue: c.defaultvalue,
        timeZone: model.timeZone,
        buckets: model.buckets.filter((b) => b.calendar === c.name).map(toBucket),
      }),
    ]),
  );
  const openOrders = model.orders.length;
  const resources: SchedulerResource[] = model.resources.map((r) => ({
    name: r.name,
    capacity: r.type === 'infinite' ? Math.max(1, openOrders) : r.maximum,
    calendar: r.available ? calendars.get(r.available) : undefined,
  }));
  const operations = new Map(model.operations.map((o) => [o.name, o]));
  const bought = new Set(model.items.filter((i) => i.category === 'buy').map((i) => i.name));
  const pools = new Map<string, MaterialPool>();
  const pool = (item: string): MaterialPool => {
    if (!pools.has(item)) pools.set(item, poolFor(item, model.buffers, model.purchaseOrders ?? []));
    return pools.get(item)!;
  };

  const now = options.now;
  const shortageArrival = new Date(now.getTime() + options.purchaseLeadTimeDays * DAY);
  const orders: SchedulerOrder[] = model.orders.map((mo) => {
    const routing = operations.get(mo.operation);
    if (!routing) throw new Error(`manufacturing order ${mo.reference} uses unknown operation ${mo.operation}`);
    // A routing change's date decides between the old and the new steps: a started order keeps the
    // steps of its start; any other by its due date (stable across re-plans, which move its start).
    const started = mo.status === 'confirmed' || mo.status === 'completed';
    const startsAt = new Date(Math.max(now.getTime(), ((started ? mo.startdate : mo.due) ?? now).getTime()));
    const stepOperations =
      routing.type === 'routing'
        ? model.operations
            .filter((o) => o.owner === routing.name && isEffective({ effective_start: o.effective_start ?? null, effective_end: o.effective_end ?? null }, startsAt))
            .sort((a, b) => a.priority - b.priority)
        : [routing];
    return {
      reference: mo.reference,
      quantity: mo.quantity,
      priority: mo.priority,
      // An order without a due date is planned last among its priority.
      due: mo.due ?? new Date(8.64e15),
      steps: stepOperations.map((op) => ({
        operation: op.name,
        sequence: op.priority,
        setupMinutes: op.duration / 60,
        runMinutesPerUnit: op.duration_per / 60,
        resources: model.operationResources
          .filter((r) => r.operation === op.name)
          .sort((a, b) => a.priority - b.priority)
          .map((r) => r.resource),
      })),
    };
  });

  const byReference = new Map(model.orders.map((o) => [o.reference, o]));
  for (const order of dispatchSequence(orders)) {
    const mo = byReference.get(order.reference)!;
    const at = mo.startdate && mo.startdate > now ? mo.startdate : now;
    const consumed = model.operationMaterials.filter(
      (m) => m.operation === mo.operation && m.type === 'start' && m.quantity < 0 && isEffective(m, at),
    );
    for (const m of consumed) {
      if (!bought.has(m.item)) continue;
      const wait = allocateMaterial(pool(m.item), -m.quantity * mo.quantity, now, shortageArrival);
      if (!wait) continue;
      if (!order.materialsAvailableAt || wait.availableAt > order.materialsAvailableAt) order.materialsAvailableAt = wait.availableAt;
      order.materialWaits = [...(order.materialWaits ?? []), wait];
    }
  }
  return { now, resources, orders };
}
