import { ComponentAvailabilityDto } from '@threadline/canonical';
import { toFreppleDateTime } from '../connector/frepple-wire';

/** The source this API writes on the buffers and purchase orders it keeps. */
export const AVAILABILITY_SOURCE = 'erp-availability';

/** frePPLe's buffer (stock of an item at a location) as far as availability needs it. */
export interface FreppleBuffer {
  id: number;
  item: string;
  location: string | null;
  onhand: number;
  source: string | null;
}

/** frePPLe's purchase order (an operationplan of type PO): supply arriving at enddate. */
export interface FrepplePurchaseOrder {
  reference: string;
  item: string;
  quantity: number;
  enddate: string;
  status: string;
  source: string | null;
}

export interface AvailabilityWrites {
  /** Bulk upsert of buffers: with an id an update, without one a new buffer. */
  buffers: Array<Record<string, unknown>>;
  /** Bulk upsert of purchase orders by reference. */
  purchaseOrders: Array<Record<string, unknown>>;
  /** References of purchase orders this API wrote before that ERP no longer has open. */
  deletePurchaseOrders: string[];
}

/**
 * What makes the scheduler hold `components` as given: each item's on hand on its first buffer
 * (frePPLe keeps one per location; ERP's number is the plant's, so any further buffer is zeroed),
 * a new buffer where the item has none, its open supplies as purchase orders, and the purchase
 * orders written earlier that are no longer open removed. Purchase orders the plant's own users
 * entered (another source) are left alone. Pure.
 */
export function availabilityWrites(
  plant: string,
  components: ComponentAvailabilityDto[],
  buffers: FreppleBuffer[],
  purchaseOrders: FrepplePurchaseOrder[],
): AvailabilityWrites {
  const writes: AvailabilityWrites = { buffers: [], purchaseOrders: [], deletePurchaseOrders: [] };
  for (const c of components) {
    const own = buffers.filter((b) => b.item === c.componentNumber).sort((a, b) => a.id - b.id);
    if (own.length === 0) writes.buffers.push({ item: c.componentNumber, location: plant, onhand: c.onHand, source: AVAILABILITY_SOURCE });
    own.forEach((b, i) => {
      const onhand = i === 0 ? c.onHand : 0;
      if (b.onhand !== onhand) writes.buffers.push({ id: b.id, onhand, source: AVAILABILITY_SOURCE });
    });
    const keep = new Set(c.supplies.map((s) => s.reference));
    for (const po of purchaseOrders) {
      if (po.item === c.componentNumber && po.source === AVAILABILITY_SOURCE && !keep.has(po.reference)) writes.deletePurchaseOrders.push(po.reference);
    }
    for (const s of c.supplies) {
      writes.purchaseOrders.push({
        reference: s.reference,
        item: c.componentNumber,
        location: plant,
        quantity: s.quantity,
        enddate: toFreppleDateTime(s.availableFrom),
        status: 'confirmed',
        source: AVAILABILITY_SOURCE,
      });
    }
  }
  return writes;
}
