import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ERP_MOCK_SCHEMA } from '../erp-mock.schema';

const PURCHASE_ORDERS = `${ERP_MOCK_SCHEMA}.purchase_orders`;
const PURCHASE_ORDER_ITEMS = `${ERP_MOCK_SCHEMA}.purchase_order_items`;
const SCHEDULE_LINES = `${ERP_MOCK_SCHEMA}.purchase_order_schedule_lines`;

export interface ScheduleLineRow {
  purchaseOrder: string;
  item: string;
  scheduleLine: string;
  plant: string;
  material: string;
  quantity: number;
  receivedQuantity: number;
  orderDeleted: boolean;
  itemDeleted: boolean;
  completelyDelivered: boolean;
}

/** Purchase order writes (EKKO/EKPO/EKET): the schedule line's delivery date and goods receipts. */
@Injectable()
export class PurchasingRepository {
  /** The schedule line with its item and header, locked for the caller's transaction. */
  async lockScheduleLine(em: EntityManager, purchaseOrder: string, item: string, scheduleLine: string): Promise<ScheduleLineRow | undefined> {
    const rows: Array<Record<string, unknown>> = await em.query(
      `SELECT sl.purchase_order, sl.item, sl.schedule_line, poi.plant, poi.material, sl.quantity, sl.received_quantity,
              po.deletion_code <> '' AS order_deleted, poi.deletion_code <> '' AS item_deleted, poi.is_completely_delivered
         FROM ${SCHEDULE_LINES} sl
         JOIN ${PURCHASE_ORDER_ITEMS} poi ON poi.purchase_order = sl.purchase_order AND poi.item = sl.item
         JOIN ${PURCHASE_ORDERS} po ON po.purchase_order = sl.purchase_order
        WHERE sl.purchase_order = $1 AND sl.item = $2 AND sl.schedule_line = $3
        FOR UPDATE OF sl, po`,
      [purchaseOrder, item, scheduleLine],
    );
    const r = rows[0];
    if (!r) return undefined;
    return {
      purchaseOrder: String(r.purchase_order),
      item: String(r.item),
      scheduleLine: String(r.schedule_line),
      plant: String(r.plant),
      material: String(r.material),
      quantity: Number(r.quantity),
      receivedQuantity: Number(r.received_quantity),
      orderDeleted: Boolean(r.order_deleted),
      itemDeleted: Boolean(r.item_deleted),
      completelyDelivered: Boolean(r.is_completely_delivered),
    };
  }

  /** Moves the delivery date and stamps the order's LastChangeDateTime, which delta reads filter on. */
  async setDeliveryDate(em: EntityManager, line: Pick<ScheduleLineRow, 'purchaseOrder' | 'item' | 'scheduleLine'>, deliveryDate: Date): Promise<void> {
    await em.query(`UPDATE ${SCHEDULE_LINES} SET delivery_date = $4 WHERE purchase_order = $1 AND item = $2 AND schedule_line = $3`, [
      line.purchaseOrder,
      line.item,
      line.scheduleLine,
      deliveryDate,
    ]);
    await this.touch(em, line.purchaseOrder);
  }

  /** Books received quantity on the line (a goods receipt); the item is completely delivered once all is. */
  async receive(em: EntityManager, line: Pick<ScheduleLineRow, 'purchaseOrder' | 'item' | 'scheduleLine'>, quantity: number): Promise<void> {
    await em.query(`UPDATE ${SCHEDULE_LINES} SET received_quantity = received_quantity + $4 WHERE purchase_order = $1 AND item = $2 AND schedule_line = $3`, [
      line.purchaseOrder,
      line.item,
      line.scheduleLine,
      quantity,
    ]);
    await em.query(
      `UPDATE ${PURCHASE_ORDER_ITEMS} poi SET is_completely_delivered = NOT EXISTS (
         SELECT 1 FROM ${SCHEDULE_LINES} sl WHERE sl.purchase_order = poi.purchase_order AND sl.item = poi.item AND sl.received_quantity < sl.quantity)
        WHERE poi.purchase_order = $1 AND poi.item = $2`,
      [line.purchaseOrder, line.item],
    );
    await this.touch(em, line.purchaseOrder);
  }

  /** The first schedule line of an order item still open, for a receipt against the item. */
  async firstOpenScheduleLine(em: EntityManager, purchaseOrder: string, item: string): Promise<string | undefined> {
    const rows: Array<{ schedule_line: string }> = await em.query(
      `SELECT schedule_line FROM ${SCHEDULE_LINES} WHERE purchase_order = $1 AND item = $2 AND received_quantity < quantity ORDER BY delivery_date, schedule_line LIMIT 1`,
      [purchaseOrder, item],
    );
    return rows[0]?.schedule_line;
  }

  private async touch(em: EntityManager, purchaseOrder: string): Promise<void> {
    await em.query(`UPDATE ${PURCHASE_ORDERS} SET last_change_at = clock_timestamp() WHERE purchase_order = $1`, [purchaseOrder]);
  }
}
