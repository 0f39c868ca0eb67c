import { WorkOrderDto } from '@threadline/canonical';
import { WorkOrderChange, WorkOrderChangeQuery } from '../connector/erp.connector';
import { WorkOrderFeedCursor } from './work-order-feed-cursor.repository';
import { nextFeedStep } from './work-order-feed.step';

/** An order as ERP keeps it: its change time in microseconds, finer than the milliseconds it reports. */
interface StoredOrder {
  number: string;
  changedAtUs: number;
}

const BASE_US = Date.parse('2026-11-27T09:00:00.000Z') * 1000;
const iso = (us: number) => new Date(Math.floor(us / 1000)).toISOString();

/**
 * ERP as erp-mock answers the feed's reads: filters and orders on the stored microseconds,
 * reports milliseconds (truncated, as OData v2's /Date(ms)/ does).
 */
function fakeErp(orders: StoredOrder[]) {
  const reads: WorkOrderChangeQuery[] = [];
  const read = (query: WorkOrderChangeQuery): Promise<WorkOrderChange[]> => {
    reads.push(query);
    const fromUs = query.from === undefined ? -Infinity : Date.parse(query.from) * 1000;
    const beforeUs = query.before === undefined ? Infinity : Date.parse(query.before) * 1000;
    const found = orders
      .filter((o) => o.changedAtUs >= fromUs && o.changedAtUs < beforeUs && (query.afterNumber === undefined || o.number > query.afterNumber))
      .sort((a, b) => (query.order === 'changed' ? a.changedAtUs - b.changedAtUs : 0) || a.number.localeCompare(b.number))
      .slice(0, query.limit);
    return Promise.resolve(found.map((o) => ({ workOrder: { number: o.number, plant: 'P1' } as WorkOrderDto, changedAt: iso(o.changedAtUs) })));
  };
  return { read, reads };
}

/** Runs steps until the feed is drained, as one sync does; answers what it announced and the cursor. */
async function drain(read: (q: WorkOrderChangeQuery) => Promise<WorkOrderChange[]>, cursor: WorkOrderFeedCursor | null, horizon: string, pageSize: number) {
  const announced: WorkOrderChange[] = [];
  for (let steps = 0; steps < 10_000; steps++) {
    const step = await nextFeedStep(read, cursor, horizon, pageSize);
    if (!step) return { announced, cursor };
    announced.push(...step.changes);
    cursor = step.next;
  }
  throw new Error('the feed never drained');
}

/** A deterministic pseudo-random sequence (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const number = (i: number) => String(1_000_000 + i);
const FAR = '2100-01-01T00:00:00.000Z';

describe('work-order feed steps (nextFeedStep)', () => {
  it('announces every order once when more of them share one millisecond than a page holds, ERP ordering them against their numbers', async () => {
    // 250 orders in one millisecond, the later numbers changed first (ERP's time order is the reverse of number order), then 30 more.
    const orders: StoredOrder[] = [
      ...Array.from({ length: 250 }, (_, i) => ({ number: number(i), changedAtUs: BASE_US + 999 - i * 3 })),
      ...Array.from({ length: 30 }, (_, i) => ({ number: number(500 + i), changedAtUs: BASE_US + 5_000 + i * 400 })),
    ];
    const erp = fakeErp(orders);
    const { announced, cursor } = await drain(erp.read, null, FAR, 100);
    expect(announced.map((c) => c.workOrder.number).sort()).toEqual(orders.map((o) => o.number).sort());
    expect(cursor).toEqual({ changedAt: iso(orders[orders.length - 1].changedAtUs), orderNumber: number(529) });
    // Change times never go back: a consumer may keep the latest per order.
    const times = announced.map((c) => Date.parse(c.changedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('leaves changes from the horizon on for a later sync, which announces them and nothing else', async () => {
    const orders: StoredOrder[] = Array.from({ length: 10 }, (_, i) => ({ number: number(i), changedAtUs: BASE_US + i * 1_000_000 }));
    const erp = fakeErp(orders);
    const horizon = iso(BASE_US + 5_000_000);
    const first = await drain(erp.read, null, horizon, 3);
    expect(first.announced.map((c) => c.workOrder.number)).toEqual(orders.slice(0, 5).map((o) => o.number));
    expect(erp.reads.every((q) => q.before === undefined || q.before <= horizon)).toBe(true);
    const second = await drain(erp.read, first.cursor, FAR, 3);
    expect(second.announced.map((c) => c.workOrder.number)).toEqual(orders.slice(5).map((o) => o.number));
    expect((await drain(erp.read, second.cursor, FAR, 3)).announced).toEqual([]);
  });

  it('announces an order changed again after the cursor once more, with its new time', async () => {
    const orders: StoredOrder[] = Array.from({ length: 5 }, (_, i) => ({ number: number(i), changedAtUs: BASE_US + i }));
    const erp = fakeErp(orders);
    const first = await drain(erp.read, null, FAR, 2);
    expect(first.announced).toHaveLength(5);
    orders[1].changedAtUs = BASE_US + 60_000_000;
    const second = await drain(erp.read, first.cursor, FAR, 2);
    expect(second.announced).toEqual([{ workOrder: expect.objectContaining({ number: number(1) }), changedAt: iso(BASE_US + 60_000_000) }]);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('announces each order exactly once over random clusters of change times and page sizes (seed %i)', async (seed) => {
    const next = random(seed);
    // Few distinct milliseconds, many microseconds: ties and pages cut inside a millisecond are the rule.
    const orders: StoredOrder[] = Array.from({ length: 400 }, (_, i) => ({ number: number(i), changedAtUs: BASE_US + Math.floor(next() * 8) * 1000 + Math.floor(next() * 1000) }));
    const pageSize = 1 + Math.floor(next() * 60);
    const erp = fakeErp(orders);
    // Two syncs, the first up to a horizon in the middle: together they announce each order once.
    const horizon = iso(BASE_US + 4_000);
    const first = await drain(erp.read, null, horizon, pageSize);
    const second = await drain(erp.read, first.cursor, FAR, pageSize);
    const numbers = [...first.announced, ...second.announced].map((c) => c.workOrder.number);
    expect(numbers.sort()).toEqual(orders.map((o) => o.number).sort());
    expect(first.announced.every((c) => c.changedAt < horizon)).toBe(true);
  });
});
