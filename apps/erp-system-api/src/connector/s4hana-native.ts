/**
 * The S/4HANA OData v2 payloads this connector reads and writes, by API field name. Only the
 * fields the mappers use are listed; SAP sends many more.
 */

export interface ODataMetadata {
  __metadata?: { id?: string; uri: string; type: string };
}

export interface ODataCollection<T> {
  d: { results: T[]; __count?: string; __next?: string };
}

export interface ODataEntity<T> {
  d: T;
}

export interface Deferred<T> {
  results: T[];
}

/** API_PLANT_SRV A_Plant */
export interface SapPlant extends ODataMetadata {
  Plant: string;
  PlantName: string;
  CityName?: string;
  TimeZone: string;
  /** The plant's factory calendar; empty when it names none. */
  FactoryCalendar?: string;
}

/** API_FACTORY_CALENDAR_SRV A_FactoryCalendarHoliday */
export interface SapFactoryCalendarHoliday extends ODataMetadata {
  FactoryCalendar: string;
  HolidayDate: string;
  HolidayDescription: string;
}

/** API_FACTORY_CALENDAR_SRV A_FactoryCalendar, with to_Holiday expanded */
export interface SapFactoryCalendar extends ODataMetadata {
  FactoryCalendar: string;
  IsMondayWorkingDay: boolean;
  IsTuesdayWorkingDay: boolean;
  IsWednesdayWorkingDay: boolean;
  IsThursdayWorkingDay: boolean;
  IsFridayWorkingDay: boolean;
  IsSaturdayWorkingDay: boolean;
  IsSundayWorkingDay: boolean;
  LastChangeDateTime?: string | null;
  to_Holiday?: Deferred<SapFactoryCalendarHoliday>;
}

/** API_PRODUCT_SRV A_ProductDescription */
export interface SapProductDescription extends ODataMetadata {
  Product: string;
  Language: string;
  ProductDescription: string;
}

/** API_PRODUCT_SRV A_ProductPlant */
export interface SapProductPlant extends ODataMetadata {
  Product: string;
  Plant: string;
  /** E in-house production, F external procurement, X both. */
  ProcurementType: string;
  MaterialRevisionLevel: string;
  /** MRP controller (MARC-DISPO). */
  MRPResponsible?: string;
  /** EX lot-for-lot, WB weekly, MB monthly. */
  LotSizingProcedure?: string;
  FutureRevisionLevel?: string;
  FutureRevisionValidFrom?: string | null;
}

/** API_PRODUCT_SRV A_ProductValuation */
export interface SapProductValuation extends ODataMetadata {
  Product: string;
  ValuationArea: string;
  /** Price control: S standard price, V moving average. */
  InventoryValuationProcedure?: string;
  StandardPrice: string;
  PriceUnitQty: string;
  Currency: string;
  FuturePrice?: string | null;
  FuturePriceValidityStartDate?: string | null;
}

/** API_PRODUCT_SRV A_Product, read with $expand=to_Description,to_Plant,to_Valuation */
export interface SapProduct extends ODataMetadata {
  Product: string;
  ProductType: string;
  BaseUnit: string;
  to_Description?: Deferred<SapProductDescription>;
  to_Plant?: Deferred<SapProductPlant>;
  to_Valuation?: Deferred<SapProductValuation>;
}

/** POST A_ProductPlant (or inside A_Product's to_Plant). */
export interface SapProductPlantCreate {
  Product?: string;
  Plant: string;
  ProcurementType: 'E' | 'F';
  MRPType: string;
  MRPResponsible: string;
  LotSizingProcedure: string;
  MaterialRevisionLevel: string;
}

/** POST A_ProductValuation (or inside A_Product's to_Valuation). */
export interface SapProductValuationCreate {
  Product?: string;
  ValuationArea: string;
  InventoryValuationProcedure: 'S' | 'V';
  StandardPrice: string;
  PriceUnitQty: string;
  Currency: string;
}

/** The deep-insert body of POST A_Product. */
export interface SapProductCreate {
  Product: string;
  ProductType: string;
  BaseUnit: string;
  to_Description: { results: Array<{ Language: string; ProductDescription: string }> };
  to_Plant: { results: SapProductPlantCreate[] };
  to_Valuation: { results: SapProductValuationCreate[] };
}

/** API_BILL_OF_MATERIAL_SRV;v=0002 MaterialBOMItem */
export interface SapMaterialBomItem extends ODataMetadata {
  BillOfMaterialItemNumber: string;
  BillOfMaterialItemCategory?: string;
  BillOfMaterialComponent: string;
  BillOfMaterialItemQuantity: string;
  BillOfMaterialItemUnit: string;
}

/** API_BILL_OF_MATERIAL_SRV;v=0002 MaterialBOM, read with $expand=to_BillOfMaterialItem */
export interface SapMaterialBom extends ODataMetadata {
  BillOfMaterial: string;
  BillOfMaterialCategory: string;
  BillOfMaterialVariant: string;
  EngineeringChangeDocument: string;
  Material: string;
  Plant: string;
  BOMHeaderRevisionLevel: string;
  BOMHeaderBaseUnit: string;
  ValidityStartDate: string;
  ValidityEndDate: string;
  to_BillOfMaterialItem?: Deferred<SapMaterialBomItem>;
}

/** The deep-insert body of POST MaterialBOM. */
export interface SapMaterialBomCreate {
  Material: string;
  Plant: string;
  BillOfMaterialCategory: 'M';
  BillOfMaterialVariant: string;
  BillOfMaterialVariantUsage: string;
  EngineeringChangeDocument: string;
  BOMHeaderRevisionLevel: string;
  BOMHeaderQuantityInBaseUnit: string;
  ValidityStartDate: string;
  to_BillOfMaterialItem: { results: Array<Omit<SapMaterialBomItem, '__metadata'>> };
}

/** API_PRODUCTION_ORDER_2_SRV A_ProductionOrder_2 */
export interface SapProductionOrder extends ODataMetadata {
  ManufacturingOrder: string;
  Material: string;
  ProductionPlant: string;
  MaterialRevisionLevel: string;
  TotalQuantity: string;
  ProductionUnit: string;
  MfgOrderPlannedStartDate: string;
  MfgOrderPlannedStartTime: string;
  MfgOrderPlannedEndDate: string;
  MfgOrderPlannedEndTime: string;
  OrderIsReleased: boolean;
  OrderIsPartiallyConfirmed: boolean;
  OrderIsTechnicallyCompleted: boolean;
  OrderIsClosed: boolean;
  OrderIsDeleted: boolean;
  OrderIsLocked: boolean;
  OrderLockReason?: string;
  OrderLockReference?: string;
  LastChangeDateTime?: string;
  to_ProductionOrderStatus?: Deferred<SapProductionOrderStatus>;
}

/** API_PRODUCTION_ORDER_2_SRV A_ProductionOrderStatus_2: a user status set on an order. */
export interface SapProductionOrderStatus extends ODataMetadata {
  ManufacturingOrder: string;
  StatusCode: string;
  StatusReference: string;
  StatusNoteText: string;
  StatusSetDateTime: string;
}

/** POST A_ProductionOrderStatus_2 */
export interface SapProductionOrderStatusCreate {
  ManufacturingOrder: string;
  StatusCode: string;
  StatusReference: string;
  StatusNoteText?: string;
}

/** PATCH A_ProductionOrder_2('…'): lock (system status LKD) with reason and reference, or unlock. */
export interface SapProductionOrderLockPatch {
  OrderIsLocked: boolean;
  OrderLockReason?: string;
  OrderLockReference?: string;
}

/** API_PURCHASEREQ_PROCESS_SRV A_PurchaseRequisitionItem */
export interface SapPurchaseRequisitionItem extends ODataMetadata {
  PurchaseRequisition: string;
  PurchaseRequisitionItem: string;
  Material: string;
  Plant: string;
  RequestedQuantity: string;
  BaseUnit: string;
  DeliveryDate: string;
  RequirementTracking: string;
  /** N not edited, B purchase order created. */
  ProcessingStatus: string;
  IsDeleted: boolean;
}

/** API_PURCHASEREQ_PROCESS_SRV A_PurchaseRequisitionHeader, read with $expand=to_PurchaseReqnItem */
export interface SapPurchaseRequisitionHeader extends ODataMetadata {
  PurchaseRequisition: string;
  PurchaseRequisitionType: string;
  to_PurchaseReqnItem?: Deferred<SapPurchaseRequisitionItem>;
}

/** The deep-insert body of POST A_PurchaseRequisitionHeader. */
export interface SapPurchaseRequisitionCreate {
  PurchaseRequisitionType: string;
  to_PurchaseReqnItem: {
    results: Array<Pick<SapPurchaseRequisitionItem, 'Material' | 'Plant' | 'RequestedQuantity' | 'BaseUnit' | 'DeliveryDate' | 'RequirementTracking'>>;
  };
}

/** API_PRODUCT_COST_ESTIMATE_SRV A_ProductCostEstimate (a marked cost estimate). */
export interface SapProductCostEstimate extends ODataMetadata {
  CostEstimate: string;
  Product: string;
  Plant: string;
  EngineeringChangeDocument: string;
  BOMHeaderRevisionLevel: string;
  CostingDate: string;
  MaterialCostAmount: string;
  ConversionCostAmount: string;
  TotalCostAmount: string;
  PreviousStandardPrice: string;
  Currency: string;
}

/** POST A_ProductCostEstimate */
export interface SapProductCostEstimateCreate {
  Product: string;
  Plant: string;
  EngineeringChangeDocument: string;
  BOMHeaderRevisionLevel: string;
  CostingDate: string;
}

/** One result of function import MaterialWhereUsed (API_BILL_OF_MATERIAL_SRV;v=0002). */
export interface SapMaterialWhereUsed extends ODataMetadata {
  Material: string;
  Plant: string;
  BOMHeaderRevisionLevel: string;
  BillOfMaterialComponent: string;
  WhereUsedLevel: number;
  ComponentQuantityInParent: string;
  /** From the component up to Material, joined by '/'. */
  WhereUsedPath: string;
}

/** One result of function import MaterialWhereUsedSummary (the ERP mock's extension of API_BILL_OF_MATERIAL_SRV;v=0002). */
export interface SapMaterialWhereUsedSummary extends ODataMetadata {
  Material: string;
  Plant: string;
  PathCount: number;
  AssemblyCount: number;
  TopLevelAssemblyCount: number;
  DeepestLevel: number;
  /** With NearestPaths=N: the material's first N paths, nearest first. */
  to_NearestPath?: { results: SapMaterialWhereUsed[] };
}

/** API_PRODUCTION_ROUTING ProductionRoutingOperation (Material and Plant flattened on, as the ERP serves it). */
export interface SapRoutingOperation extends ODataMetadata {
  Operation: string;
  Material: string;
  Plant: string;
  WorkCenter: string;
  OperationText: string;
  OperationReferenceQuantity: string;
  StandardWorkQuantity1: string;
  StandardWorkQuantityUnit1: string;
  StandardWorkQuantity2: string;
  StandardWorkQuantityUnit2: string;
}

/** A routing operation with its version and validity (routing under change management). */
export interface SapRoutingOperationVersion extends SapRoutingOperation {
  ProductionRoutingOpIntVersion: string;
  ChangeNumber: string;
  ValidityStartDate: string;
  ValidityEndDate: string;
}

/** POST API_PRODUCTION_ROUTING ProductionRoutingHeader with to_Operation (deep insert). */
export interface SapRoutingVersionCreate {
  Material: string;
  Plant: string;
  ChangeNumber: string;
  ValidityStartDate: string;
  to_Operation: {
    results: Array<{
      Operation: string;
      WorkCenter: string;
      OperationText: string;
      OperationReferenceQuantity: string;
      StandardWorkQuantity1: string;
      StandardWorkQuantityUnit1: 'MIN';
      StandardWorkQuantity2: string;
      StandardWorkQuantityUnit2: 'MIN';
    }>;
  };
}

/** API_WORK_CENTERS A_WorkCenters (YY1_ResourceType: key user field, the plant-neutral kind). */
export interface SapWorkCenter extends ODataMetadata {
  WorkCenter: string;
  Plant: string;
  WorkCenterDesc: string;
  YY1_ResourceType: string;
}

/** API_BUSINESS_PARTNER A_Supplier */
export interface SapSupplier extends ODataMetadata {
  Supplier: string;
  SupplierName: string;
  Country: string;
}

/** API_MATERIAL_STOCK_SRV A_MatlStkInAcctMod */
export interface SapMaterialStock extends ODataMetadata {
  Material: string;
  Plant: string;
  StorageLocation: string;
  Batch: string;
  InventoryStockType: string;
  MatlWrhsStkQtyInMatlBaseUnit: string;
  MaterialBaseUnit: string;
}

/** API_PURCHASEORDER_PROCESS_SRV A_PurchaseOrder */
export interface SapPurchaseOrder extends ODataMetadata {
  PurchaseOrder: string;
  Supplier: string;
  PurchasingDocumentDeletionCode: string;
}

/** API_PURCHASEORDER_PROCESS_SRV A_PurchaseOrderScheduleLine */
export interface SapPurchaseOrderScheduleLine extends ODataMetadata {
  ScheduleLine: string;
  ScheduleLineDeliveryDate: string;
  ScheduleLineOrderQuantity: string;
  RoughGoodsReceiptQty: string;
}

/** API_PURCHASEORDER_PROCESS_SRV A_PurchaseOrderItem, read with $expand=to_PurchaseOrder,to_ScheduleLine */
export interface SapPurchaseOrderItem extends ODataMetadata {
  PurchaseOrder: string;
  PurchaseOrderItem: string;
  Material: string;
  Plant: string;
  OrderQuantity: string;
  PurchaseOrderQuantityUnit: string;
  IsCompletelyDelivered: boolean;
  PurchasingDocumentDeletionCode: string;
  to_PurchaseOrder?: SapPurchaseOrder | null;
  to_ScheduleLine?: Deferred<SapPurchaseOrderScheduleLine>;
}

/** SAP Gateway's error document. */
export interface SapErrorBody {
  error?: { code?: string; message?: { lang?: string; value?: string } };
}

/** An OData v2 string literal: quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `$filter` from clauses joined by `and`. */
export function odataFilter(clauses: Array<string | undefined | false>): string {
  return clauses.filter(Boolean).join(' and ');
}
