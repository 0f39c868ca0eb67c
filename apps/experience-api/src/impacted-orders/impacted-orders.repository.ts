import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OPEN_WORK_ORDER_STATUSES } from '@threadline/canonical';
import type { EngineeringReleaseImpactAssessedV1, WorkOrderChangedV1 } from '@threadline/canonical';
import { DataSource, EntityManager } from 'typeorm';
import { EXPERIENCE_SCHEMA } from '../experience-api.schema';

const PLANTS = `${EXPERIENCE_SCHEMA}.impacted_plant`;
const ORDERS = `${EXPERIENCE_SCHEMA}.impacted_order`;
const WORK_ORDERS = `${EXPERIENCE_SCHEMA}.work_order_state`;

/**
 * A listed work order (o) of a plant's impact (p) has left the old revision when ERP's feed last
 * saw it (w) no longer open, or on another revision than the change's old one for its item.
 */
const LEFT_SQL = `(w.status <> ALL ($LEFT_OPEN::text[])
  OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.items) AS i(item) WHERE i.item->>'itemNumber' = w.item_number AND i.item->>'fromRevision' <> w.revision))`;
const leftSql = (param: number) => LEFT_SQL.replace('$LEFT_OPEN', `$${param}`);
const OPEN = [...OPEN_WORK_ORDER_STATUSES];

export interface ImpactedPlantRow {
  plant: string;
  release_id: string;
  effective_from: Date | null;
  assessed_at: Date;
  work_orders_total: number;
  work_orders_by_status: Record<string, number>;
  purchase_orders_total: number;
  work_orders_listed: number;
  purchase_orders_listed: number;
  /** Listed work orders ERP's feed shows off the old revision (closed, completed, or on the new one). */
  work_orders_left: number;
}

export interface ImpactedOrderRow {
  plant: string;
  kind: 'work-order' | 'purchase-order';
  number: string;
  line: number;
  item_number: string | null;
  open_quantity: string | null;
  delivery_date: string | null;
  suggestion: string | null;
  suggested_quantity: string | null;
  /** A work order's latest status from ERP's feed; null when the feed has not reported it. */
  status: string | null;
  left_old_revision: boolean;
}

export interface ImpactedOrderFilter {
  plant?: string;
  kind?: 'work-order' | 'purchase-order';
  /** Keyset: strictly after this (plant, kind, number, line). */
  after?: { plant: string; kind: string; number: string; line: number };
  limit: number;
}

/** Impacted orders per change and plant: the plant's totals, and the orders the impact listed. */
@Injectable()
export class ImpactedOrdersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A plant's impact replaces what an older assessment of the change said there (a newer one is
   * kept); its orders are written in one statement each kind.
   */
  async recordAssessed(em: EntityManager, impact: EngineeringReleaseImpactAssessedV1): Promise<void> {
    for (const p of impact.plants) {
      const kept: unknown[] = await em.query(
        `INSERT INTO ${PLANTS} (change_number, plant, release_id, effective_from, assessed_at, work_orders_total, work_orders_by_status, purchase_orders_total, items)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (change_number, plant) DO UPDATE SET release_id = EXCLUDED.release_id, effective_from = EXCLUDED.effective_from, items = EXCLUDED.items,
           assessed_at = EXCLUDED.assessed_at, work_orders_total = EXCLUDED.work_orders_total,
           work_orders_by_status = EXCLUDED.work_orders_by_status, purchase_orders_total = EXCLUDED.purchase_orders_total
         WHERE ${PLANTS}.assessed_at <= EXCLUDED.assessed_at
         RETURNING plant`,
        [
          impact.changeNumber,
          p.plant,
          impact.releaseId,
          p.effectiveFrom,
          impact.assessedAt,
          p.workOrders.total,
          JSON.stringify(p.workOrders.byStatus),
          p.purchaseOrdersTotal,
          JSON.stringify(impact.items ?? []),
        ],
      );
      if (kept.length === 0) continue;
      await em.query(`DELETE FROM ${ORDERS} WHERE change_number = $1 AND plant = $2`, [impact.changeNumber, p.plant]);
      await em.query(
        `INSERT INTO ${ORDERS} (change_number, plant, kind, number, line)
         SELECT $1, $2, 'work-order', n, 0 FROM unnest($3::text[]) AS n ON CONFLICT DO NOTHING`,
        [impact.changeNumber, p.plant, p.workOrders.numbers],
      );
      const pos = p.purchaseOrders;
      await em.query(
        `INSERT INTO ${ORDERS} (change_number, plant, kind, number, line, item_number, open_quantity, delivery_date, suggestion, suggested_quantity)
         SELECT $1, $2, 'purchase-order', n, l, i, q, d, s, sq
           FROM unnest($3::text[], $4::int[], $5::text[], $6::numeric[], $7::text[], $8::text[], $9::numeric[]) AS x(n, l, i, q, d, s, sq)
         ON CONFLICT DO NOTHING`,
        [
          impact.changeNumber,
          p.plant,
          pos.map((o) => o.number),
          pos.map((o) => o.line),
          pos.map((o) => o.itemNumber),
          pos.map((o) => o.openQuantity),
          pos.map((o) => o.deliveryDate),
          pos.map((o) => o.suggestion),
          pos.map((o) => o.suggestedQuantity),
        ],
      );
    }
  }

  /** A work order as ERP's feed last reported it; an older report arriving late changes nothing. */
  async recordWorkOrder(em: EntityManager, changed: WorkOrderChangedV1): Promise<void> {
    const wo = changed.workOrder;
    await em.query(
      `INSERT INTO ${WORK_ORDERS} (plant, number, item_number, revision, status, changed_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (plant, number) DO UPDATE SET item_number = EXCLUDED.item_number, revision = EXCLUDED.revision, status = EXCLUDED.status,
         changed_at = EXCLUDED.changed_at WHERE ${WORK_ORDERS}.changed_at <= EXCLUDED.changed_at`,
      [wo.plant, wo.number, wo.itemNumber, wo.revision, wo.status, changed.changedAt],
    );
  }

  /** The change's plants with their totals and how many orders of each kind are listed, by plant. */
  plants(changeNumber: string): Promise<ImpactedPlantRow[]> {
    return this.dataSource.query(
      `SELECT p.plant, p.release_id, p.effective_from, p.assessed_at, p.work_orders_total, p.work_orders_by_status, p.purchase_orders_total,
              (SELECT count(*)::int FROM ${ORDERS} o WHERE o.change_number = p.change_number AND o.plant = p.plant AND o.kind = 'work-order') AS work_orders_listed,
              (SELECT count(*)::int FROM ${ORDERS} o WHERE o.change_number = p.change_number AND o.plant = p.plant AND o.kind = 'purchase-order') AS purchase_orders_listed,
              (SELECT count(*)::int FROM ${ORDERS} o JOIN ${WORK_ORDERS} w ON w.plant = o.plant AND w.number = o.number
                WHERE o.change_number = p.change_number AND o.plant = p.plant AND o.kind = 'work-order' AND ${leftSql(2)}) AS work_orders_left
         FROM ${PLANTS} p WHERE p.change_number = $1 ORDER BY p.plant`,
      [changeNumber, OPEN],
    );
  }

  /** By plant, kind (purchase-order before work-order), number and line. */
  orders(changeNumber: string, filter: ImpactedOrderFilter): Promise<ImpactedOrderRow[]> {
    return this.dataSource.query(
      `SELECT o.plant, o.kind, o.number, o.line, o.item_number, o.open_quantity::text, o.delivery_date, o.suggestion, o.suggested_quantity::text,
              CASE WHEN o.kind = 'work-order' THEN w.status END AS status,
              (o.kind = 'work-order' AND w.number IS NOT NULL AND ${leftSql(9)}) AS left_old_revision
         FROM ${ORDERS} o
         JOIN ${PLANTS} p ON p.change_number = o.change_number AND p.plant = o.plant
         LEFT JOIN ${WORK_ORDERS} w ON o.kind = 'work-order' AND w.plant = o.plant AND w.number = o.number
        WHERE o.change_number = $1 AND ($2::text IS NULL OR o.plant = $2) AND ($3::text IS NULL OR o.kind = $3)
          AND ($4::text IS NULL OR (o.plant, o.kind, o.number, o.line) > ($4::text, $5::text, $6::text, $7::int))
        ORDER BY o.plant, o.kind, o.number, o.line
        LIMIT $8`,
      [
        changeNumber,
        filter.plant ?? null,
        filter.kind ?? null,
        filter.after?.plant ?? null,
        filter.after?.kind ?? null,
        filter.after?.number ?? null,
        filter.after?.line ?? null,
        filter.limit,
        OPEN,
      ],
    );
  }
}
