import { Body, Controller, Get, HttpStatus, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApplyPlantRoutingDto, ApplyPlantRoutingResultDto, PlantCodeParam, PlantRoutingDto, PlantWorkCenterDto, ROUTING_OPERATIONS_MAX } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES } from '@threadline/platform';
import type { FastifyReply } from 'fastify';
import { ErpConnector } from '../connector/erp.connector';
import { PlantItemParam } from '../plants/plant-params.dto';
import { ApplyPlantRoutingService } from './apply-plant-routing.service';

const arrayOf = (model: new () => unknown, maxItems: number) => ({ schema: { type: 'array' as const, maxItems, items: { $ref: getSchemaPath(model) } } });

@ApiTags('routings')
@ApiExtraModels(PlantWorkCenterDto, PlantRoutingDto)
@ApiProblems(...BACKEND_FAILURE_CODES, 'ERP_UNMAPPABLE_DATA')
@Controller('v1/plants')
export class RoutingsController {
  constructor(
    @Inject(ErpConnector) private readonly erp: ErpConnector,
    @Inject(ApplyPlantRoutingService) private readonly applyRouting: ApplyPlantRoutingService,
  ) {}

  @Get(':plant/work-centers')
  @RequireScopes(Scopes.ErpRead)
  @ApiOperation({ operationId: 'listWorkCenters', summary: "The plant's work centres, each with the plant-neutral work centre routings name" })
  @ApiOkResponse({ description: 'Work centres by plant work centre', ...arrayOf(PlantWorkCenterDto, ROUTING_OPERATIONS_MAX) })
  listWorkCenters(@Param() params: PlantCodeParam): Promise<PlantWorkCenterDto[]> {
    return this.erp.listWorkCenters(params.plant);
  }

  @Get(':plant/items/:itemNumber/routing-versions')
  @RequireScopes(Scopes.ErpRead)
  @ApiOperation({ operationId: 'listRoutingVersions', summary: "Every version of the item's routing in the plant (change number, validity, operations), oldest first" })
  @ApiOkResponse({ description: 'Routing versions', ...arrayOf(PlantRoutingDto, ROUTING_OPERATIONS_MAX) })
  listVersions(@Param() params: PlantItemParam): Promise<PlantRoutingDto[]> {
    return this.erp.listPlantRoutings(params.plant, params.itemNumber);
  }

  @Post(':plant/routings')
  @RequireScopes(Scopes.ErpWrite)
  @ApiOperation({
    operationId: 'applyPlantRouting',
    summary: "Apply a change's routing in a plant as a routing version valid from validFrom; repeating the same change number changes nothing (200, created: false)",
  })
  @ApiCreatedResponse({ type: ApplyPlantRoutingResultDto, description: 'The routing version was created' })
  @ApiOkResponse({ type: ApplyPlantRoutingResultDto, description: 'This change had been applied already; nothing changed' })
  @ApiProblems('PLANT_WORK_CENTER_UNKNOWN', 'ROUTING_CHANGE_CONFLICT', 'BACKEND_REJECTED', 'BACKEND_CONFLICT')
  async apply(@Param() params: PlantCodeParam, @Body() body: ApplyPlantRoutingDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ApplyPlantRoutingResultDto> {
    const result = await this.applyRouting.apply(params.plant, body);
    void reply.status(result.created ? HttpStatus.CREATED : HttpStatus.OK);
    return result;
  }
}
