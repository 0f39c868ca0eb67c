import {
  ApplyPlantBomDto,
  InventoryPositionDto,
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
  limit: number;
  cursor?: string;
}

export interface InventoryCriteria {
  itemNumber?: string;
  limit: number;
  cursor?: string;
}

export interface PurchaseOrderCriteria {
  itemNumber?: string;
  status?: PurchaseOrderDto['status'];
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
  abstract listPlants(correlationId?: string): Promise<PlantDto[]>;

  abstract getPlantItem(plant: string, itemNumber: string, correlationId?: string): Promise<PlantItemDto>;

  /** Every BOM version of the item in the plant, newest first. */
  abstract listPlantBoms(plant: string, itemNumber: string, correlationId?: string): Promise<PlantBomDto[]>;

  /** The BOM version a change created, if that change was applied already. */
  abstract findPlantBomByChange(plant: string, itemNumber: string, changeNumber: string, correlationId?: string): Promise<PlantBomDto | undefined>;

  abstract createPlantBom(plant: string, bom: ApplyPlantBomDto, correlationId?: string): Promise<PlantBomDto>;

  abstract listWorkOrders(plant: string, criteria: WorkOrderCriteria, correlationId?: string): Promise<Page<WorkOrderDto>>;

  abstract listInventory(plant: string, criteria: InventoryCriteria, correlationId?: string): Promise<Page<InventoryPositionDto>>;

  abstract listPurchaseOrders(plant: string, criteria: PurchaseOrderCriteria, correlationId?: string): Promise<Page<PurchaseOrderDto>>;
}
