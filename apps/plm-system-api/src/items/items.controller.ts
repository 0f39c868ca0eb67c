import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { BomDto, ItemDto } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { PlmConnector } from '../connector/plm.connector';
import { ItemNumberParam, ItemRevisionParams } from './item.params';

@ApiTags('items')
@RequireScopes(Scopes.PlmRead)
@Controller('v1/items')
export class ItemsController {
  constructor(@Inject(PlmConnector) private readonly plm: PlmConnector) {}

  @Get(':itemNumber')
  @ApiOperation({ operationId: 'getItem', summary: 'An item as engineering defines it, with all its revisions' })
  @ApiOkResponse({ type: ItemDto })
  @ApiNotFoundResponse({ description: 'No such item in PLM (problem+json)' })
  @ApiServiceUnavailableResponse({ description: 'PLM is not reachable (problem+json)' })
  getItem(@Param() params: ItemNumberParam): Promise<ItemDto> {
    return this.plm.getItem(params.itemNumber);
  }

  @Get(':itemNumber/revisions/:revision/bom')
  @ApiOperation({ operationId: 'getItemRevisionBom', summary: 'The single-level bill of materials of one item revision' })
  @ApiOkResponse({ type: BomDto })
  @ApiNotFoundResponse({ description: 'No such item revision in PLM (problem+json)' })
  @ApiServiceUnavailableResponse({ description: 'PLM is not reachable (problem+json)' })
  getBom(@Param() params: ItemRevisionParams): Promise<BomDto> {
    return this.plm.getBom(params.itemNumber, params.revision);
  }
}
