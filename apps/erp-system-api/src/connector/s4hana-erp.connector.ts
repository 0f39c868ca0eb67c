import type { ApplyPlantRoutingDto, PlantRoutingDto, PlantWorkCalendarDto, PlantWorkCenterDto } from '@threadline/canonical';
import { plantRoutingMapper, workCenterToCanonical } from '../mappers/plant-routing.mapper';
import type { SapRoutingOperationVersion, SapWorkCenter } from './s4hana-native';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import {
  ApplyPlantBomDto,
  CostRollupDto,
  CreatePlantItemDto,
  CreatePurchaseRequisitionDto,
  FlagWorkOrderDto,
  HoldWorkOrderDto,
  InventoryPositionDto,
  ItemCostDto,
  MaterialAvailabilityChangeDto,
  LIST_LIMITS,
  PlantBomDto,
  PlantDto,
  PlantItemDto,
  PurchaseOrderDto,
  PurchaseRequisitionDto,
  RoutingOperationDto,
  RunCostRollupDto,
  SupplierDto,
  WhereUsedDto,
  WorkOrderDto,
} from '@threadline/canonical';
import { AppError, assertWithinLimit, BackendClient, BackendDialect, decodeCursor, encodeCursor, HttpRequest, isBackendConflict, NotFoundError } from '@threadline/platform';
import { ErpSystemApiConfig } from '../erp-system-api.config';
import { inventoryMapper } from '../mappers/inventory.mapper';
import { ErpMappingError } from '../mappers/mapping-error';
import { PRODUCTION_BOM_VARIANT, plantBomMapper } from '../mappers/plant-bom.mapper';
import { plantItemMapper } from '../mappers/plant-item.mapper';
import { createPlantItemMapper } from '../mappers/create-plant-item.mapper';
import { plantMapper } from '../mappers/plant.mapper';
import { workCalendarMapper } from '../mappers/work-calendar.mapper';
import { purchaseOrderMapper } from '../mappers/purchase-order.mapper';
import { workOrderMapper } from '../mappers/work-order.mapper';
import { costRollupMapper, itemCostMapper } from '../mappers/costing.mapper';
import { purchaseRequisitionMapper } from '../mappers/purchase-requisition.mapper';
import { routingOperationMapper, supplierMapper, whereUsedMapper } from '../mappers/structure.mapper';
import {
  ErpConnector,
  InventoryCriteria,
  MaterialAvailabilityChangeQuery,
  Page,
  PurchaseOrderCriteria,
  PurchaseRequisitionCriteria,
  SupplierCriteria,
  WorkOrderChange,
  WorkOrderChangeQuery,
  WorkOrderCriteria,
} from './erp.connector';
import type { MasterDataChangeQuery } from './erp.connector';
import type { MasterDataChange } from '../mappers/master-data-change.mapper';
import { readMasterDataChanges } from './s4hana-master-data-changes';
import { readMaterialAvailabilityChanges } from './s4hana-material-availability';
import { readWhereUsedSummary } from './s4hana-where-used-summary';
import { readItemInventory, readOpenPurchaseOrders, readOpenWorkOrders } from './s4hana-item-supply';
import type { ItemsPageQuery, TotalPage } from './erp.connector';
import type { WhereUsedSummaryDto } from '@threadline/canonical';
import type { WhereUsedSummaryQuery } from './erp.connector';
import {
  ODataCollection,
  ODataEntity,
  odataFilter,
  odataString,
  SapErrorBody,
  SapMaterialBom,
  SapMaterialStock,
  SapMaterialWhereUsed,
  SapFactoryCalendar,
  SapPlant,
  SapProduct,
  SapProductCostEstimate,
  SapProductionOrder,
  SapProductValuation,
  SapPurchaseOrderItem,
  SapPurchaseRequisitionHeader,
  SapPurchaseRequisitionItem,
  SapRoutingOperation,
  SapSupplier,
} from './s4hana-native';

const BACKEND = 'S/4HANA';
const ODATA = 'sap/opu/odata/sap';
const PRODUCT_SRV = `${ODATA}/API_PRODUCT_SRV`;
const PLANT_SRV = `${ODATA}/API_PLANT_SRV`;
const BOM_SRV = `${ODATA}/API_BILL_OF_MATERIAL_SRV;v=0002`;
const PRODUCTION_ORDER_SRV = `${ODATA}/API_PRODUCTION_ORDER_2_SRV`;
const STOCK_SRV = `${ODATA}/API_MATERIAL_STOCK_SRV`;
const PURCHASE_ORDER_SRV = `${ODATA}/API_PURCHASEORDER_PROCESS_SRV`;
const PURCHASE_REQUISITION_SRV = `${ODATA}/API_PURCHASEREQ_PROCESS_SRV`;
const COST_ESTIMATE_SRV = `${ODATA}/API_PRODUCT_COST_ESTIMATE_SRV`;
const ROUTING_SRV = `${ODATA}/API_PRODUCTION_ROUTING`;
const WORK_CENTER_SRV = `${ODATA}/API_WORK_CENTERS`;
const BUSINESS_PARTNER_SRV = `${ODATA}/API_BUSINESS_PARTNER`;
const FACTORY_CALENDAR_SRV = `${ODATA}/API_FACTORY_CALENDAR_SRV`;

/** An instant as an Edm.DateTimeOffset literal for `$filter`. */
function odataInstant(iso: string): string {
  return `datetimeoffset'${new Date(iso).toISOString()}'`;
}

/** An instant as an Edm.DateTime function import parameter (SAP: no zone, meaning UTC). */
function odataDateTimeParameter(iso: string): string {
  return `datetime'${new Date(iso).toISOString().slice(0, 23)}'`;
}

/**
 * Purchase orders are read through their items (only items carry the plant), so a page of
 * orders is cut from a window of items; the window bounds one backend call.
 */
const PURCHASE_ORDER_ITEM_WINDOW = 1000;

/**
 * How S/4HANA speaks when it refuses: SAP Gateway's error document, whose message is the text to
 * pass on, and the standard status table (documented in the README) with no exceptions.
 */
export const S4HANA_DIALECT: BackendDialect = {
  backend: BACKEND,
  messageOf: (body) => {
    const value = (body as SapErrorBody)?.error?.message?.value;
    return typeof value === 'string' ? value : undefined;
  },
};

interface AfterCursor {
  after: string;
}

interface SkipCursor {
  skip: number;
}

function afterCursor(cursor: string | undefined): string | undefined {
  const decoded = decodeCursor<AfterCursor>(cursor);
  if (decoded !== undefined && typeof decoded?.after !== 'string') throw invalidCursor();
  return decoded?.after;
}

function skipCursor(cursor: string | undefined): number {
  const decoded = decodeCursor<SkipCursor>(cursor);
  if (decoded !== undefined && !(Number.isInteger(decoded?.skip) && decoded.skip >= 0)) throw invalidCursor();
  return decoded?.skip ?? 0;
}

/** SAP's message id of a refusal (`M3/300`), from the error document the backend sent. */
function sapCode(error: unknown): string | undefined {
  return ((error as AppError).extensions?.backendError as SapErrorBody | undefined)?.error?.code;
}

function invalidCursor(): AppError {
  return new AppError('INVALID_CURSOR', 'The cursor is not one this API issued');
}

/** The ErpConnector for SAP S/4HANA over its OData v2 APIs (API_PRODUCT_SRV, API_BILL_OF_MATERIAL_SRV, ...). */
@Injectable()
export class S4HanaErpConnector extends ErpConnector implements OnApplicationShutdown {
  private readonly client: BackendClient;

  constructor(@Inject(ErpSystemApiConfig) config: ErpSystemApiConfig) {
    super();
    this.client = new BackendClient({
      dialect: S4HANA_DIALECT,
      baseUrl: config.erpBaseUrl,
      timeoutMs: config.erpTimeoutMs,
      retries: config.erpRetries,
      limits: config.erpLimits,
      credentials: { tokenUrl: config.tokenUrl, clientId: config.clientId, clientSecret: config.clientSecret },
    });
  }

  /** Closes the connection pools once the app stops (after its workers): pending calls finish first. */
  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }

  async listPlants(): Promise<PlantDto[]> {
    // One more than the bound, so an ERP with more plants is refused (502), not cut short.
    const body = await this.call<ODataCollection<SapPlant>>({ path: `${PLANT_SRV}/A_Plant`, query: { $top: LIST_LIMITS.plants + 1 } });
    return assertWithinLimit(body.d.results, LIST_LIMITS.plants, 'plants of the ERP').map((native) => plantMapper.toCanonical(native));
  }

  async getPlantItem(plant: string, itemNumber: string): Promise<PlantItemDto> {
    // One call: the product with its plant records, descriptions and valuations.
    const body = await this.call<ODataEntity<SapProduct>>(
      {
        path: `${PRODUCT_SRV}/A_Product(${odataString(encodeURIComponent(itemNumber))})`,
        query: { $expand: 'to_Description,to_Plant,to_Valuation' },
      },
      { what: 'PlantItem', id: `${plant}/${itemNumber}` },
    );
    const item = plantItemMapper.toCanonical(body.d, plant);
    if (!item) throw new NotFoundError('PlantItem', `${plant}/${itemNumber}`);
    return item;
  }

  /**
   * POST A_Product with its plant record and valuation; when the material exists (M3/300), the
   * plant record and valuation are added to it (A_ProductPlant, A_ProductValuation). A valuation
   * an interrupted earlier attempt left out is added even when the plant record exists, and the
   * plant record's conflict is then passed on. Answers the item as the plant now holds it.
   */
  async createPlantItem(plant: string, item: CreatePlantItemDto): Promise<PlantItemDto> {
    try {
      await this.call({ method: 'POST', path: `${PRODUCT_SRV}/A_Product`, body: createPlantItemMapper.productFromCanonical(plant, item) });
    } catch (error) {
      if (!isBackendConflict(error) || sapCode(error) !== 'M3/300') throw error;
      let plantConflict: Error | undefined;
      await this.call({ method: 'POST', path: `${PRODUCT_SRV}/A_ProductPlant`, body: createPlantItemMapper.plantFromCanonical(plant, item) }).catch((e: unknown) => {
        if (!isBackendConflict(e)) throw e;
        plantConflict = e as Error;
      });
      await this.call({ method: 'POST', path: `${PRODUCT_SRV}/A_ProductValuation`, body: createPlantItemMapper.valuationFromCanonical(plant, item) }).catch((e: unknown) => {
        if (!isBackendConflict(e)) throw e;
      });
      if (plantConflict) throw plantConflict;
    }
    return this.getPlantItem(plant, item.itemNumber);
  }

  async listPlantBoms(plant: string, itemNumber: string): Promise<PlantBomDto[]> {
    const boms = assertWithinLimit(await this.readBoms(plant, itemNumber, undefined), LIST_LIMITS.plantBomVersions, `BOM versions of ${itemNumber} in ${plant}`);
    return boms.sort((a, b) => b.validFrom.localeCompare(a.validFrom));
  }

  async findPlantBomByChange(plant: string, itemNumber: string, changeNumber: string): Promise<PlantBomDto | undefined> {
    const [bom] = await this.readBoms(plant, itemNumber, changeNumber);
    return bom;
  }

  async createPlantBom(plant: string, bom: ApplyPlantBomDto): Promise<PlantBomDto> {
    const body = await this.call<ODataEntity<SapMaterialBom>>({
      method: 'POST',
      path: `${BOM_SRV}/MaterialBOM`,
      body: plantBomMapper.fromCanonical(plant, bom),
    });
    return plantBomMapper.toCanonical(body.d);
  }

  async listWorkOrders(plant: string, criteria: WorkOrderCriteria): Promise<Page<WorkOrderDto>> {
    const after = afterCursor(criteria.cursor);
    const filter = odataFilter([
      `ProductionPlant eq ${odataString(plant)}`,
      'OrderIsDeleted eq false',
      criteria.itemNumber !== undefined && `Material eq ${odataString(criteria.itemNumber)}`,
      ...(criteria.status ? workOrderMapper.statusFilter(criteria.status) : []),
      criteria.changedSince !== undefined && `LastChangeDateTime ge ${odataInstant(criteria.changedSince)}`,
      after !== undefined && `ManufacturingOrder gt ${odataString(after)}`,
    ]);
    const body = await this.call<ODataCollection<SapProductionOrder>>({
      path: `${PRODUCTION_ORDER_SRV}/A_ProductionOrder_2`,
      query: { $filter: filter, $orderby: 'ManufacturingOrder', $top: criteria.limit + 1, $expand: 'to_ProductionOrderStatus' },
    });
    const rows = body.d.results;
    const page = rows.slice(0, criteria.limit).map((native) => workOrderMapper.toCanonical(native));
    const more = rows.length > criteria.limit;
    return { items: page, nextCursor: more ? encodeCursor({ after: page[page.length - 1].number }) : null };
  }

  async listWorkOrderChanges(plant: string, query: WorkOrderChangeQuery): Promise<WorkOrderChange[]> {
    const filter = odataFilter([
      `ProductionPlant eq ${odataString(plant)}`,
      'OrderIsDeleted eq false',
      query.from !== undefined && `LastChangeDateTime ge ${odataInstant(query.from)}`,
      query.before !== undefined && `LastChangeDateTime lt ${odataInstant(query.before)}`,
      query.afterNumber !== undefined && `ManufacturingOrder gt ${odataString(query.afterNumber)}`,
    ]);
    const body = await this.call<ODataCollection<SapProductionOrder>>({
      path: `${PRODUCTION_ORDER_SRV}/A_ProductionOrder_2`,
      query: {
        $filter: filter,
        $orderby: query.order === 'changed' ? 'LastChangeDateTime,ManufacturingOrder' : 'ManufacturingOrder',
        $top: query.limit,
        $expand: 'to_ProductionOrderStatus',
      },
    });
    return body.d.results.map((native) => workOrderMapper.changeToCanonical(native));
  }

  async listMaterialAvailabilityChanges(plant: string, query: MaterialAvailabilityChangeQuery): Promise<MaterialAvailabilityChangeDto[]> {
    return readMaterialAvailabilityChanges((request) => this.call(request), plant, query);
  }

  listMasterDataChanges(query: MasterDataChangeQuery): Promise<MasterDataChange[]> {
    return readMasterDataChanges((request) => this.call(request), query);
  }

  async listInventory(plant: string, criteria: InventoryCriteria): Promise<Page<InventoryPositionDto>> {
    // Stock rows have an eleven-part key, so the cursor is a position rather than a key.
    const skip = skipCursor(criteria.cursor);
    const body = await this.call<ODataCollection<SapMaterialStock>>({
      path: `${STOCK_SRV}/A_MatlStkInAcctMod`,
      query: {
        $filter: odataFilter([`Plant eq ${odataString(plant)}`, criteria.itemNumber !== undefined && `Material eq ${odataString(criteria.itemNumber)}`]),
        $top: criteria.limit + 1,
        $skip: skip || undefined,
      },
    });
    const rows = body.d.results;
    const more = rows.length > criteria.limit;
    return { items: rows.slice(0, criteria.limit).map((native) => inventoryMapper.toCanonical(native)), nextCursor: more ? encodeCursor({ skip: skip + criteria.limit }) : null };
  }

  async listPurchaseOrders(plant: string, criteria: PurchaseOrderCriteria): Promise<Page<PurchaseOrderDto>> {
    const after = afterCursor(criteria.cursor);
    const body = await this.call<ODataCollection<SapPurchaseOrderItem>>({
      path: `${PURCHASE_ORDER_SRV}/A_PurchaseOrderItem`,
      query: {
        $filter: odataFilter([
          `Plant eq ${odataString(plant)}`,
          criteria.itemNumber !== undefined && `Material eq ${odataString(criteria.itemNumber)}`,
          criteria.changedSince !== undefined && `LastChangeDateTime ge ${odataInstant(criteria.changedSince)}`,
          after !== undefined && `PurchaseOrder gt ${odataString(after)}`,
        ]),
        $orderby: 'PurchaseOrder,PurchaseOrderItem',
        $expand: 'to_PurchaseOrder,to_ScheduleLine',
        $top: PURCHASE_ORDER_ITEM_WINDOW,
      },
    });
    const windowFull = body.d.results.length === PURCHASE_ORDER_ITEM_WINDOW;
    let groups = purchaseOrderMapper.groupByOrder(body.d.results);
    // A full window may have cut the last order's items short; that order starts the next page.
    if (windowFull && groups.length > 1) groups = groups.slice(0, -1);
    // Status is derived from items and schedule lines, so it is filtered here, not in $filter.
    const orders = groups.map((group) => purchaseOrderMapper.toCanonical(group)).filter((o) => !criteria.status || o.status === criteria.status);
    const page = orders.slice(0, criteria.limit);
    let nextAfter: string | undefined;
    if (orders.length > criteria.limit) nextAfter = page[page.length - 1].number;
    else if (windowFull) nextAfter = groups[groups.length - 1][0].PurchaseOrder;
    return { items: page, nextCursor: nextAfter !== undefined ? encodeCursor({ after: nextAfter }) : null };
  }

  async getWorkOrder(plant: string, number: string): Promise<WorkOrderDto> {
    const single = { what: 'WorkOrder', id: `${plant}/${number}` };
    const body = await this.call<ODataEntity<SapProductionOrder>>(
      {
        path: `${PRODUCTION_ORDER_SRV}/A_ProductionOrder_2(${odataString(encodeURIComponent(number))})`,
        query: { $expand: 'to_ProductionOrderStatus' },
      },
      single,
    );
    // One ERP serves every plant: an order of another plant, or a deleted one, is not this plant's.
    if (body.d.ProductionPlant !== plant || body.d.OrderIsDeleted) throw new NotFoundError(single.what, single.id);
    return workOrderMapper.toCanonical(body.d);
  }

  async addWorkOrderFlag(number: string, flag: FlagWorkOrderDto): Promise<void> {
    await this.call({
      method: 'POST',
      path: `${PRODUCTION_ORDER_SRV}/A_ProductionOrderStatus_2`,
      body: workOrderMapper.flagFromCanonical(number, flag),
    });
  }

  async setWorkOrderHold(number: string, hold: HoldWorkOrderDto | null): Promise<void> {
    await this.call({
      method: 'PATCH',
      path: `${PRODUCTION_ORDER_SRV}/A_ProductionOrder_2(${odataString(encodeURIComponent(number))})`,
      body: workOrderMapper.holdFromCanonical(hold),
      // Setting the same lock state again is harmless, so a lost answer may be retried.
      idempotent: true,
    });
  }

  async findPurchaseRequisition(plant: string, itemNumber: string, reference: string): Promise<PurchaseRequisitionDto | undefined> {
    const page = await this.listPurchaseRequisitions(plant, { itemNumber, reference, limit: 1 });
    return page.items[0];
  }

  async createPurchaseRequisition(plant: string, requisition: CreatePurchaseRequisitionDto): Promise<PurchaseRequisitionDto> {
    const body = await this.call<ODataEntity<SapPurchaseRequisitionHeader>>({
      method: 'POST',
      path: `${PURCHASE_REQUISITION_SRV}/A_PurchaseRequisitionHeader`,
      body: purchaseRequisitionMapper.fromCanonical(plant, requisition),
    });
    const [item] = body.d.to_PurchaseReqnItem?.results ?? [];
    if (!item) throw new ErpMappingError(`purchase requisition ${body.d.PurchaseRequisition} came back without its item`, body.d.PurchaseRequisition);
    return purchaseRequisitionMapper.toCanonical(item);
  }

  async listPurchaseRequisitions(plant: string, criteria: PurchaseRequisitionCriteria): Promise<Page<PurchaseRequisitionDto>> {
    const skip = skipCursor(criteria.cursor);
    const body = await this.call<ODataCollection<SapPurchaseRequisitionItem>>({
      path: `${PURCHASE_REQUISITION_SRV}/A_PurchaseRequisitionItem`,
      query: {
        $filter: odataFilter([
          `Plant eq ${odataString(plant)}`,
          'IsDeleted eq false',
          criteria.itemNumber !== undefined && `Material eq ${odataString(criteria.itemNumber)}`,
          criteria.reference !== undefined && `RequirementTracking eq ${odataString(criteria.reference)}`,
        ]),
        $orderby: 'PurchaseRequisition,PurchaseRequisitionItem',
        $top: criteria.limit + 1,
        $skip: skip || undefined,
      },
    });
    const rows = body.d.results;
    const more = rows.length > criteria.limit;
    return {
      items: rows.slice(0, criteria.limit).map((native) => purchaseRequisitionMapper.toCanonical(native)),
      nextCursor: more ? encodeCursor({ skip: skip + criteria.limit }) : null,
    };
  }

  async findCostRollup(plant: string, itemNumber: string, changeNumber: string): Promise<CostRollupDto | undefined> {
    const body = await this.call<ODataCollection<SapProductCostEstimate>>({
      path: `${COST_ESTIMATE_SRV}/A_ProductCostEstimate`,
      query: {
        $filter: odataFilter([
          `Product eq ${odataString(itemNumber)}`,
          `Plant eq ${odataString(plant)}`,
          `EngineeringChangeDocument eq ${odataString(changeNumber)}`,
        ]),
        $top: 1,
      },
    });
    const [estimate] = body.d.results;
    return estimate ? costRollupMapper.toCanonical(estimate) : undefined;
  }

  async runCostRollup(plant: string, rollup: RunCostRollupDto): Promise<CostRollupDto> {
    const body = await this.call<ODataEntity<SapProductCostEstimate>>({
      method: 'POST',
      path: `${COST_ESTIMATE_SRV}/A_ProductCostEstimate`,
      body: costRollupMapper.fromCanonical(plant, rollup),
    });
    return costRollupMapper.toCanonical(body.d);
  }

  async getItemCost(plant: string, itemNumber: string): Promise<ItemCostDto> {
    const key = `Product=${odataString(encodeURIComponent(itemNumber))},ValuationArea=${odataString(encodeURIComponent(plant))},ValuationType=''`;
    const body = await this.call<ODataEntity<SapProductValuation>>(
      { path: `${PRODUCT_SRV}/A_ProductValuation(${key})` },
      { what: 'ItemCost', id: `${plant}/${itemNumber}` },
    );
    return itemCostMapper.toCanonical(body.d);
  }

  async whereUsed(plant: string, itemNumber: string, at: string): Promise<WhereUsedDto[]> {
    const body = await this.call<ODataCollection<SapMaterialWhereUsed>>({
      path: `${BOM_SRV}/MaterialWhereUsed`,
      query: { Material: odataString(itemNumber), Plant: odataString(plant), ValidityDate: odataDateTimeParameter(at) },
    });
    // A function import takes no $top: the whole answer arrives and is checked before it is mapped.
    return assertWithinLimit(body.d.results, LIST_LIMITS.whereUsedPaths, `where-used paths of ${itemNumber} in ${plant}`).map((native) => whereUsedMapper.toCanonical(native));
  }

  async whereUsedSummary(plant: string, query: WhereUsedSummaryQuery): Promise<WhereUsedSummaryDto> {
    return readWhereUsedSummary((request) => this.call(request), plant, query);
  }

  async listOpenWorkOrders(plant: string, query: ItemsPageQuery): Promise<TotalPage<WorkOrderDto>> {
    return readOpenWorkOrders((request) => this.call(request), plant, query);
  }

  async listItemInventory(plant: string, query: ItemsPageQuery): Promise<TotalPage<InventoryPositionDto>> {
    return readItemInventory((request) => this.call(request), plant, query);
  }

  async listOpenPurchaseOrders(plant: string, query: ItemsPageQuery): Promise<TotalPage<PurchaseOrderDto>> {
    return readOpenPurchaseOrders((request) => this.call(request), plant, query);
  }

  async listRouting(plant: string, itemNumber: string): Promise<RoutingOperationDto[]> {
    const body = await this.call<ODataCollection<SapRoutingOperation>>({
      path: `${ROUTING_SRV}/ProductionRoutingOperation`,
      query: {
        // The version in force today (routings under change management keep older and future ones).
        $filter: odataFilter([
          `Material eq ${odataString(itemNumber)}`,
          `Plant eq ${odataString(plant)}`,
          `ValidityStartDate le ${odataDateTimeParameter(new Date().toISOString())}`,
          `ValidityEndDate gt ${odataDateTimeParameter(new Date().toISOString())}`,
        ]),
        $orderby: 'Operation',
        $top: LIST_LIMITS.routingOperations + 1,
      },
    });
    const operations = assertWithinLimit(body.d.results, LIST_LIMITS.routingOperations, `routing operations of ${itemNumber} in ${plant}`);
    return operations.map((native) => routingOperationMapper.toCanonical(native)).sort((a, b) => a.sequence - b.sequence);
  }

  async getWorkCalendar(plant: string): Promise<PlantWorkCalendarDto> {
    // The plant names its factory calendar; the calendar comes with its holidays in one read.
    const plantBody = await this.call<ODataEntity<SapPlant>>({ path: `${PLANT_SRV}/A_Plant(${odataString(encodeURIComponent(plant))})` }, { what: 'Plant', id: plant });
    const calendarId = plantBody.d.FactoryCalendar;
    if (!calendarId) throw new NotFoundError('WorkCalendar', plant);
    const body = await this.call<ODataEntity<SapFactoryCalendar>>(
      { path: `${FACTORY_CALENDAR_SRV}/A_FactoryCalendar(${odataString(encodeURIComponent(calendarId))})`, query: { $expand: 'to_Holiday' } },
      { what: 'WorkCalendar', id: plant },
    );
    return workCalendarMapper.toCanonical(plantBody.d, body.d);
  }

  async listWorkCenters(plant: string): Promise<PlantWorkCenterDto[]> {
    const body = await this.call<ODataCollection<SapWorkCenter>>({
      path: `${WORK_CENTER_SRV}/A_WorkCenters`,
      query: { $filter: `Plant eq ${odataString(plant)}`, $top: LIST_LIMITS.routingOperations + 1 },
    });
    return assertWithinLimit(body.d.results, LIST_LIMITS.routingOperations, `work centres of ${plant}`).map(workCenterToCanonical);
  }

  async listPlantRoutings(plant: string, itemNumber: string): Promise<PlantRoutingDto[]> {
    const [body, workCenters] = await Promise.all([
      this.call<ODataCollection<SapRoutingOperationVersion>>({
        path: `${ROUTING_SRV}/ProductionRoutingOperation`,
        query: { $filter: odataFilter([`Material eq ${odataString(itemNumber)}`, `Plant eq ${odataString(plant)}`]), $top: 10 * LIST_LIMITS.routingOperations + 1 },
      }),
      this.listWorkCenters(plant),
    ]);
    const operations = assertWithinLimit(body.d.results, 10 * LIST_LIMITS.routingOperations, `routing versions of ${itemNumber} in ${plant}`);
    return plantRoutingMapper.toCanonical(plant, itemNumber, operations, workCenters);
  }

  async createPlantRouting(plant: string, routing: ApplyPlantRoutingDto): Promise<PlantRoutingDto> {
    const native = plantRoutingMapper.fromCanonical(plant, routing, await this.listWorkCenters(plant));
    await this.call({ method: 'POST', path: `${ROUTING_SRV}/ProductionRoutingHeader`, body: native });
    const created = (await this.listPlantRoutings(plant, routing.itemNumber)).find((r) => r.changeNumber === routing.changeNumber);
    if (!created) throw new ErpMappingError(`routing of ${routing.itemNumber} with change ${routing.changeNumber} not found after its creation`, routing.changeNumber);
    return created;
  }

  async listSuppliers(criteria: SupplierCriteria): Promise<Page<SupplierDto>> {
    const after = afterCursor(criteria.cursor);
    const body = await this.call<ODataCollection<SapSupplier>>({
      path: `${BUSINESS_PARTNER_SRV}/A_Supplier`,
      query: {
        $filter: after !== undefined ? `Supplier gt ${odataString(after)}` : undefined,
        $orderby: 'Supplier',
        $top: criteria.limit + 1,
      },
    });
    const rows = body.d.results;
    const page = rows.slice(0, criteria.limit).map((native) => supplierMapper.toCanonical(native));
    return { items: page, nextCursor: rows.length > criteria.limit ? encodeCursor({ after: page[page.length - 1].id }) : null };
  }

  private async readBoms(plant: string, itemNumber: string, changeNumber: string | undefined): Promise<PlantBomDto[]> {
    const body = await this.call<ODataCollection<SapMaterialBom>>({
      path: `${BOM_SRV}/MaterialBOM`,
      query: {
        $filter: odataFilter([
          `Material eq ${odataString(itemNumber)}`,
          `Plant eq ${odataString(plant)}`,
          `BillOfMaterialVariant eq ${odataString(PRODUCTION_BOM_VARIANT)}`,
          changeNumber !== undefined && `EngineeringChangeDocument eq ${odataString(changeNumber)}`,
        ]),
        $expand: 'to_BillOfMaterialItem',
        // One more than the bound, so listPlantBoms sees an item with too many versions.
        $top: LIST_LIMITS.plantBomVersions + 1,
      },
    });
    return body.d.results.map((native) => plantBomMapper.toCanonical(native));
  }

  /** One backend call; the backend's failures become the platform's coded errors. */
  private call<T>(request: HttpRequest, single?: { what: string; id: string }): Promise<T> {
    return this.client.send<T>(request, single);
  }
}
