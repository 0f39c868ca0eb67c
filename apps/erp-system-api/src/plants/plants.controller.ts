import { Body, Controller, Get, HttpStatus, Inject, Param, Post, Query, Req, Res, Type } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { CreatePlantItemDto, LIST_LIMITS, PlantBomDto, PlantCodeParam, PlantDto, PlantItemDto, RoutingOperationDto, WhereUsedDto } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { answerCachedRead, ApiCachedRead, ApiProblems, BACKEND_FAILURE_CODES, NotFoundError } from '@threadline/platform';
import { ErpConnector } from '../connector/erp.connector';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErpMasterDataCache } from './erp-master-data.cache';
import { createPlantItem } from './create-plant-item';
import { PlantItemParam, PlantItemsQueryDto, WhereUsedQueryDto } from './plant-params.dto';

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
  constructor(
    @Inject(ErpConnector) private readonly erp: ErpConnector,
    @Inject(ErpMasterDataCache) private readonly masterData: ErpMasterDataCache,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'listPlants', summary: 'The plants the ERP knows' })
  @ApiCachedRead([PlantDto], { maxItems: LIST_LIMITS.plants })
  async listPlants(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | undefined> {
    return answerCachedRead(request, reply, await this.masterData.plants());
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
    const { item, created } = await createPlantItem(this.erp, params.plant, body).finally(() => this.masterData.itemChanged(params.plant, body.itemNumber));
    void reply.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return item;
  }

  @Get(':plant/items')
  @ApiOperation({
    operationId: 'listPlantItems',
    summary: 'Several items as one plant holds them, each as GET .../items/{itemNumber} answers it: one call for the items of a change; an item the plant does not hold is left out',
  })
  @ApiExtraModels(PlantItemDto)
  @okArrayOf(PlantItemDto, LIST_LIMITS.affectedItems)
  @ApiProblems('ITEM_LIST_TOO_LONG')
  async listPlantItems(@Param() params: PlantCodeParam, @Query() query: PlantItemsQueryDto): Promise<PlantItemDto[]> {
    // Each item through the master-data cache, as the single reads: a held answer costs no ERP call.
    const reads = await Promise.all(
      query.items.map((n) =>
        this.masterData.plantItem(params.plant, n).then(
          (read) => read.value,
          (error: unknown) => {
            if (error instanceof NotFoundError) return null;
            throw error;
          },
        ),
      ),
    );
    return reads.filter((item): item is PlantItemDto => item !== null);
  }

  @Get(':plant/items/:itemNumber')
  @ApiOperation({ operationId: 'getPlantItem', summary: 'An item as one plant holds it: revision in force, procurement, standard cost' })
  @ApiCachedRead(PlantItemDto)
  // NOT_FOUND: the item does not exist or is not extended to the plant.
  @ApiProblems('NOT_FOUND', 'ERP_UNMAPPABLE_DATA')
  async getPlantItem(@Param() params: PlantItemParam, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | undefined> {
    return answerCachedRead(request, reply, await this.masterData.plantItem(params.plant, params.itemNumber));
  }

  @Get(':plant/items/:itemNumber/boms')
  @ApiOperation({ operationId: 'listPlantBoms', summary: "Every BOM version of the item in the plant with its validity, newest first" })
  @ApiCachedRead([PlantBomDto], { maxItems: LIST_LIMITS.plantBomVersions })
  @ApiProblems('ERP_UNMAPPABLE_DATA')
  async listPlantBoms(@Param() params: PlantItemParam, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | undefined> {
    return answerCachedRead(request, reply, await this.masterData.plantBoms(params.plant, params.itemNumber));
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
  @ApiCachedRead([RoutingOperationDto], { maxItems: LIST_LIMITS.routingOperations })
  @ApiProblems('ERP_UNMAPPABLE_DATA')
  async listRouting(@Param() params: PlantItemParam, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | undefined> {
    return answerCachedRead(request, reply, await this.masterData.routing(params.plant, params.itemNumber));
  }
}
