import { PurchaseOrderDto, PurchaseOrderLineDto } from '@threadline/canonical';
import { SapPurchaseOrderItem } from '../connector/s4hana-native';
import { ErpMappingError } from './mapping-error';
import { parseSapDate, parseSapDecimal, unitToCanonical } from './sap-values';

/** Deletion code L: the document or item is deleted (SAP never removes purchase orders). */
const DELETED = 'L';

function lineToCanonical(item: SapPurchaseOrderItem): PurchaseOrderLineDto {
  const schedule = [...(item.to_ScheduleLine?.results ?? [])].sort((a, b) => a.ScheduleLine.localeCompare(b.ScheduleLine));
  if (schedule.length === 0) {
    throw new ErpMappingError(`purchase order ${item.PurchaseOrder} item ${item.PurchaseOrderItem} has no schedule line`, item.PurchaseOrderItem);
  }
  return {
    line: Number(item.PurchaseOrderItem),
    itemNumber: item.Material,
    quantity: parseSapDecimal(item.OrderQuantity),
    unit: unitToCanonical(item.PurchaseOrderQuantityUnit),
    deliveryDate: parseSapDate(schedule[0].ScheduleLineDeliveryDate).toISOString().slice(0, 10),
    receivedQuantity: schedule.reduce((sum, s) => sum + parseSapDecimal(s.RoughGoodsReceiptQty), 0),
  };
}

export const purchaseOrderMapper = {
  /**
   * One purchase order from its items (A_PurchaseOrderItem expanded with to_PurchaseOrder and
   * to_ScheduleLine), as the connector reads them by plant. Deleted items are left out.
   */
  toCanonical(items: SapPurchaseOrderItem[]): PurchaseOrderDto {
    const header = items[0]?.to_PurchaseOrder;
    if (!header) throw new ErpMappingError('purchase order item without its header (to_PurchaseOrder)', items[0]?.PurchaseOrder);
    const live = items.filter((i) => i.PurchasingDocumentDeletionCode !== DELETED);
    const lines = live.map(lineToCanonical).sort((a, b) => a.line - b.line);
    let status: PurchaseOrderDto['status'];
    if (header.PurchasingDocumentDeletionCode === DELETED || live.length === 0) status = 'CANCELLED';
    else if (live.every((i) => i.IsCompletelyDelivered)) status = 'RECEIVED';
    else if (lines.some((l) => l.receivedQuantity > 0)) status = 'PARTIALLY_RECEIVED';
    else status = 'OPEN';
    return {
      number: header.PurchaseOrder,
      plant: items[0].Plant,
      supplierId: header.Supplier,
      status,
      lines,
    };
  },

  /** Groups items (sorted by purchase order) into one list per purchase order, keeping the order. */
  groupByOrder(items: SapPurchaseOrderItem[]): SapPurchaseOrderItem[][] {
    const groups = new Map<string, SapPurchaseOrderItem[]>();
    for (const item of items) groups.set(item.PurchaseOrder, [...(groups.get(item.PurchaseOrder) ?? []), item]);
    return [...groups.values()];
  },
};
