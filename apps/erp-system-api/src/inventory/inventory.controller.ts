import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { FIELD_LIMITS, ITEM_NUMBER_PATTERN, PlantCodeParam } from '@threadline/canonical';
import { InventoryPositionPageDto } from '@threadline/canonical/erp/erp-pages.dto';
import { ItemInventoryPageDto } from '@threadline/canonical/erp/items-pages.dto';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES, DEFAULT_PAGE_SIZE, PageQueryDto } from '@threadline/platform';
import { IsOptional, Matches, MaxLength } from 'class-validator';
import { ErpConnector } from '../connector/erp.connector';
import { ITEMS_PAGE_DEFAULT_SIZE, ItemsPageQueryDto } from '../work-orders/items-page.query';

export class InventoryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'SEAL-200', maxLength: FIELD_LIMITS.itemNumber })
  @IsOptional()
  @MaxLength(FIELD_LIMITS.itemNumber)
  @Matches(ITEM_NUMBER_PATTERN)
  itemNumber?: string;
}

@ApiTags('inventory')
@RequireScopes(Scopes.ErpRead)
@Controller('v1/plants')
export class InventoryController {
  constructor(@Inject(ErpConnector) private readonly erp: ErpConnector) {}

  @Get(':plant/inventory')
  @ApiOperation({ operationId: 'listInventory', summary: "A plant's stock by item, storage location, lot and stock type, cursor-paginated" })
  @ApiOkResponse({ type: InventoryPositionPageDto })
  @ApiProblems('INVALID_CURSOR', ...BACKEND_FAILURE_CODES, 'ERP_UNMAPPABLE_DATA')
  list(
    @Param() params: PlantCodeParam,
    @Query() query: InventoryQueryDto): Promise<InventoryPositionPageDto> {
    return this.erp.listInventory(params.plant, { itemNumber: query.itemNumber, limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor });
  }

  @Get(':plant/item-inventory')
  @ApiOperation({
    operationId: 'listItemInventory',
    summary: "The stock of several items in a plant by item, storage location, lot and stock type, counted in ERP: one call for the items of a change, pages up to 1000 with their total",
  })
  @ApiOkResponse({ type: ItemInventoryPageDto })
  @ApiProblems('ITEM_LIST_TOO_LONG', 'INVALID_CURSOR', ...BACKEND_FAILURE_CODES, 'ERP_UNMAPPABLE_DATA')
  listOfItems(@Param() params: PlantCodeParam, @Query() query: ItemsPageQueryDto): Promise<ItemInventoryPageDto> {
    return this.erp.listItemInventory(params.plant, { itemNumbers: query.items, limit: query.limit ?? ITEMS_PAGE_DEFAULT_SIZE, cursor: query.cursor });
  }
}
