import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RoutingDto } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES } from '@threadline/platform';
import { PlmConnector } from '../connector/plm.connector';
import { ItemRevisionParams } from '../items/item.params';

/** Routings (PLM process plans) of item revisions; a thin read beside the items' BOMs. */
@ApiTags('items')
@RequireScopes(Scopes.PlmRead)
@ApiProblems(...BACKEND_FAILURE_CODES, 'PLM_UNMAPPED_VALUE')
@Controller('v1/items')
export class ItemRoutingsController {
  constructor(@Inject(PlmConnector) private readonly plm: PlmConnector) {}

  @Get(':itemNumber/revisions/:revision/routing')
  @ApiOperation({
    operationId: 'getItemRevisionRouting',
    summary: 'The routing of one item revision as engineering planned it: operations in sequence with plant-neutral work centre, setup and run minutes',
  })
  @ApiOkResponse({ type: RoutingDto })
  @ApiProblems('NOT_FOUND')
  getRouting(@Param() params: ItemRevisionParams): Promise<RoutingDto> {
    return this.plm.getRouting(params.itemNumber, params.revision);
  }
}
