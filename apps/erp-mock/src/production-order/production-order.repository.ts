import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ERP_MOCK_SCHEMA } from '../erp-mock.schema';

const PRODUCTION_ORDERS = `${ERP_MOCK_SCHEMA}.production_orders`;
const USER_STATUSES = `${ERP_MOCK_SCHEMA}.production_order_user_statuses`;

/** The system statuses that decide whether an order may still change. */
export interface OrderStatusFlags {
  is_locked: boolean;
  is_technically_completed: boolean;
  is_closed: boolean;
  is_deleted: boolean;
}

/**
 * Production orders and their user statuses. Every write stamps the order's last_change_at,
 * which delta reads filter on. Every method runs in the caller's transaction.
 */
@Injectable()
export class ProductionOrderRepository {
  /** The order's system statuses, the order locked until the transaction ends; undefined when there is no such order. */
  async lockOrder(em: EntityManager, order: string): Promise<OrderStatusFlags | undefined> {
    const rows: OrderStatusFlags[] = await em.query(
      `SELECT is_locked, is_technically_completed, is_closed, is_deleted FROM ${PRODUCTION_ORDERS} WHERE manufacturing_order = $1 FOR UPDATE`,
      [order],
    );
    return rows[0];
  }

  /** Sets or lifts system status LKD; the reason and reference are null when unlocked. */
  async setLocked(em: EntityManager, order: string, locked: boolean, reason: string | null, reference: string | null): Promise<void> {
    await em.query(
      `UPDATE ${PRODUCTION_ORDERS} SET is_locked = $2, lock_reason = $3, lock_reference = $4, last_change_at = now()
        WHERE manufacturing_order = $1`,
      [order, locked, reason, reference],
    );
  }

  /** A user status once per (order, code, reference): a repeat fails on the unique key (23505). */
  async addUserStatus(em: EntityManager, order: string, status: { code: string; reference: string; note: string | null }): Promise<void> {
    await em.query(`INSERT INTO ${USER_STATUSES} (manufacturing_order, status_code, reference, note) VALUES ($1, $2, $3, $4)`, [
      order,
      status.code,
      status.reference,
      status.note,
    ]);
    await em.query(`UPDATE ${PRODUCTION_ORDERS} SET last_change_at = now() WHERE manufacturing_order = $1`, [order]);
  }
}
