import { ComponentAvailabilityDto } from '@threadline/canonical';
import { HttpRequest, NotFoundError } from '@threadline/platform';
import { FreppleItem } from './frepple-records';
import { availabilityWrites, FreppleBuffer, FrepplePurchaseOrder } from '../material-availability/material-availability.mapper';

/** How the frePPLe adapter reaches one plant: its input API lists and any other call. */
export interface FreppleIo {
  input<T>(model: string, query?: HttpRequest['query']): Promise<T>;
  call<T>(request: HttpRequest): Promise<T>;
  base: string;
}

export interface AppliedAvailability {
  applied: string[];
  /** Components the plant's scheduler has no item for: it does not plan them. */
  unknown: string[];
}

/** Item names per list request: keeps the query string well inside URL limits. */
const CHUNK = 100;

function chunks<T>(list: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

/**
 * Writes ERP's availability into a frePPLe plant: buffers' on hand and open purchase orders of the
 * components the plant plans (availabilityWrites), each model in one bulk request (one transaction
 * in frePPLe), then removes the purchase orders no longer open. Every write sets a state, so a
 * repeated push writes the same records again: idempotent.
 */
export async function applyFreppleMaterialAvailability(io: FreppleIo, plant: string, components: ComponentAvailabilityDto[]): Promise<AppliedAvailability> {
  const names = [...new Set(components.map((c) => c.componentNumber))];
  const known = new Set<string>();
  const buffers: FreppleBuffer[] = [];
  const purchaseOrders: FrepplePurchaseOrder[] = [];
  for (const part of chunks(names)) {
    const query = { name__in: part.join(',') };
    for (const item of await io.input<FreppleItem[]>('item', query)) known.add(item.name);
    buffers.push(...(await io.input<FreppleBuffer[]>('buffer', { item__in: part.join(',') })));
    purchaseOrders.push(...(await io.input<FrepplePurchaseOrder[]>('purchaseorder', { item__in: part.join(',') })));
  }
  const planned = components.filter((c) => known.has(c.componentNumber));
  const writes = availabilityWrites(plant, planned, buffers, purchaseOrders);
  if (writes.buffers.length > 0) await io.call({ method: 'PATCH', path: `${io.base}/api/input/buffer/`, body: writes.buffers, idempotent: true });
  if (writes.purchaseOrders.length > 0) await io.call({ method: 'PATCH', path: `${io.base}/api/input/purchaseorder/`, body: writes.purchaseOrders, idempotent: true });
  for (const reference of writes.deletePurchaseOrders) {
    try {
      await io.call({ method: 'DELETE', path: `${io.base}/api/input/purchaseorder/${encodeURIComponent(reference)}/`, idempotent: true });
    } catch (error) {
      // Gone already (a concurrent or earlier push removed it): what this push wanted.
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  return { applied: planned.map((c) => c.componentNumber), unknown: names.filter((n) => !known.has(n)) };
}
