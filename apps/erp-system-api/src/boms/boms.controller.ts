import { Body, Controller, HttpStatus, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplyPlantBomDto, ApplyPlantBomResultDto, PlantCodeParam } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES } from '@threadline/platform';
import type { FastifyReply } from 'fastify';
import { ErpMasterDataCache } from '../plants/erp-master-data.cache';
import { ApplyPlantBomService } from './apply-plant-bom.service';

@ApiTags('boms')
@RequireScopes(Scopes.ErpWrite)
@Controller('v1/plants')
export class BomsController {
  constructor(
    private readonly applyPlantBom: ApplyPlantBomService,
    @Inject(ErpMasterDataCache) private readonly masterData: ErpMasterDataCache,
  ) {}

  @Post(':plant/boms')
  @ApiOperation({
    operationId: 'applyPlantBom',
    summary: "Apply a change's BOM revision in a plant; repeating the same change number changes nothing (200, created: false)",
  })
  @ApiCreatedResponse({ type: ApplyPlantBomResultDto, description: 'The BOM version was created' })
  @ApiOkResponse({ type: ApplyPlantBomResultDto, description: 'This change had been applied already; nothing changed' })
  // BACKEND_REJECTED: the ERP refused the BOM (unknown component, validity); BACKEND_CONFLICT: it refused a duplicate that could not be read back.
  @ApiProblems('BOM_CHANGE_CONFLICT', 'BACKEND_REJECTED', 'BACKEND_CONFLICT', 'ERP_UNMAPPABLE_DATA', ...BACKEND_FAILURE_CODES)
  async apply(
    @Param() params: PlantCodeParam,
    @Body() body: ApplyPlantBomDto,
    @Res({ passthrough: true }) reply: FastifyReply): Promise<ApplyPlantBomResultDto> {
    // The item's BOM versions and revision in force change: its cached answers go before the answer does.
    const result = await this.applyPlantBom.apply(params.plant, body).finally(() => this.masterData.itemChanged(params.plant, body.itemNumber));
    void reply.status(result.created ? HttpStatus.CREATED : HttpStatus.OK);
    return result;
  }
}
