import { Controller, Get, Headers, Inject, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PlantBomDto, PlantDto, PlantItemDto } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ErpConnector } from '../connector/erp.connector';
import { PlantItemParam } from './plant-params.dto';

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
}
