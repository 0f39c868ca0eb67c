import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ERP_SYSTEM_API_SCHEMA } from '../erp-system-api.schema';

/**
 * A plant's position in ERP's change order: every order changed before `changedAt` is announced,
 * and of those changed at `changedAt` (to the millisecond) the ones numbered up to `orderNumber`
 * in ERP's order; null: none of those yet.
 */
export interface WorkOrderFeedCursor {
  changedAt: string;
  orderNumber: string | null;
}

const TABLE = `${ERP_SYSTEM_API_SCHEMA}.work_order_feed_cursor`;

/** Orders two positions; a null number comes before every number at the same time. */
export function compareFeedCursors(a: WorkOrderFeedCursor, b: WorkOrderFeedCursor): number {
  const t = Date.parse(a.changedAt) - Date.parse(b.changedAt);
  if (t !== 0) return t;
  if (a.orderNumber === b.orderNumber) return 0;
  if (a.orderNumber === null) return -1;
  if (b.orderNumber === null) return 1;
  // ERP numbers its orders with digits of one length, where byte order is ERP's order.
  return a.orderNumber < b.orderNumber ? -1 : 1;
}

@Injectable()
export class WorkOrderFeedCursorRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async read(plant: string, em: EntityManager = this.dataSource.manager, lock = false): Promise<WorkOrderFeedCursor | null> {
    const rows: Array<{ changed_at: Date; order_number: string | null }> = await em.query(
      `SELECT changed_at, order_number FROM ${TABLE} WHERE plant = $1${lock ? ' FOR UPDATE' : ''}`,
      [plant],
    );
    return rows[0] ? { changedAt: rows[0].changed_at.toISOString(), orderNumber: rows[0].order_number } : null;
  }

  /** Locks the plant's cursor (created or not), so concurrent syncs (replicas) take turns. */
  async lock(em: EntityManager, plant: string): Promise<WorkOrderFeedCursor | null> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${TABLE}:${plant}`]);
    return this.read(plant, em, true);
  }

  async save(em: EntityManager, plant: string, cursor: WorkOrderFeedCursor): Promise<void> {
    await em.query(
      `INSERT INTO ${TABLE} (plant, changed_at, order_number) VALUES ($1, $2, $3)
       ON CONFLICT (plant) DO UPDATE SET changed_at = EXCLUDED.changed_at, order_number = EXCLUDED.order_number, updated_at = now()`,
      [plant, cursor.changedAt, cursor.orderNumber],
    );
  }
}
