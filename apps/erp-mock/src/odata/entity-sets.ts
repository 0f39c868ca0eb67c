import { CHANGE_POINTER_SERVICE } from '../change-pointer/change-pointer.entity-sets';
import { ERP_MOCK_SCHEMA } from '../erp-mock.schema';
import { FACTORY_CALENDAR_SERVICE } from '../factory-calendar/factory-calendar.entity-sets';
import { MATERIAL_DOCUMENT_SERVICE } from '../inventory/material-document.entity-sets';
import { ROUTING_HEADER_SET, WORK_CENTER_SERVICE } from '../routing/routing.entity-sets';
import { EdmKind, EntitySetDef, PropertyDef, ServiceDef } from './odata-model';

const p = (name: string, sql: string, kind: EdmKind = 'string'): PropertyDef => ({ name, sql, kind });

/**
 * Revision level in force now: that of the BOM version valid today where the material has one (a
 * change on a change schedules B and then C: between their dates B is in force, though the plant
 * record holds only the latest future level), else the plant record's level, a future one taking
 * over on its date.
 */
const CURRENT_REVISION = `coalesce(
  (SELECT b.revision_level FROM ${ERP_MOCK_SCHEMA}.material_boms b
    WHERE b.material = pp.product AND b.plant = pp.plant AND b.variant = '1' AND b.valid_from <= now() AND b.valid_to > now()
    ORDER BY b.valid_from DESC LIMIT 1),
  CASE WHEN pp.future_revision_valid_from <= now() THEN pp.future_revision_level ELSE pp.revision_level END)`;

/** Standard price in force now over valuation alias `v`: a marked future price takes over on its date. */
export const CURRENT_STANDARD_PRICE = `CASE WHEN v.future_price_valid_from <= now() THEN v.future_price ELSE v.standard_price END`;

export const PRODUCT_SERVICE: ServiceDef = {
  path: 'API_PRODUCT_SRV',
  entitySets: [
    {
      name: 'A_Product',
      type: 'API_PRODUCT_SRV.A_ProductType',
      from: `${ERP_MOCK_SCHEMA}.products pr`,
      keys: ['Product'],
      properties: [
        p('Product', 'pr.product'),
        p('ProductType', 'pr.product_type'),
        p('BaseUnit', 'pr.base_unit'),
        p('CreationDate', 'pr.created_at', 'date'),
      ],
      navigations: [
        { name: 'to_Description', target: 'A_ProductDescription', on: [['Product', 'Product']], many: true },
        { name: 'to_Plant', target: 'A_ProductPlant', on: [['Product', 'Product']], many: true },
        { name: 'to_Valuation', target: 'A_ProductValuation', on: [['Product', 'Product']], many: true },
      ],
      orderBy: ['Product'],
    },
    {
      name: 'A_ProductDescription',
      type: 'API_PRODUCT_SRV.A_ProductDescriptionType',
      from: `${ERP_MOCK_SCHEMA}.products pr`,
      keys: ['Product', 'Language'],
      properties: [p('Product', 'pr.product'), p('Language', `'EN'`), p('ProductDescription', 'pr.description')],
      orderBy: ['Product'],
    },
    {
      name: 'A_ProductPlant',
      type: 'API_PRODUCT_SRV.A_ProductPlantType',
      from: `${ERP_MOCK_SCHEMA}.product_plants pp`,
      keys: ['Product', 'Plant'],
      properties: [
        p('Product', 'pp.product'),
        p('Plant', 'pp.plant'),
        p('ProcurementType', 'pp.procurement_type'),
        p('MRPType', 'pp.mrp_type'),
        p('MRPResponsible', 'pp.mrp_controller'),
        p('LotSizingProcedure', 'pp.lot_sizing_procedure'),
        p('ProfileCode', 'pp.profile_code'),
        p('MaterialRevisionLevel', CURRENT_REVISION),
        p('FutureRevisionLevel', `CASE WHEN pp.future_revision_valid_from <= now() THEN '' ELSE coalesce(pp.future_revision_level, '') END`),
        p('FutureRevisionValidFrom', `CASE WHEN pp.future_revision_valid_from <= now() THEN NULL ELSE pp.future_revision_valid_from END`, 'date'),
      ],
      orderBy: ['Product', 'Plant'],
    },
    {
      name: 'A_ProductValuation',
      type: 'API_PRODUCT_SRV.A_ProductValuationType',
      from: `${ERP_MOCK_SCHEMA}.product_valuations v`,
      keys: ['Product', 'ValuationArea', 'ValuationType'],
      properties: [
        p('Product', 'v.product'),
        p('ValuationArea', 'v.valuation_area'),
        p('ValuationType', `''`),
        p('InventoryValuationProcedure', 'v.price_control'),
        p('StandardPrice', CURRENT_STANDARD_PRICE, 'amount'),
        p('PriceUnitQty', 'v.price_unit_qty', 'decimal'),
        p('Currency', 'v.currency'),
        // Marked by a cost estimate (CK24 "mark"): the standard price from FuturePriceValidityStartDate on.
        p('FuturePrice', 'CASE WHEN v.future_price_valid_from <= now() THEN NULL ELSE v.future_price END', 'amount'),
        p('FuturePriceValidityStartDate', 'CASE WHEN v.future_price_valid_from <= now() THEN NULL ELSE v.future_price_valid_from END', 'date'),
      ],
      orderBy: ['Product', 'ValuationArea'],
    },
  ],
};

export const PLANT_SERVICE: ServiceDef = {
  path: 'API_PLANT_SRV',
  entitySets: [
    {
      name: 'A_Plant',
      type: 'API_PLANT_SRV.A_PlantType',
      from: `${ERP_MOCK_SCHEMA}.plants pl`,
      keys: ['Plant'],
      properties: [
        p('Plant', 'pl.plant'),
        p('PlantName', 'pl.plant_name'),
        p('ValuationArea', 'pl.plant'),
        p('CityName', 'pl.city_name'),
        p('Country', 'pl.country'),
        p('TimeZone', 'pl.time_zone'),
        p('Currency', 'pl.currency'),
        // The plant's factory calendar (API_FACTORY_CALENDAR_SRV); empty when it names none.
        p('FactoryCalendar', "coalesce(pl.factory_calendar, '')"),
      ],
      orderBy: ['Plant'],
    },
  ],
};

const BOM_KEY_JOIN: Array<[string, string]> = [
  ['BillOfMaterial', 'BillOfMaterial'],
  ['BillOfMaterialVariant', 'BillOfMaterialVariant'],
  ['EngineeringChangeDocument', 'HeaderChangeDocument'],
  ['Material', 'Material'],
  ['Plant', 'Plant'],
];

export const BOM_SERVICE: ServiceDef = {
  path: 'API_BILL_OF_MATERIAL_SRV;v=0002',
  entitySets: [
    {
      name: 'MaterialBOM',
      type: 'API_BILL_OF_MATERIAL_SRV.MaterialBOMType',
      from: `${ERP_MOCK_SCHEMA}.material_boms b`,
      keys: ['BillOfMaterial', 'BillOfMaterialCategory', 'BillOfMaterialVariant', 'BillOfMaterialVersion', 'EngineeringChangeDocument', 'Material', 'Plant'],
      properties: [
        p('BillOfMaterial', 'b.bill_of_material'),
        p('BillOfMaterialCategory', `'M'`),
        p('BillOfMaterialVariant', 'b.variant'),
        p('BillOfMaterialVersion', `''`),
        p('EngineeringChangeDocument', 'b.change_document'),
        p('Material', 'b.material'),
        p('Plant', 'b.plant'),
        p('BillOfMaterialVariantUsage', `'1'`),
        p('BOMHeaderRevisionLevel', 'b.revision_level'),
        p('BOMHeaderBaseUnit', 'b.base_unit'),
        p('BOMHeaderQuantityInBaseUnit', 'b.base_quantity', 'decimal'),
        p('ValidityStartDate', 'b.valid_from', 'date'),
        p('ValidityEndDate', 'b.valid_to', 'date'),
        p('RecordCreationDate', 'b.created_at', 'date'),
      ],
      navigations: [{ name: 'to_BillOfMaterialItem', target: 'MaterialBOMItem', on: BOM_KEY_JOIN, many: true }],
      orderBy: ['Material', 'Plant', 'ValidityStartDate'],
    },
    {
      name: 'MaterialBOMItem',
      type: 'API_BILL_OF_MATERIAL_SRV.MaterialBOMItemType',
      from: `${ERP_MOCK_SCHEMA}.material_bom_items i JOIN ${ERP_MOCK_SCHEMA}.material_boms b ON b.id = i.bom_id`,
      keys: [
        'BillOfMaterial',
        'BillOfMaterialCategory',
        'BillOfMaterialVariant',
        'BillOfMaterialVersion',
        'BillOfMaterialItemNodeNumber',
        'HeaderChangeDocument',
        'Material',
        'Plant',
      ],
      properties: [
        p('BillOfMaterial', 'b.bill_of_material'),
        p('BillOfMaterialCategory', `'M'`),
        p('BillOfMaterialVariant', 'b.variant'),
        p('BillOfMaterialVersion', `''`),
        p('BillOfMaterialItemNodeNumber', 'i.item_number'),
        p('HeaderChangeDocument', 'b.change_document'),
        p('Material', 'b.material'),
        p('Plant', 'b.plant'),
        p('BillOfMaterialItemNumber', 'i.item_number'),
        p('BillOfMaterialItemCategory', 'i.item_category'),
        p('BillOfMaterialComponent', 'i.component'),
        p('BillOfMaterialItemQuantity', 'i.quantity', 'decimal'),
        p('BillOfMaterialItemUnit', 'i.unit'),
        p('ValidityStartDate', 'b.valid_from', 'date'),
        p('ValidityEndDate', 'b.valid_to', 'date'),
      ],
      orderBy: ['Material', 'Plant', 'BillOfMaterial', 'HeaderChangeDocument', 'BillOfMaterialItemNumber'],
    },
  ],
};

export const ROUTING_SERVICE: ServiceDef = {
  path: 'API_PRODUCTION_ROUTING',
  entitySets: [
    {
      // SAP reaches the material through the routing header's material assignment; the mock
      // flattens Material and Plant onto the operation so one query answers "routing of X at P".
      name: 'ProductionRoutingOperation',
      type: 'API_PRODUCTION_ROUTING.ProductionRoutingOperationType',
      from: `${ERP_MOCK_SCHEMA}.routing_operations o`,
      keys: ['ProductionRoutingGroup', 'ProductionRouting', 'ProductionRoutingSequence', 'ProductionRoutingOpIntID', 'ProductionRoutingOpIntVersion'],
      properties: [
        p('ProductionRoutingGroup', 'o.routing_group'),
        p('ProductionRouting', 'o.routing'),
        p('ProductionRoutingSequence', `'0'`),
        p('ProductionRoutingOpIntID', 'o.operation'),
        p('Operation', 'o.operation'),
        p('Material', 'o.material'),
        p('Plant', 'o.plant'),
        p('WorkCenter', 'o.work_center'),
        p('OperationText', 'o.operation_text'),
        p('OperationReferenceQuantity', 'o.reference_quantity', 'decimal'),
        p('OperationUnit', `'PC'`),
        p('StandardWorkQuantity1', 'o.setup_minutes', 'decimal'),
        p('StandardWorkQuantityUnit1', `'MIN'`),
        p('StandardWorkQuantity2', 'o.run_minutes', 'decimal'),
        p('StandardWorkQuantityUnit2', `'MIN'`),
        // Routing versions under change management (routing/routing.entity-sets.ts).
        p('ProductionRoutingOpIntVersion', 'o.op_version::text'),
        p('ChangeNumber', "coalesce(o.change_number, '')"),
        p('ValidityStartDate', 'o.valid_from', 'date'),
        p('ValidityEndDate', 'o.valid_to', 'date'),
      ],
      orderBy: ['ProductionRoutingGroup', 'ProductionRouting', 'Operation', 'ProductionRoutingOpIntVersion'],
    },
    ROUTING_HEADER_SET,
  ],
};

export const STOCK_SERVICE: ServiceDef = {
  path: 'API_MATERIAL_STOCK_SRV',
  entitySets: [
    {
      name: 'A_MatlStkInAcctMod',
      type: 'API_MATERIAL_STOCK_SRV.A_MatlStkInAcctModType',
      from: `${ERP_MOCK_SCHEMA}.stock s`,
      keys: [
        'Material',
        'Plant',
        'StorageLocation',
        'Batch',
        'Supplier',
        'Customer',
        'WBSElementInternalID',
        'SDDocument',
        'SDDocumentItem',
        'InventorySpecialStockType',
        'InventoryStockType',
      ],
      properties: [
        p('Material', 's.material'),
        p('Plant', 's.plant'),
        p('StorageLocation', 's.storage_location'),
        p('Batch', 's.batch'),
        p('Supplier', `''`),
        p('Customer', `''`),
        p('WBSElementInternalID', `'00000000'`),
        p('SDDocument', `''`),
        p('SDDocumentItem', `'000000'`),
        p('InventorySpecialStockType', `''`),
        p('InventoryStockType', 's.stock_type'),
        p('MatlWrhsStkQtyInMatlBaseUnit', 's.quantity', 'decimal'),
        p('MaterialBaseUnit', 's.unit'),
      ],
      orderBy: ['Material', 'Plant', 'StorageLocation', 'Batch', 'InventoryStockType'],
    },
  ],
};

export const BUSINESS_PARTNER_SERVICE: ServiceDef = {
  path: 'API_BUSINESS_PARTNER',
  entitySets: [
    {
      name: 'A_Supplier',
      type: 'API_BUSINESS_PARTNER.A_SupplierType',
      from: `${ERP_MOCK_SCHEMA}.suppliers su`,
      keys: ['Supplier'],
      properties: [p('Supplier', 'su.supplier'), p('SupplierName', 'su.supplier_name'), p('Country', 'su.country')],
      orderBy: ['Supplier'],
    },
  ],
};

export const PURCHASE_ORDER_SERVICE: ServiceDef = {
  path: 'API_PURCHASEORDER_PROCESS_SRV',
  entitySets: [
    {
      name: 'A_PurchaseOrder',
      type: 'API_PURCHASEORDER_PROCESS_SRV.A_PurchaseOrderType',
      from: `${ERP_MOCK_SCHEMA}.purchase_orders po`,
      keys: ['PurchaseOrder'],
      properties: [
        p('PurchaseOrder', 'po.purchase_order'),
        p('CompanyCode', 'po.company_code'),
        p('PurchaseOrderType', 'po.order_type'),
        p('Supplier', 'po.supplier'),
        p('PurchaseOrderDate', 'po.order_date', 'date'),
        p('DocumentCurrency', 'po.currency'),
        p('PurchasingDocumentDeletionCode', 'po.deletion_code'),
        p('LastChangeDateTime', 'po.last_change_at', 'timestamp'),
      ],
      navigations: [{ name: 'to_PurchaseOrderItem', target: 'A_PurchaseOrderItem', on: [['PurchaseOrder', 'PurchaseOrder']], many: true }],
      orderBy: ['PurchaseOrder'],
    },
    {
      name: 'A_PurchaseOrderItem',
      type: 'API_PURCHASEORDER_PROCESS_SRV.A_PurchaseOrderItemType',
      from: `${ERP_MOCK_SCHEMA}.purchase_order_items poi`,
      keys: ['PurchaseOrder', 'PurchaseOrderItem'],
      properties: [
        p('PurchaseOrder', 'poi.purchase_order'),
        p('PurchaseOrderItem', 'poi.item'),
        p('Material', 'poi.material'),
        p('Plant', 'poi.plant'),
        p('OrderQuantity', 'poi.quantity', 'decimal'),
        p('PurchaseOrderQuantityUnit', 'poi.unit'),
        p('NetPriceAmount', 'poi.net_price', 'amount'),
        p('IsCompletelyDelivered', 'poi.is_completely_delivered', 'boolean'),
        p('PurchasingDocumentDeletionCode', 'poi.deletion_code'),
        // The mock flattens the header's change time onto the item, so a delta read by plant
        // (only items carry the plant) is one query.
        p('LastChangeDateTime', `(SELECT po.last_change_at FROM ${ERP_MOCK_SCHEMA}.purchase_orders po WHERE po.purchase_order = poi.purchase_order)`, 'timestamp'),
      ],
      navigations: [
        { name: 'to_PurchaseOrder', target: 'A_PurchaseOrder', on: [['PurchaseOrder', 'PurchaseOrder']], many: false },
        {
          name: 'to_ScheduleLine',
          target: 'A_PurchaseOrderScheduleLine',
          on: [
            ['PurchaseOrder', 'PurchasingDocument'],
            ['PurchaseOrderItem', 'PurchasingDocumentItem'],
          ],
          many: true,
        },
      ],
      orderBy: ['PurchaseOrder', 'PurchaseOrderItem'],
    },
    {
      name: 'A_PurchaseOrderScheduleLine',
      type: 'API_PURCHASEORDER_PROCESS_SRV.A_PurchaseOrderScheduleLineType',
      from: `${ERP_MOCK_SCHEMA}.purchase_order_schedule_lines sl`,
      keys: ['PurchasingDocument', 'PurchasingDocumentItem', 'ScheduleLine'],
      properties: [
        p('PurchasingDocument', 'sl.purchase_order'),
        p('PurchasingDocumentItem', 'sl.item'),
        p('ScheduleLine', 'sl.schedule_line'),
        p('ScheduleLineDeliveryDate', 'sl.delivery_date', 'date'),
        p('ScheduleLineOrderQuantity', 'sl.quantity', 'decimal'),
        p('RoughGoodsReceiptQty', 'sl.received_quantity', 'decimal'),
      ],
      orderBy: ['PurchasingDocument', 'PurchasingDocumentItem', 'ScheduleLine'],
    },
  ],
};

export const PRODUCTION_ORDER_SERVICE: ServiceDef = {
  path: 'API_PRODUCTION_ORDER_2_SRV',
  entitySets: [
    {
      name: 'A_ProductionOrder_2',
      type: 'API_PRODUCTION_ORDER_2_SRV.A_ProductionOrder_2Type',
      from: `${ERP_MOCK_SCHEMA}.production_orders mo`,
      keys: ['ManufacturingOrder'],
      properties: [
        p('ManufacturingOrder', 'mo.manufacturing_order'),
        p('ManufacturingOrderType', 'mo.order_type'),
        p('Material', 'mo.material'),
        p('ProductionPlant', 'mo.plant'),
        p('MaterialRevisionLevel', 'mo.revision_level'),
        p('TotalQuantity', 'mo.total_quantity', 'decimal'),
        p('ProductionUnit', 'mo.unit'),
        p('MfgOrderPlannedStartDate', 'mo.planned_start', 'date'),
        p('MfgOrderPlannedStartTime', 'mo.planned_start', 'time'),
        p('MfgOrderPlannedEndDate', 'mo.planned_end', 'date'),
        p('MfgOrderPlannedEndTime', 'mo.planned_end', 'time'),
        p('MfgOrderCreationDate', 'mo.created_at', 'date'),
        p('OrderIsCreated', 'true', 'boolean'),
        p('OrderIsReleased', 'mo.is_released', 'boolean'),
        p('OrderIsPartiallyConfirmed', 'mo.is_partially_confirmed', 'boolean'),
        p('OrderIsTechnicallyCompleted', 'mo.is_technically_completed', 'boolean'),
        p('OrderIsClosed', 'mo.is_closed', 'boolean'),
        p('OrderIsDeleted', 'mo.is_deleted', 'boolean'),
        p('OrderIsLocked', 'mo.is_locked', 'boolean'),
        p('OrderLockReason', "coalesce(mo.lock_reason, '')"),
        p('OrderLockReference', "coalesce(mo.lock_reference, '')"),
        p('LastChangeDateTime', 'mo.last_change_at', 'timestamp'),
      ],
      navigations: [{ name: 'to_ProductionOrderStatus', target: 'A_ProductionOrderStatus_2', on: [['ManufacturingOrder', 'ManufacturingOrder']], many: true }],
      orderBy: ['ManufacturingOrder'],
    },
    {
      // User statuses set on an order (status profile PP000001): ECRV engineering change review,
      // QHLD quality hold, each once per reference (change number, exception id).
      name: 'A_ProductionOrderStatus_2',
      type: 'API_PRODUCTION_ORDER_2_SRV.A_ProductionOrderStatus_2Type',
      from: `${ERP_MOCK_SCHEMA}.production_order_user_statuses us`,
      keys: ['ManufacturingOrder', 'StatusCode', 'StatusReference'],
      properties: [
        p('ManufacturingOrder', 'us.manufacturing_order'),
        p('StatusCode', 'us.status_code'),
        p('StatusShortName', 'us.status_code'),
        p('IsUserStatus', 'true', 'boolean'),
        p('StatusReference', 'us.reference'),
        p('StatusNoteText', "coalesce(us.note, '')"),
        p('StatusSetDateTime', 'us.set_at', 'timestamp'),
      ],
      orderBy: ['ManufacturingOrder', 'StatusSetDateTime', 'StatusCode', 'StatusReference'],
    },
  ],
};

export const PURCHASE_REQUISITION_SERVICE: ServiceDef = {
  path: 'API_PURCHASEREQ_PROCESS_SRV',
  entitySets: [
    {
      name: 'A_PurchaseRequisitionHeader',
      type: 'API_PURCHASEREQ_PROCESS_SRV.A_PurchaseRequisitionHeaderType',
      from: `${ERP_MOCK_SCHEMA}.purchase_requisitions pr`,
      keys: ['PurchaseRequisition'],
      properties: [
        p('PurchaseRequisition', 'pr.purchase_requisition'),
        p('PurchaseRequisitionType', 'pr.requisition_type'),
        p('SourceDetermination', 'false', 'boolean'),
        p('CreationDate', 'pr.created_at', 'date'),
      ],
      navigations: [{ name: 'to_PurchaseReqnItem', target: 'A_PurchaseRequisitionItem', on: [['PurchaseRequisition', 'PurchaseRequisition']], many: true }],
      orderBy: ['PurchaseRequisition'],
    },
    {
      name: 'A_PurchaseRequisitionItem',
      type: 'API_PURCHASEREQ_PROCESS_SRV.A_PurchaseRequisitionItemType',
      from: `${ERP_MOCK_SCHEMA}.purchase_requisition_items pri`,
      keys: ['PurchaseRequisition', 'PurchaseRequisitionItem'],
      properties: [
        p('PurchaseRequisition', 'pri.purchase_requisition'),
        p('PurchaseRequisitionItem', 'pri.item'),
        p('Material', 'pri.material'),
        p('Plant', 'pri.plant'),
        p('RequestedQuantity', 'pri.quantity', 'decimal'),
        p('BaseUnit', 'pri.unit'),
        p('DeliveryDate', 'pri.delivery_date', 'date'),
        p('RequirementTracking', 'pri.requirement_tracking'),
        p('ProcessingStatus', 'pri.processing_status'),
        p('IsDeleted', 'pri.is_deleted', 'boolean'),
        p('CreationDate', 'pri.created_at', 'date'),
      ],
      orderBy: ['PurchaseRequisition', 'PurchaseRequisitionItem'],
    },
  ],
};

export const COST_ESTIMATE_SERVICE: ServiceDef = {
  path: 'API_PRODUCT_COST_ESTIMATE_SRV',
  entitySets: [
    {
      // A marked cost estimate (CK11N + CK24 "mark"): its total is the material's future price.
      name: 'A_ProductCostEstimate',
      type: 'API_PRODUCT_COST_ESTIMATE_SRV.A_ProductCostEstimateType',
      from: `${ERP_MOCK_SCHEMA}.cost_estimates ce`,
      keys: ['CostEstimate'],
      properties: [
        p('CostEstimate', 'ce.cost_estimate'),
        p('Product', 'ce.material'),
        p('Plant', 'ce.plant'),
        p('CostingVariant', `'PPC1'`),
        p('EngineeringChangeDocument', 'ce.change_document'),
        p('BOMHeaderRevisionLevel', 'ce.revision_level'),
        p('CostingDate', 'ce.valuation_date', 'date'),
        p('MaterialCostAmount', 'ce.material_cost', 'amount'),
        p('ConversionCostAmount', 'ce.conversion_cost', 'amount'),
        p('TotalCostAmount', 'ce.total_cost', 'amount'),
        p('PreviousStandardPrice', 'ce.previous_price', 'amount'),
        p('Currency', 'ce.currency'),
        p('CostEstimateStatus', `'VO'`),
        p('CreationDateTime', 'ce.created_at', 'timestamp'),
      ],
      orderBy: ['CostEstimate'],
    },
  ],
};

export const SERVICES: ServiceDef[] = [
  PRODUCT_SERVICE,
  PLANT_SERVICE,
  BOM_SERVICE,
  ROUTING_SERVICE,
  STOCK_SERVICE,
  BUSINESS_PARTNER_SERVICE,
  PURCHASE_ORDER_SERVICE,
  PRODUCTION_ORDER_SERVICE,
  PURCHASE_REQUISITION_SERVICE,
  COST_ESTIMATE_SERVICE,
  MATERIAL_DOCUMENT_SERVICE,
  WORK_CENTER_SERVICE,
  FACTORY_CALENDAR_SERVICE,
  CHANGE_POINTER_SERVICE,
];

export function findEntitySet(servicePath: string, name: string): { service: ServiceDef; set: EntitySetDef } | undefined {
  const service = SERVICES.find((s) => s.path === servicePath);
  const set = service?.entitySets.find((e) => e.name === name);
  return service && set ? { service, set } : undefined;
}
