import type { ApplyPlantRoutingDto, PlantRoutingDto, PlantWorkCalendarDto, PlantWorkCenterDto } from '@threadline/canonical';
import type { MasterDataChange } from '../mappers/master-data-change.mapper';
import {
  ApplyPlantBomDto,
  CostRollupDto,
  CreatePlantItemDto,
  CreatePurchaseRequisitionDto,
  FlagWorkOrderDto,
  HoldWorkOrderDto,
  InventoryPositionDto,
  MaterialAvailabilityChangeDto,
  ItemCostDto,
  PurchaseRequisitionDto,
  RoutingOperationDto,
  RunCostRollupDto,
  SupplierDto,
  WhereUsedDto,
  WhereUsedSummaryDto,
  PlantBomDto,
  PlantDto,
  PlantItemDto,
  PurchaseOrderDto,
  WorkOrderDto,
  WorkOrderStatus,
} from '@threadline/canonical';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface WorkOrderCriteria {
  itemNumber?: string;
  status?: WorkOrderStatus;
  /** Orders changed at or after this instant (ISO 8601). */
  changedSince?: string;
  limit: number;
  cursor?: string;
}

/** A work order as a change feed reads it: with ERP's time of its last change. */
export interface WorkOrderChange {
  workOrder: WorkOrderDto;
  /** ERP's last change time (ISO 8601, milliseconds: S/4HANA's OData precision). */
  changedAt: string;
}

/**
 * A window of ERP's work-order changes: changed at or after `from` and before `before`,
 * excluding deleted orders. Ordered by change time then number (`changed`), or by number alone
 * (`number`, which `afterNumber` continues).
 */
export interface WorkOrderChangeQuery {
  from?: string;
  before?: string;
  afterNumber?: string;
  order: 'changed' | 'number';
  limit: number;
}

/** A window of ERP's material availability changes: at or after `from`, before `before`. */
export interface MaterialAvailabilityChangeQuery {
  from: string;
  before: string;
  /** At most this many of each kind (purchase order lines, material document items). */
  limit: number;
}

/** ERP's master-data changes at or after `from` (ISO 8601), at most `limit`, in change order. */
export interface MasterDataChangeQuery {
  from: string;
  limit: number;
}

export interface InventoryCriteria {
  itemNumber?: string;
  limit: number;
  cursor?: string;
}

export interface PurchaseOrderCriteria {
  itemNumber?: string;
  status?: PurchaseOrderDto['status'];
  /** Orders changed at or after this instant (ISO 8601). */
  changedSince?: string;
  limit: number;
  cursor?: string;
}

export interface PurchaseRequisitionCriteria {
  itemNumber?: string;
  reference?: string;
  limit: number;
  cursor?: string;
}

/** The where-used of several items in one plant: totals per item and a page of their paths. */
export interface WhereUsedSummaryQuery {
  itemNumbers: string[];
  /** The BOMs valid at this instant (ISO 8601). */
  at: string;
  limit: number;
  cursor?: string;
}

/** Several items' entries in one plant, a page at a time. */
export interface ItemsPageQuery {
  itemNumbers: string[];
  limit: number;
  cursor?: string;
}

/** A page with how many entries all the pages hold. */
export interface TotalPage<T> extends Page<T> {
  total: number;
}

export interface SupplierCriteria {
  limit: number;
  cursor?: string;
}

/**
 * The port to the ERP: everything this system API knows about ERP goes through it, in
 * canonical terms. S4HanaErpConnector is the adapter for SAP S/4HANA; another ERP gets another
 * adapter bound to this same class (the abstract class doubles as the injection token).
 * Errors: NotFoundError for a missing object, BackendError when the ERP refuses,
 * BackendUnavailableError when it does not answer.
 */
export abstract class ErpConnector {
  abstract listPlants(): Promise<PlantDto[]>;

  abstract getPlantItem(plant: string, itemNumber: string): Promise<PlantItemDto>;

  /**
   * Creates the item in the plant's ERP (material, plant data, valuation), or extends an item the
   * ERP knows in other plants to this one. BACKEND_CONFLICT (409) when the plant holds it already.
   */
  abstract createPlantItem(plant: string, item: CreatePlantItemDto): Promise<PlantItemDto>;

  /** Every BOM version of the item in the plant, newest first. */
  abstract listPlantBoms(plant: string, itemNumber: string): Promise<PlantBomDto[]>;

  /** The BOM version a change created, if that change was applied already. */
  abstract findPlantBomByChange(plant: string, itemNumber: string, changeNumber: string): Promise<PlantBomDto | undefined>;

  abstract createPlantBom(plant: string, bom: ApplyPlantBomDto): Promise<PlantBomDto>;

  abstract listWorkOrders(plant: string, criteria: WorkOrderCriteria): Promise<Page<WorkOrderDto>>;

  /** Up to `limit` changed work orders of the plant in the query's window and order (the change feed). */
  abstract listWorkOrderChanges(plant: string, query: WorkOrderChangeQuery): Promise<WorkOrderChange[]>;

  abstract listInventory(plant: string, criteria: InventoryCriteria): Promise<Page<InventoryPositionDto>>;

  abstract listPurchaseOrders(plant: string, criteria: PurchaseOrderCriteria): Promise<Page<PurchaseOrderDto>>;

  /** One work order with its flags; NotFoundError when it does not exist in the plant. */
  abstract getWorkOrder(plant: string, number: string): Promise<WorkOrderDto>;

  /** Sets a flag on an order; the ERP refuses (409) the same flag and reference twice. */
  abstract addWorkOrderFlag(number: string, flag: FlagWorkOrderDto): Promise<void>;

  /** Puts an order on hold, or with null releases it (its status is then what its other state says). */
  abstract setWorkOrderHold(number: string, hold: HoldWorkOrderDto | null): Promise<void>;

  abstract findPurchaseRequisition(plant: string, itemNumber: string, reference: string): Promise<PurchaseRequisitionDto | undefined>;

  /** The ERP refuses (409) a second requisition for the same plant, item and reference. */
  abstract createPurchaseRequisition(plant: string, requisition: CreatePurchaseRequisitionDto): Promise<PurchaseRequisitionDto>;

  abstract listPurchaseRequisitions(plant: string, criteria: PurchaseRequisitionCriteria): Promise<Page<PurchaseRequisitionDto>>;

  abstract findCostRollup(plant: string, itemNumber: string, changeNumber: string): Promise<CostRollupDto | undefined>;

  /** Costs the item's BOM valid at validFrom and records it as the future standard cost; the ERP refuses (409) a change twice. */
  abstract runCostRollup(plant: string, rollup: RunCostRollupDto): Promise<CostRollupDto>;

  abstract getItemCost(plant: string, itemNumber: string): Promise<ItemCostDto>;

  /** Every assembly using the item at `at`, all levels, one entry per path. */
  abstract whereUsed(plant: string, itemNumber: string, at: string): Promise<WhereUsedDto[]>;

  /** Totals of the where-used of each item (in the order given) and a page of their paths, nearest first, computed in ERP. */
  abstract whereUsedSummary(plant: string, query: WhereUsedSummaryQuery): Promise<WhereUsedSummaryDto>;

  /** The open work orders (not completed, closed or deleted) of the items, by number, each with the revision it builds. */
  abstract listOpenWorkOrders(plant: string, query: ItemsPageQuery): Promise<TotalPage<WorkOrderDto>>;

  /** The stock positions of the items. */
  abstract listItemInventory(plant: string, query: ItemsPageQuery): Promise<TotalPage<InventoryPositionDto>>;

  /** The open purchase orders of the items: one entry per order and item, with that item's lines and status. */
  abstract listOpenPurchaseOrders(plant: string, query: ItemsPageQuery): Promise<TotalPage<PurchaseOrderDto>>;

  abstract listRouting(plant: string, itemNumber: string): Promise<RoutingOperationDto[]>;
  /** The plant's work centres with their plant-neutral kinds. */
  abstract listWorkCenters(plant: string): Promise<PlantWorkCenterDto[]>;
  /** The plant's work calendar (working weekdays, non-working days); NotFoundError when ERP holds none for it. */
  abstract getWorkCalendar(plant: string): Promise<PlantWorkCalendarDto>;
  /** Every version of the item's routing in the plant, oldest first. */
  abstract listPlantRoutings(plant: string, itemNumber: string): Promise<PlantRoutingDto[]>;
  /** Creates the change's routing version (PLANT_WORK_CENTER_UNKNOWN when the plant lacks a kind; ERP's 409 for a change it has). */
  abstract createPlantRouting(plant: string, routing: ApplyPlantRoutingDto): Promise<PlantRoutingDto>;

  abstract listSuppliers(criteria: SupplierCriteria): Promise<Page<SupplierDto>>;

  /**
   * What changed the availability of items in the plant in the window: purchase order lines
   * changed and goods movements posted, in change-time order (the material availability feed).
   */
  abstract listMaterialAvailabilityChanges(plant: string, query: MaterialAvailabilityChangeQuery): Promise<MaterialAvailabilityChangeDto[]>;

  /** What changed in ERP's master data (materials' plant data, BOMs, routings), in change order (the master-data feed). */
  abstract listMasterDataChanges(query: MasterDataChangeQuery): Promise<MasterDataChange[]>;
}
