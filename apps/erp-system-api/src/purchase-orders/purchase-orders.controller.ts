import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { FIELD_LIMITS, ITEM_NUMBER_PATTERN, PlantCodeParam, PurchaseOrderDto } from '@threadline/canonical';
import { PurchaseOrderPageDto } from '@threadline/canonical/erp/erp-pages.dto';
import { OpenPurchaseOrderPageDto } from '@threadline/canonical/erp/items-pages.dto';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES, DEFAULT_PAGE_SIZE, PageQueryDto } from '@threadline/platform';
import { IsIn, IsISO8601, IsOptional, Matches, MaxLength } from 'class-validator';
import { ErpConnector } from '../connector/erp.connector';
import { ITEMS_PAGE_DEFAULT_SIZE, ItemsPageQueryDto } from '../work-orders/items-page.query';

const PURCHASE_ORDER_STATUSES: Array<PurchaseOrderDto['status']> = ['OPEN', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CANCELLED'];

export class PurchaseOrderQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'SEAL-200', description: 'Orders with at least one line for this item', maxLength: FIELD_LIMITS.itemNumber })
  @IsOptional()
  @MaxLength(FIELD_LIMITS.itemNumber)
  @Matches(ITEM_NUMBER_PATTERN)
  itemNumber?: string;

  @ApiPropertyOptional({ enum: PURCHASE_ORDER_STATUSES, example: 'OPEN' })
  @IsOptional()
  @IsIn(PURCHASE_ORDER_STATUSES)
  status?: PurchaseOrderDto['status'];

  @ApiPropertyOptional({ example: '2026-11-26T00:00:00.000Z', description: 'Only orders changed at or after this instant', maxLength: FIELD_LIMITS.isoDateTime })
  @IsOptional()
  @MaxLength(FIELD_LIMITS.isoDateTime)
  @IsISO8601({ strict: true })
  changedSince?: string;
}

@ApiTags('purchase-orders')
@RequireScopes(Scopes.ErpRead)
@Controller('v1/plants')
export class PurchaseOrdersController {
  constructor(@Inject(ErpConnector) private readonly erp: ErpConnector) {}

  @Get(':plant/purchase-orders')
  @ApiOperation({ operationId: 'listPurchaseOrders', summary: "Purchase orders delivering to a plant, by order number, cursor-paginated" })
  @ApiOkResponse({ type: PurchaseOrderPageDto })
  @ApiProblems('INVALID_CURSOR', ...BACKEND_FAILURE_CODES, 'ERP_UNMAPPABLE_DATA')
  list(
    @Param() params: PlantCodeParam,
    @Query() query: PurchaseOrderQueryDto): Promise<PurchaseOrderPageDto> {
    return this.erp.listPurchaseOrders(
      params.plant,
      { itemNumber: query.itemNumber, status: query.status, changedSince: query.changedSince, limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor },
    );
  }

  @Get(':plant/open-purchase-orders')
  @ApiOperation({
    operationId: 'listOpenPurchaseOrders',
    summary:
      'The open purchase orders (OPEN, PARTIALLY_RECEIVED) of several items delivering to a plant: one entry per order and item, with that item\'s lines ' +
      'and its status from them (as the list of one item answers it), by order number; one call for the items of a change, pages up to 1000 with their total',
  })
  @ApiOkResponse({ type: OpenPurchaseOrderPageDto })
  @ApiProblems('ITEM_LIST_TOO_LONG', 'INVALID_CURSOR', ...BACKEND_FAILURE_CODES, 'ERP_UNMAPPABLE_DATA')
  listOpen(@Param() params: PlantCodeParam, @Query() query: ItemsPageQueryDto): Promise<OpenPurchaseOrderPageDto> {
    return this.erp.listOpenPurchaseOrders(params.plant, { itemNumbers: query.items, limit: query.limit ?? ITEMS_PAGE_DEFAULT_SIZE, cursor: query.cursor });
  }
}
