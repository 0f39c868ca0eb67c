import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CreateMaterialBomService } from '../bom/create-material-bom.service';
import { WhereUsedService, WhereUsedSummaryService } from '../bom/where-used.service';
import { CostEstimateService } from '../costing/cost-estimate.service';
import { ProductionOrderChangesService } from '../production-order/production-order-changes.service';
import { MATERIAL_DOCUMENT_SERVICE } from '../inventory/material-document.entity-sets';
import { PostGoodsMovementService } from '../inventory/post-goods-movement.service';
import { CreatePurchaseRequisitionService } from '../purchase-requisition/create-purchase-requisition.service';
import { CreateProductService } from '../material/create-product.service';
import { CreateRoutingService } from '../routing/create-routing.service';
import { CreateHolidayService } from '../factory-calendar/create-holiday.service';
import { FACTORY_CALENDAR_SERVICE } from '../factory-calendar/factory-calendar.entity-sets';
import { PURCHASE_ORDER_SERVICE_PATH, PurchaseOrderScheduleLineService, SCHEDULE_LINE_SET } from '../purchasing/purchase-order-schedule-line.service';
import { BOM_SERVICE, COST_ESTIMATE_SERVICE, findEntitySet, PRODUCT_SERVICE, PRODUCTION_ORDER_SERVICE, PURCHASE_REQUISITION_SERVICE, ROUTING_SERVICE } from './entity-sets';
import { parseQueryOptions, parseResourceSegment } from './odata-query';
import { ODataReader } from './odata-reader.service';
import { SapErrorFilter } from './sap-error.filter';
import { sapErrors } from './sap-error';

const ODATA_ROOT = 'sap/opu/odata/sap';

function serviceRoot(request: FastifyRequest, service: string): string {
  return `${request.protocol}://${request.headers.host}/${ODATA_ROOT}/${service}`;
}

/**
 * The simulated S/4HANA's OData v2 services under SAP's own paths, e.g.
 * /sap/opu/odata/sap/API_PRODUCT_SRV/A_Product('PUMP-100')?$expand=to_Plant.
 * Entity sets are declared in entity-sets.ts; this controller only routes.
 */
@ApiTags('sap-odata')
@RequireScopes(Scopes.MockAccess)
@UseFilters(SapErrorFilter)
@Controller(ODATA_ROOT)
export class ODataController {
  constructor(
    private readonly reader: ODataReader,
    private readonly createBom: CreateMaterialBomService,
    private readonly whereUsed: WhereUsedService,
    private readonly whereUsedSummary: WhereUsedSummaryService,
    private readonly productionOrders: ProductionOrderChangesService,
    private readonly requisitions: CreatePurchaseRequisitionService,
    private readonly costEstimates: CostEstimateService,
    private readonly products: CreateProductService,
    private readonly scheduleLines: PurchaseOrderScheduleLineService,
    private readonly goodsMovements: PostGoodsMovementService,
    private readonly routings: CreateRoutingService,
    private readonly holidays: CreateHolidayService,
  ) {}

  @Get(':service/:resource')
  @ApiOperation({
    operationId: 'odataRead',
    summary:
      "Read an entity set or one entity (OData v2: $filter with eq/ne/gt/ge/lt/le joined by 'and' and 'or' with parentheses, $top, $skip, $orderby, $expand, $inlinecount), " +
      "or call function import MaterialWhereUsed of API_BILL_OF_MATERIAL_SRV;v=0002 (Material, Plant, ValidityDate), " +
      "or the mock's extensions MaterialWhereUsedSummary (Materials='A,B', Plant, ValidityDate, NearestPaths: totals per material and its nearest paths) and " +
      "MaterialWhereUsedPaths (the same parameters with $top, $skip, $inlinecount: the paths of all of them, nearest first)",
  })
  @ApiParam({ name: 'service', example: 'API_PRODUCT_SRV' })
  @ApiParam({ name: 'resource', example: "A_Product('PUMP-100')" })
  @ApiQuery({ name: '$filter', required: false, example: "Plant eq 'P1' and (Material eq 'SEAL-200' or Material eq 'BOLT-M8')" })
  @ApiQuery({ name: '$expand', required: false, example: 'to_Description,to_Plant,to_Valuation' })
  @ApiQuery({ name: '$top', required: false, example: 50 })
  @ApiQuery({ name: '$skip', required: false, example: 0 })
  @ApiQuery({ name: '$inlinecount', required: false, example: 'allpages' })
  read(
    @Param('service') service: string,
    @Param('resource') resource: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ d: unknown }> {
    void reply.header('dataserviceversion', '2.0');
    if (service === BOM_SERVICE.path && resource === 'MaterialWhereUsed') return this.whereUsed.read(query);
    if (service === BOM_SERVICE.path && resource === 'MaterialWhereUsedSummary') return this.whereUsedSummary.summary(query);
    if (service === BOM_SERVICE.path && resource === 'MaterialWhereUsedPaths') return this.whereUsedSummary.paths(query);
    return this.reader.read({ serviceRoot: serviceRoot(request, service), servicePath: service, resource, options: parseQueryOptions(query) });
  }

  @Get(':service/:resource/:navigation')
  @ApiOperation({ operationId: 'odataNavigate', summary: "Follow a navigation property of one entity, e.g. A_Product('PUMP-100')/to_Plant" })
  @ApiParam({ name: 'service', example: 'API_PRODUCT_SRV' })
  @ApiParam({ name: 'resource', example: "A_Product('PUMP-100')" })
  @ApiParam({ name: 'navigation', example: 'to_Plant' })
  navigate(
    @Param('service') service: string,
    @Param('resource') resource: string,
    @Param('navigation') navigation: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ d: unknown }> {
    void reply.header('dataserviceversion', '2.0');
    return this.reader.read({
      serviceRoot: serviceRoot(request, service),
      servicePath: service,
      resource,
      navigation,
      options: parseQueryOptions(query),
    });
  }

  @Post(':service/:resource')
  @ApiOperation({
    operationId: 'odataCreate',
    summary:
      'Create an entity (deep insert). Supported: MaterialBOM with to_BillOfMaterialItem (API_BILL_OF_MATERIAL_SRV;v=0002), ' +
      'A_ProductionOrderStatus_2 (API_PRODUCTION_ORDER_2_SRV), A_PurchaseRequisitionHeader with to_PurchaseReqnItem ' +
      '(API_PURCHASEREQ_PROCESS_SRV), A_ProductCostEstimate (API_PRODUCT_COST_ESTIMATE_SRV), ' +
      'A_Product with to_Description, to_Plant and to_Valuation, A_ProductPlant and A_ProductValuation (API_PRODUCT_SRV: 409 when the material, ' +
      'its plant record or its valuation exists), ' +
      'A_MaterialDocumentHeader with to_MaterialDocumentItem (API_MATERIAL_DOCUMENT_SRV: goods movements 101, 501, 201, 261), ' +
      'ProductionRoutingHeader with to_Operation (API_PRODUCTION_ROUTING: a change-numbered routing version valid from ValidityStartDate; 409 for a change number the routing has), ' +
      'A_FactoryCalendarHoliday (API_FACTORY_CALENDAR_SRV: a non-working day in a factory calendar within its validity years; 409 for a date it has)',
  })
  @ApiParam({ name: 'service', example: 'API_BILL_OF_MATERIAL_SRV;v=0002' })
  @ApiParam({ name: 'resource', example: 'MaterialBOM' })
  @ApiBody({
    schema: {
      example: {
        Material: 'PUMP-100',
        Plant: 'P1',
        BillOfMaterialVariant: '1',
        EngineeringChangeDocument: 'ECN-000042',
        BOMHeaderRevisionLevel: 'B',
        ValidityStartDate: '/Date(1796083200000)/',
        to_BillOfMaterialItem: {
          results: [{ BillOfMaterialItemNumber: '0040', BillOfMaterialComponent: 'SEAL-210', BillOfMaterialItemQuantity: '2.000', BillOfMaterialItemUnit: 'PC' }],
        },
      },
    },
  })
  async create(
    @Param('service') service: string,
    @Param('resource') resource: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ d: unknown }> {
    const { name, key } = parseResourceSegment(resource);
    if (!findEntitySet(service, name)) throw sapErrors.resourceNotFound(name);
    const creators: Record<string, (body: unknown, root: string, path: string) => Promise<{ entity: { d: unknown }; location: string }>> = {
      [`${BOM_SERVICE.path}/MaterialBOM`]: (b, r, p) => this.createBom.create(b, r, p),
      [`${PRODUCTION_ORDER_SERVICE.path}/A_ProductionOrderStatus_2`]: (b, r, p) => this.productionOrders.setUserStatus(b, r, p),
      [`${PURCHASE_REQUISITION_SERVICE.path}/A_PurchaseRequisitionHeader`]: (b, r, p) => this.requisitions.create(b, r, p),
      [`${COST_ESTIMATE_SERVICE.path}/A_ProductCostEstimate`]: (b, r, p) => this.costEstimates.create(b, r, p),
      [`${MATERIAL_DOCUMENT_SERVICE.path}/A_MaterialDocumentHeader`]: (b, r, p) => this.goodsMovements.post(b, r, p),
      [`${PRODUCT_SERVICE.path}/A_Product`]: (b, r, p) => this.products.createProduct(b, r, p),
      [`${PRODUCT_SERVICE.path}/A_ProductPlant`]: (b, r, p) => this.products.createPlant(b, r, p),
      [`${PRODUCT_SERVICE.path}/A_ProductValuation`]: (b, r, p) => this.products.createValuation(b, r, p),
      [`${ROUTING_SERVICE.path}/ProductionRoutingHeader`]: (b, r, p) => this.routings.create(b, r, p),
      [`${FACTORY_CALENDAR_SERVICE.path}/A_FactoryCalendarHoliday`]: (b, r, p) => this.holidays.create(b, r, p),
    };
    const creator = creators[`${service}/${name}`];
    if (!creator || key !== undefined) throw sapErrors.methodNotAllowed(name);
    const { entity, location } = await creator(body, serviceRoot(request, service), service);
    void reply.header('dataserviceversion', '2.0').header('location', location);
    return entity;
  }

  @Patch(':service/:resource')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'odataUpdate',
    summary:
      "Update an entity (PATCH/MERGE, 204). Supported: A_ProductionOrder_2('…') with OrderIsLocked, OrderLockReason, OrderLockReference; " +
      "A_PurchaseOrderScheduleLine(PurchasingDocument='…',PurchasingDocumentItem='…',ScheduleLine='…') with ScheduleLineDeliveryDate (API_PURCHASEORDER_PROCESS_SRV)",
  })
  @ApiParam({ name: 'service', example: 'API_PRODUCTION_ORDER_2_SRV' })
  @ApiParam({ name: 'resource', example: "A_ProductionOrder_2('1000003')" })
  @ApiBody({ schema: { example: { OrderIsLocked: true, OrderLockReason: 'Quality hold: porosity in housing castings', OrderLockReference: 'EXC-000017' } } })
  async update(
    @Param('service') service: string,
    @Param('resource') resource: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const { name, key } = parseResourceSegment(resource);
    if (!findEntitySet(service, name)) throw sapErrors.resourceNotFound(name);
    if (service === PURCHASE_ORDER_SERVICE_PATH && name === SCHEDULE_LINE_SET && key !== undefined) {
      await this.scheduleLines.patch(key, body);
      void reply.header('dataserviceversion', '2.0');
      return;
    }
    if (service !== PRODUCTION_ORDER_SERVICE.path || name !== 'A_ProductionOrder_2' || key === undefined) throw sapErrors.methodNotAllowed(name);
    await this.productionOrders.patchOrder(key, body);
    void reply.header('dataserviceversion', '2.0');
  }
}
