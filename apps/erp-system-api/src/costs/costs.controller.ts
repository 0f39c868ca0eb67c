import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CostRollupDto, ItemCostDto, PlantCodeParam, RunCostRollupDto } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES } from '@threadline/platform';
import { ErpConnector } from '../connector/erp.connector';
import { PlantItemParam } from '../plants/plant-params.dto';
import { RollUpCostService } from './roll-up-cost.service';

@ApiTags('costs')
@ApiProblems(...BACKEND_FAILURE_CODES, 'ERP_UNMAPPABLE_DATA')
@Controller('v1/plants')
export class CostsController {
  constructor(
    private readonly rollUpCost: RollUpCostService,
    @Inject(ErpConnector) private readonly erp: ErpConnector,
  ) {}

  @Post(':plant/cost-rollups')
  @HttpCode(200)
  @RequireScopes(Scopes.ErpWrite)
  @ApiOperation({
    operationId: 'runCostRollup',
    summary:
      "Roll up an item's cost from its BOM valid at validFrom (all levels) and record it as the future standard cost; " +
      'the same change number again returns the first result and changes nothing',
  })
  @ApiOkResponse({ type: CostRollupDto })
  // BACKEND_REJECTED: no BOM valid at validFrom, or not of that revision; BACKEND_CONFLICT: a duplicate that could not be read back.
  @ApiProblems('BACKEND_REJECTED', 'BACKEND_CONFLICT')
  rollUp(@Param() params: PlantCodeParam, @Body() body: RunCostRollupDto): Promise<CostRollupDto> {
    return this.rollUpCost.rollUp(params.plant, body);
  }

  @Get(':plant/items/:itemNumber/costs')
  @RequireScopes(Scopes.ErpRead)
  @ApiOperation({ operationId: 'getItemCost', summary: "An item's standard cost in a plant, and the future standard cost a roll-up recorded" })
  @ApiOkResponse({ type: ItemCostDto })
  // NOT_FOUND: the item is not valuated in the plant.
  @ApiProblems('NOT_FOUND')
  getItemCost(@Param() params: PlantItemParam): Promise<ItemCostDto> {
    return this.erp.getItemCost(params.plant, params.itemNumber);
  }
}
