import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, keysetCursor } from '@threadline/platform';
import { iso } from '../dashboards/dashboard-query';
import { DashboardChangeNotFoundError } from '../dashboards/dashboards.errors';
import { ImpactedOrderDto, ImpactedOrderKind, ImpactedOrdersPageDto, PlantImpactedOrdersDto } from './impacted-orders.dto';
import { ImpactedOrderRow, ImpactedOrdersRepository, ImpactedPlantRow } from './impacted-orders.repository';

export interface ImpactedOrdersPage {
  plant?: string;
  kind?: ImpactedOrderKind;
  limit?: number;
  cursor?: string;
}

const num = (v: string | null): number | null => (v === null ? null : Number(v));

export function toPlantImpactedOrders(row: ImpactedPlantRow): PlantImpactedOrdersDto {
  return {
    plant: row.plant,
    effectiveFrom: iso(row.effective_from),
    assessedAt: iso(row.assessed_at)!,
    workOrders: {
      total: row.work_orders_total,
      listed: row.work_orders_listed,
      stillOnOldRevision: Math.max(row.work_orders_total - row.work_orders_left, 0),
      byStatus: row.work_orders_by_status,
    },
    purchaseOrders: { total: row.purchase_orders_total, listed: row.purchase_orders_listed },
  };
}

export function toImpactedOrder(row: ImpactedOrderRow): ImpactedOrderDto {
  const po = row.kind === 'purchase-order';
  return {
    plant: row.plant,
    kind: row.kind,
    number: row.number,
    line: po ? row.line : null,
    itemNumber: row.item_number,
    openQuantity: num(row.open_quantity),
    deliveryDate: row.delivery_date,
    suggestion: row.suggestion as ImpactedOrderDto['suggestion'],
    suggestedQuantity: num(row.suggested_quantity),
    status: row.status,
    stillOnOldRevision: !row.left_old_revision,
  };
}

/** Per change and plant, the work orders and purchase order lines on the outgoing revision, with their totals. */
@Injectable()
export class ImpactedOrdersService {
  constructor(private readonly impacted: ImpactedOrdersRepository) {}

  async list(changeNumber: string, page: ImpactedOrdersPage = {}): Promise<ImpactedOrdersPageDto> {
    const limit = page.limit ?? 50;
    const after = decodeCursor<{ p: string; k: string; n: string; l: string }>(page.cursor, keysetCursor('p', 'k', 'n', 'l'));
    const allPlants = await this.impacted.plants(changeNumber);
    if (allPlants.length === 0) throw new DashboardChangeNotFoundError(changeNumber);
    const plantRows = allPlants.filter((p) => !page.plant || p.plant === page.plant);
    const rows = await this.impacted.orders(changeNumber, {
      plant: page.plant,
      kind: page.kind,
      after: after && { plant: after.p, kind: after.k, number: after.n, line: Number(after.l) },
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const plants = plantRows.map(toPlantImpactedOrders);
    return {
      changeNumber,
      releaseId: allPlants[0].release_id,
      plants,
      totals: {
        workOrders: plants.reduce((n, p) => n + p.workOrders.total, 0),
        purchaseOrders: plants.reduce((n, p) => n + p.purchaseOrders.total, 0),
      },
      items: items.map(toImpactedOrder),
      nextCursor: rows.length > limit && last ? encodeCursor({ p: last.plant, k: last.kind, n: last.number, l: String(last.line) }) : null,
    };
  }
}
