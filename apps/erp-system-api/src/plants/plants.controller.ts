import { Controller, Get, Headers, Inject, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PlantBomDto, PlantDto, PlantItemDto, RoutingOperationDto, WhereUsedDto } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ErpConnector } from '../connector/erp.connector';
import { PlantItemParam, WhereUsedQueryDto } from './plant-params.dto';

@ApiTags('plants')
@RequireScopes(Scopes.ErpRead)
@Controller('v1/plants')
export class PlantsController {
  constructor(@Inject(ErpConnector) private readonly erp: ErpConnector) {}

  @Get()
  @ApiOperation({ operationId: 'listPlants', summary: 'The plants the ERP knows' })
  @ApiOkResponse({ type: [PlantDto] })
  listPlants(@Headers('x-correlation-id') correlationId?: string): Promise<PlantDto[]> {
    return this.erp.listPlants(correlationId);
  }

  @Get(':plant/items/:itemNumber')
  @ApiOperation({ operationId: 'getPlantItem', summary: 'An item as one plant holds it: revision in force, procurement, standard cost' })
  @ApiOkResponse({ type: PlantItemDto })
  @ApiNotFoundResponse({ description: 'The item does not exist or is not extended to the plant (problem+json)' })
  getPlantItem(@Param() params: PlantItemParam, @Headers('x-correlation-id') correlationId?: string): Promise<PlantItemDto> {
    return this.erp.getPlantItem(params.plant, params.itemNumber, correlationId);
  }

  @Get(':plant/items/:itemNumber/boms')
  @ApiOperation({ operationId: 'listPlantBoms', summary: "Every BOM version of the item in the plant with its validity, newest first" })
  @ApiOkResponse({ type: [PlantBomDto] })
  listPlantBoms(@Param() params: PlantItemParam, @Headers('x-correlation-id') correlationId?: string): Promise<PlantBomDto[]> {
    return this.erp.listPlantBoms(params.plant, params.itemNumber, correlationId);
  }

  @Get(':plant/items/:itemNumber/where-used')
  @ApiOperation({
    operationId: 'listWhereUsed',
    summary: "Every assembly using the item through the plant's BOMs valid at `at` (default now), all levels, one entry per path",
  })
  @ApiOkResponse({ type: [WhereUsedDto] })
  whereUsed(@Param() params: PlantItemParam, @Query() query: WhereUsedQueryDto, @Headers('x-correlation-id') correlationId?: string): Promise<WhereUsedDto[]> {
    return this.erp.whereUsed(params.plant, params.itemNumber, query.at ?? new Date().toISOString(), correlationId);
  }

  @Get(':plant/items/:itemNumber/routing')
  @ApiOperation({ operationId: 'listRouting', summary: "The item's routing in the plant: operations by sequence (empty when it has none)" })
  @ApiOkResponse({ type: [RoutingOperationDto] })
  listRouting(@Param() params: PlantItemParam, @Headers('x-correlation-id') correlationId?: string): Promise<RoutingOperationDto[]> {
    return this.erp.listRouting(params.plant, params.itemNumber, correlationId);
  }
}
