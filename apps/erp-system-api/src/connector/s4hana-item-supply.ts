import { InventoryPositionDto, OPEN_PURCHASE_ORDER_STATUSES, PurchaseOrderDto, WorkOrderDto } from '@threadline/canonical';
import { BackendLimitExceededError, decodeCursor, encodeCursor, HttpRequest } from '@threadline/platform';
import { inventoryMapper } from '../mappers/inventory.mapper';
import { ErpMappingError } from '../mappers/mapping-error';
import { purchaseOrderMapper } from '../mappers/purchase-order.mapper';
import { workOrderMapper } from '../mappers/work-order.mapper';
import { ItemsPageQuery, TotalPage } from './erp.connector';
import { ODataCollection, odataFilter, odataString, SapMaterialStock, SapProductionOrder, SapPurchaseOrderItem } from './s4hana-native';

const ODATA = 'sap/opu/odata/sap';
const PRODUCTION_ORDER_SRV = `${ODATA}/API_PRODUCTION_ORDER_2_SRV`;
const STOCK_SRV = `${ODATA}/API_MATERIAL_STOCK_SRV`;
const PURCHASE_ORDER_SRV = `${ODATA}/API_PURCHASEORDER_PROCESS_SRV`;

/** Purchase order items read per call (SAP Gateway's page limit), and how many such windows one list may take. */
const PURCHASE_ORDER_ITEM_WINDOW = 1000;
const MAX_PURCHASE_ORDER_ITEM_WINDOWS = 20;

const OPEN_PURCHASE_ORDER = new Set<string>(OPEN_PURCHASE_ORDER_STATUSES);

type Call = <T>(request: HttpRequest) => Promise<T>;

/** A position in a list ERP orders stably: the page's cursor, so that `$inlinecount` keeps counting the whole list. */
function skipOf(cursor: string | undefined): number {
  const decoded = decodeCursor<{ skip: number }>(cursor, (v) => Number.isInteger((v as { skip?: unknown })?.skip) && (v as { skip: number }).skip >= 0);
  return decoded?.skip ?? 0;
}

/** `(Material eq 'A' or Material eq 'B')`: the items in one call, as S/4HANA's $filter takes them. */
function anyOf(property: string, values: string[]): string {
  return `(${values.map((v) => `${property} eq ${odataString(v)}`).join(' or ')})`;
}

function countOf(body: ODataCollection<unknown>, what: string): number {
  const total = Number(body.d.__count);
  if (body.d.__count === undefined || !Number.isInteger(total) || total < 0) throw new ErpMappingError(`${what}: no valid $inlinecount`, body.d.__count ?? null);
  return total;
}

function page<T>(items: T[], skip: number, total: number): TotalPage<T> {
  const next = skip + items.length;
  return { items, nextCursor: items.length > 0 && next < total ? encodeCursor({ skip: next }) : null, total };
}

/**
 * What workOrderMapper.toCanonical reads of an order and its user statuses: asking S/4HANA for
 * these only ($select) halves the answer to parse (a plant's open orders run to a thousand).
 */
const WORK_ORDER_SELECT = [
  'ManufacturingOrder',
  'ProductionPlant',
  'Material',
  'MaterialRevisionLevel',
  'TotalQuantity',
  'ProductionUnit',
  'MfgOrderPlannedStartDate',
  'MfgOrderPlannedStartTime',
  'MfgOrderPlannedEndDate',
  'MfgOrderPlannedEndTime',
  'OrderIsReleased',
  'OrderIsPartiallyConfirmed',
  'OrderIsTechnicallyCompleted',
  'OrderIsClosed',
  'OrderIsLocked',
  'OrderLockReason',
  'to_ProductionOrderStatus/StatusCode',
  'to_ProductionOrderStatus/StatusReference',
  'to_ProductionOrderStatus/StatusNoteText',
  'to_ProductionOrderStatus/StatusSetDateTime',
].join(',');

/**
 * The open work orders of several items in one call: not deleted, closed or technically completed
 * (CREATED, RELEASED, IN_PROGRESS, ON_HOLD), filtered and counted in S/4HANA.
 */
export async function readOpenWorkOrders(call: Call, plant: string, query: ItemsPageQuery): Promise<TotalPage<WorkOrderDto>> {
  const skip = skipOf(query.cursor);
  const body = await call<ODataCollection<SapProductionOrder>>({
    path: `${PRODUCTION_ORDER_SRV}/A_ProductionOrder_2`,
    query: {
      $filter: odataFilter([
        `ProductionPlant eq ${odataString(plant)}`,
        'OrderIsDeleted eq false',
        'OrderIsClosed eq false',
        'OrderIsTechnicallyCompleted eq false',
        anyOf('Material', query.itemNumbers),
      ]),
      $orderby: 'ManufacturingOrder',
      $top: query.limit,
      $skip: skip || undefined,
      $inlinecount: 'allpages',
      $expand: 'to_ProductionOrderStatus',
      $select: WORK_ORDER_SELECT,
    },
  });
  const total = countOf(body, `open work orders in ${plant}`);
  return page(body.d.results.slice(0, query.limit).map((native) => workOrderMapper.toCanonical(native)), skip, total);
}

/** The stock positions of several items in one call, counted in S/4HANA. */
export async function readItemInventory(call: Call, plant: string, query: ItemsPageQuery): Promise<TotalPage<InventoryPositionDto>> {
  const skip = skipOf(query.cursor);
  const body = await call<ODataCollection<SapMaterialStock>>({
    path: `${STOCK_SRV}/A_MatlStkInAcctMod`,
    query: {
      $filter: odataFilter([`Plant eq ${odataString(plant)}`, anyOf('Material', query.itemNumbers)]),
      $top: query.limit,
      $skip: skip || undefined,
      $inlinecount: 'allpages',
    },
  });
  const total = countOf(body, `stock in ${plant}`);
  return page(body.d.results.slice(0, query.limit).map((native) => inventoryMapper.toCanonical(native)), skip, total);
}

/**
 * The open purchase orders of several items: their order items read in windows of 1000 (usually
 * one call), grouped per order and item, so each entry and its status are what the list of that
 * one item answers. A status comes from items and schedule lines, so it is judged here, and the
 * total counted over all the windows; more than 20 windows is refused (BACKEND_LIMIT_EXCEEDED).
 */
export async function readOpenPurchaseOrders(call: Call, plant: string, query: ItemsPageQuery): Promise<TotalPage<PurchaseOrderDto>> {
  const skip = skipOf(query.cursor);
  const natives: SapPurchaseOrderItem[] = [];
  for (let window = 0; ; window++) {
    if (window === MAX_PURCHASE_ORDER_ITEM_WINDOWS) {
      throw new BackendLimitExceededError(`purchase order items of ${query.itemNumbers.length} items in ${plant}`, PURCHASE_ORDER_ITEM_WINDOW * MAX_PURCHASE_ORDER_ITEM_WINDOWS, natives.length + 1);
    }
    const body = await call<ODataCollection<SapPurchaseOrderItem>>({
      path: `${PURCHASE_ORDER_SRV}/A_PurchaseOrderItem`,
      query: {
        $filter: odataFilter([`Plant eq ${odataString(plant)}`, anyOf('Material', query.itemNumbers)]),
        $orderby: 'PurchaseOrder,PurchaseOrderItem',
        $expand: 'to_PurchaseOrder,to_ScheduleLine',
        $top: PURCHASE_ORDER_ITEM_WINDOW,
        $skip: window * PURCHASE_ORDER_ITEM_WINDOW || undefined,
      },
    });
    natives.push(...body.d.results);
    if (body.d.results.length < PURCHASE_ORDER_ITEM_WINDOW) break;
  }
  const groups = new Map<string, SapPurchaseOrderItem[]>();
  for (const native of natives) {
    const key = `${native.PurchaseOrder}\u0000${native.Material}`;
    groups.set(key, [...(groups.get(key) ?? []), native]);
  }
  const open = [...groups.values()].map((group) => purchaseOrderMapper.toCanonical(group)).filter((order) => OPEN_PURCHASE_ORDER.has(order.status));
  return page(open.slice(skip, skip + query.limit), skip, open.length);
}
