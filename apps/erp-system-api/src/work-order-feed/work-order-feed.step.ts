import { WorkOrderChange, WorkOrderChangeQuery } from '../connector/erp.connector';
import { WorkOrderFeedCursor } from './work-order-feed-cursor.repository';

/** One page of the feed: the changes to announce and where the cursor goes once they are. */
export interface FeedStep {
  changes: WorkOrderChange[];
  next: WorkOrderFeedCursor;
}

export type WorkOrderChangeReader = (query: WorkOrderChangeQuery) => Promise<WorkOrderChange[]>;

const plusOneMs = (iso: string): string => new Date(Date.parse(iso) + 1).toISOString();

/**
 * The next page of a plant's feed after `cursor`, or undefined when every change before
 * `horizon` is announced. ERP reports change times to the millisecond but orders by its own finer
 * time, so the orders of the cursor's millisecond are read by number (after the cursor's number),
 * the later ones by time; of a page read by time, only the milliseconds before its last are
 * taken, and the next step reads that last one by number (it may go on past the page).
 */
export async function nextFeedStep(read: WorkOrderChangeReader, cursor: WorkOrderFeedCursor | null, horizon: string, pageSize: number): Promise<FeedStep | undefined> {
  if (cursor) {
    const endOfMs = plusOneMs(cursor.changedAt);
    // Only after the clock went backwards can the cursor's millisecond reach the horizon.
    if (endOfMs > horizon) return undefined;
    const sameMs = await read({ from: cursor.changedAt, before: endOfMs, afterNumber: cursor.orderNumber ?? undefined, order: 'number', limit: pageSize });
    if (sameMs.length > 0) return { changes: sameMs, next: { changedAt: cursor.changedAt, orderNumber: sameMs[sameMs.length - 1].workOrder.number } };
  }
  const later = await read({ from: cursor ? plusOneMs(cursor.changedAt) : undefined, before: horizon, order: 'changed', limit: pageSize });
  if (later.length === 0) return undefined;
  const last = later[later.length - 1].changedAt;
  return { changes: later.filter((c) => c.changedAt !== last), next: { changedAt: last, orderNumber: null } };
}
