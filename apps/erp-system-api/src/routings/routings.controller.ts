import { Body, Controller, Get, HttpStatus, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplyPlantRoutingDto, ApplyPlantRoutingResultDto, PlantCodeParam, PlantRoutingDto, PlantWorkCenterDto, ROUTING_OPERATIONS_MAX } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { answerCachedRead, ApiCachedRead, ApiProblems, BACKEND_FAILURE_CODES } from '@threadline/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErpMasterDataCache } from '../plants/erp-master-data.cache';
import { PlantItemParam } from '../plants/plant-params.dto';
import { ApplyPlantRoutingService } from './apply-plant-routing.service';

@ApiTags('routings')
@ApiExtraModels(PlantWorkCenterDto, PlantRoutingDto)
@ApiProblems(...BACKEND_FAILURE_CODES, 'ERP_UNMAPPABLE_DATA')
@Controller('v1/plants')
export class RoutingsController {
  constructor(
    @Inject(ErpMasterDataCache) private readonly masterData: ErpMasterDataCache,
    @Inject(ApplyPlantRoutingService) private readonly applyRouting: ApplyPlantRoutingService,
  ) {}

  @Get(':plant/work-centers')
  @RequireScopes(Scopes.ErpRead)
  @ApiOperation({ operationId: 'listWorkCenters', summary: "The plant's work centres, each with the plant-neutral work centre routings name" })
  @ApiCachedRead([PlantWorkCenterDto], { maxItems: ROUTING_OPERATIONS_MAX })
  async listWorkCenters(@Param() params: PlantCodeParam, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | undefined> {
    return answerCachedRead(request, reply, await this.masterData.workCenters(params.plant));
  }

  @Get(':plant/items/:itemNumber/routing-versions')
  @RequireScopes(Scopes.ErpRead)
  @ApiOperation({ operationId: 'listRoutingVersions', summary: "Every version of the item's routing in the plant (change number, validity, operations), oldest first" })
  @ApiCachedRead([PlantRoutingDto], { maxItems: ROUTING_OPERATIONS_MAX })
  async listVersions(@Param() params: PlantItemParam, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | undefined> {
    return answerCachedRead(request, reply, await this.masterData.routingVersions(params.plant, params.itemNumber));
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
    const result = await this.applyRouting.apply(params.plant, body).finally(() => this.masterData.itemChanged(params.plant, body.itemNumber));
    void reply.status(result.created ? HttpStatus.CREATED : HttpStatus.OK);
    return result;
  }
}
