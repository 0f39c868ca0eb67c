import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RoutingDto } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { answerCachedRead, ApiCachedRead, ApiProblems, BACKEND_FAILURE_CODES } from '@threadline/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PlmMasterDataCache } from '../items/plm-master-data.cache';
import { ItemRevisionParams } from '../items/item.params';

/** Routings (PLM process plans) of item revisions; a thin read beside the items' BOMs. */
@ApiTags('items')
@RequireScopes(Scopes.PlmRead)
@ApiProblems(...BACKEND_FAILURE_CODES, 'PLM_UNMAPPED_VALUE')
@Controller('v1/items')
export class ItemRoutingsController {
  constructor(@Inject(PlmMasterDataCache) private readonly masterData: PlmMasterDataCache) {}

  @Get(':itemNumber/revisions/:revision/routing')
  @ApiOperation({
    operationId: 'getItemRevisionRouting',
    summary: 'The routing of one item revision as engineering planned it: operations in sequence with plant-neutral work centre, setup and run minutes',
  })
  @ApiCachedRead(RoutingDto)
  @ApiProblems('NOT_FOUND')
  async getRouting(@Param() params: ItemRevisionParams, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | undefined> {
    return answerCachedRead(request, reply, await this.masterData.routing(params.itemNumber, params.revision));
  }
}
