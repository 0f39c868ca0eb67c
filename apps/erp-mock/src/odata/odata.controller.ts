import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CreateMaterialBomService } from '../bom/create-material-bom.service';
import { BOM_SERVICE, findEntitySet } from './entity-sets';
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
  ) {}

  @Get(':service/:resource')
  @ApiOperation({
    operationId: 'odataRead',
    summary: "Read an entity set or one entity (OData v2: $filter with eq/ne/gt/ge/lt/le and 'and', $top, $skip, $orderby, $expand, $inlinecount)",
  })
  @ApiParam({ name: 'service', example: 'API_PRODUCT_SRV' })
  @ApiParam({ name: 'resource', example: "A_Product('PUMP-100')" })
  @ApiQuery({ name: '$filter', required: false, example: "Plant eq 'P1' and Material eq 'SEAL-200'" })
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
    summary: 'Create an entity (deep insert). Supported: MaterialBOM with to_BillOfMaterialItem in API_BILL_OF_MATERIAL_SRV;v=0002',
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
    if (service !== BOM_SERVICE.path || name !== 'MaterialBOM' || key !== undefined) throw sapErrors.methodNotAllowed(name);
    const { entity, location } = await this.createBom.create(body, serviceRoot(request, service), service);
    void reply.header('dataserviceversion', '2.0').header('location', location);
    return entity;
  }
}
