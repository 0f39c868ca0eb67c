import { MaterialWait } from './schedule-model';

/**
 * One bought item's availability while orders are dispatched: what is on hand now, and the open
 * purchase orders with what is left of each, in arrival order. Orders take from it in dispatch
 * order (allocateMaterial), so an earlier-dispatched order gets the earlier material.
 */
export interface MaterialPool {
  item: string;
  onhand: number;
  supplies: Array<{ reference: string; remaining: number; arrival: Date }>;
}

export function poolFor(
  item: string,
  buffers: ReadonlyArray<{ item: string; onhand: number }>,
  purchaseOrders: ReadonlyArray<{ reference: string; item: string; quantity: number; enddate: Date }>,
): MaterialPool {
  return {
    item,
    onhand: buffers.filter((b) => b.item === item).reduce((sum, b) => sum + b.onhand, 0),
    supplies: purchaseOrders
      .filter((po) => po.item === item && po.quantity > 0)
      .map((po) => ({ reference: po.reference, remaining: po.quantity, arrival: po.enddate }))
      .sort((a, b) => a.arrival.getTime() - b.arrival.getTime() || a.reference.localeCompare(b.reference)),
  };
}

/**
 * Takes `need` of the pool's item for one order. Undefined: on hand covers it (taken). Otherwise
 * the order waits: for the purchase order whose arrival completes the quantity (stock and the
 * supplies up to it are taken), or, when stock and everything on order do not cover it, for a
 * new purchase (`leadTimeArrival`) and nothing is taken: the material stays for later orders,
 * as frePPLe leaves a short order unplanned rather than half-supplied. Mutates the pool.
 */
export function allocateMaterial(pool: MaterialPool, need: number, now: Date, leadTimeArrival: Date): MaterialWait | undefined {
  if (pool.onhand >= need) {
    pool.onhand -= need;
    return undefined;
  }
  let covered = pool.onhand;
  let last = -1;
  for (let i = 0; i < pool.supplies.length && covered < need; i++) {
    covered += pool.supplies[i].remaining;
    last = i;
  }
  if (covered < need) return { item: pool.item, availableAt: leadTimeArrival, supply: null };
  let open = need - pool.onhand;
  pool.onhand = 0;
  for (let i = 0; i <= last; i++) {
    const take = Math.min(open, pool.supplies[i].remaining);
    pool.supplies[i].remaining -= take;
    open -= take;
  }
  const supply = pool.supplies[last];
  // An overdue purchase order is expected any moment: available now.
  const availableAt = supply.arrival > now ? supply.arrival : now;
  pool.supplies = pool.supplies.filter((s) => s.remaining > 0);
  return { item: pool.item, availableAt, supply: supply.reference };
}
