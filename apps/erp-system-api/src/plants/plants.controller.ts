import { Body, Controller, Get, HttpStatus, Inject, Param, Post, Query, Res, Type } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { CreatePlantItemDto, LIST_LIMITS, PlantBomDto, PlantCodeParam, PlantDto, PlantItemDto, RoutingOperationDto, WhereUsedDto } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES } from '@threadline/platform';
import { ErpConnector } from '../connector/erp.connector';
import type { FastifyReply } from 'fastify';
import { createPlantItem } from './create-plant-item';
import { PlantItemParam, WhereUsedQueryDto } from './plant-params.dto';

/** A 200 whose body is a bounded array of `model` (the connector answers 502 BACKEND_LIMIT_EXCEEDED rather than more). */
function okArrayOf(model: Type<unknown>, maxItems: number) {
  return ApiOkResponse({ schema: { type: 'array', maxItems, items: { $ref: getSchemaPath(model) } } });
}

@ApiTags('plants')
@ApiExtraModels(PlantDto, PlantBomDto, WhereUsedDto, RoutingOperationDto)
@RequireScopes(Scopes.ErpRead)
@ApiProblems(...BACKEND_FAILURE_CODES)
@Controller('v1/plants')
export class PlantsController {
  constructor(@Inject(ErpConnector) private readonly erp: ErpConnector) {}

  @Get()
  @ApiOperation({ operationId: 'listPlants', summary: 'The plants the ERP knows' })
  @okArrayOf(PlantDto, LIST_LIMITS.plants)
  listPlants(): Promise<PlantDto[]> {
    return this.erp.listPlants();
  }

  @Post(':plant/items')
  @RequireScopes(Scopes.ErpWrite)
  @ApiOperation({
    operationId: 'createPlantItem',
    summary:
      "Creates an item in the plant's ERP (material, plant data, valuation), or extends an item ERP holds elsewhere to the plant; " +
      'the same item again with the same data changes nothing (200)',
  })
  @ApiCreatedResponse({ type: PlantItemDto, description: 'The item was created in the plant' })
  @ApiOkResponse({ type: PlantItemDto, description: 'The plant held the item with this data already; nothing changed' })
  // BACKEND_CONFLICT: the plant holds the item with other data; BACKEND_REJECTED: ERP refused the values (an unknown plant, another currency).
  @ApiProblems('BACKEND_CONFLICT', 'BACKEND_REJECTED', 'ERP_UNMAPPABLE_DATA')
  async createPlantItem(
    @Param() params: PlantCodeParam,
    @Body() body: CreatePlantItemDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PlantItemDto> {
    const { item, created } = await createPlantItem(this.erp, params.plant, body);
    void reply.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return item;
  }

  @Get(':plant/items/:itemNumber')
  @ApiOperation({ operationId: 'getPlantItem', summary: 'An item as one plant holds it: revision in force, procurement, standard cost' })
  @ApiOkResponse({ type: PlantItemDto })
  // NOT_FOUND: the item does not exist or is not extended to the plant.
  @ApiProblems('NOT_FOUND', 'ERP_UNMAPPABLE_DATA')
  getPlantItem(@Param() params: PlantItemParam): Promise<PlantItemDto> {
    return this.erp.getPlantItem(params.plant, params.itemNumber);
  }

  @Get(':plant/items/:itemNumber/boms')
  @ApiOperation({ operationId: 'listPlantBoms', summary: "Every BOM version of the item in the plant with its validity, newest first" })
  @okArrayOf(PlantBomDto, LIST_LIMITS.plantBomVersions)
  @ApiProblems('ERP_UNMAPPABLE_DATA')
  listPlantBoms(@Param() params: PlantItemParam): Promise<PlantBomDto[]> {
    return this.erp.listPlantBoms(params.plant, params.itemNumber);
  }

  @Get(':plant/items/:itemNumber/where-used')
  @ApiOperation({
    operationId: 'listWhereUsed',
    summary: "Every assembly using the item through the plant's BOMs valid at `at` (default now), all levels, one entry per path",
  })
  @okArrayOf(WhereUsedDto, LIST_LIMITS.whereUsedPaths)
  @ApiProblems('ERP_UNMAPPABLE_DATA')
  whereUsed(@Param() params: PlantItemParam, @Query() query: WhereUsedQueryDto): Promise<WhereUsedDto[]> {
    return this.erp.whereUsed(params.plant, params.itemNumber, query.at ?? new Date().toISOString());
  }

  @Get(':plant/items/:itemNumber/routing')
  @ApiOperation({ operationId: 'listRouting', summary: "The item's routing in the plant: operations by sequence (empty when it has none)" })
  @okArrayOf(RoutingOperationDto, LIST_LIMITS.routingOperations)
  @ApiProblems('ERP_UNMAPPABLE_DATA')
  listRouting(@Param() params: PlantItemParam): Promise<RoutingOperationDto[]> {
    return this.erp.listRouting(params.plant, params.itemNumber);
  }
}
