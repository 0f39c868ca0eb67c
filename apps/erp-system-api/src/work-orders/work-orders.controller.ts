import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { FIELD_LIMITS, ITEM_NUMBER_PATTERN, PlantCodeParam, WORK_ORDER_STATUSES, WorkOrderStatus } from '@threadline/canonical';
import { WorkOrderPageDto } from '@threadline/canonical/erp/erp-pages.dto';
import { OpenWorkOrderPageDto } from '@threadline/canonical/erp/items-pages.dto';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES, DEFAULT_PAGE_SIZE, PageQueryDto } from '@threadline/platform';
import { IsIn, IsISO8601, IsOptional, Matches, MaxLength } from 'class-validator';
import { ErpConnector } from '../connector/erp.connector';
import { ITEMS_PAGE_DEFAULT_SIZE, ItemsPageQueryDto } from './items-page.query';

export class WorkOrderQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'PUMP-100', maxLength: FIELD_LIMITS.itemNumber })
  @IsOptional()
  @MaxLength(FIELD_LIMITS.itemNumber)
  @Matches(ITEM_NUMBER_PATTERN)
  itemNumber?: string;

  @ApiPropertyOptional({ enum: WORK_ORDER_STATUSES, example: 'RELEASED' })
  @IsOptional()
  @IsIn(WORK_ORDER_STATUSES)
  status?: WorkOrderStatus;

  @ApiPropertyOptional({ example: '2026-11-26T00:00:00.000Z', description: 'Only orders changed at or after this instant (status, flags, hold)', maxLength: FIELD_LIMITS.isoDateTime })
  @IsOptional()
  @MaxLength(FIELD_LIMITS.isoDateTime)
  @IsISO8601({ strict: true })
  changedSince?: string;
}

@ApiTags('work-orders')
@RequireScopes(Scopes.ErpRead)
@Controller('v1/plants')
export class WorkOrdersController {
  constructor(@Inject(ErpConnector) private readonly erp: ErpConnector) {}

  @Get(':plant/work-orders')
  @ApiOperation({ operationId: 'listWorkOrders', summary: "A plant's work orders (production orders), by order number, cursor-paginated" })
  @ApiOkResponse({ type: WorkOrderPageDto })
  @ApiProblems('INVALID_CURSOR', ...BACKEND_FAILURE_CODES, 'ERP_UNMAPPABLE_DATA')
  list(@Param() params: PlantCodeParam, @Query() query: WorkOrderQueryDto): Promise<WorkOrderPageDto> {
    return this.erp.listWorkOrders(
      params.plant,
      { itemNumber: query.itemNumber, status: query.status, changedSince: query.changedSince, limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor },
    );
  }

  // A path of its own: `status` here is a canonical status, pages are bigger and carry a total.
  @Get(':plant/open-work-orders')
  @ApiOperation({
    operationId: 'listOpenWorkOrders',
    summary:
      "The open work orders (CREATED, RELEASED, IN_PROGRESS, ON_HOLD) of several items in a plant, each with the revision it builds, by order number, " +
      'filtered and counted in ERP: one call for the items of a change, pages up to 1000 with their total',
  })
  @ApiOkResponse({ type: OpenWorkOrderPageDto })
  @ApiProblems('ITEM_LIST_TOO_LONG', 'INVALID_CURSOR', ...BACKEND_FAILURE_CODES, 'ERP_UNMAPPABLE_DATA')
  listOpen(@Param() params: PlantCodeParam, @Query() query: ItemsPageQueryDto): Promise<OpenWorkOrderPageDto> {
    return this.erp.listOpenWorkOrders(params.plant, { itemNumbers: query.items, limit: query.limit ?? ITEMS_PAGE_DEFAULT_SIZE, cursor: query.cursor });
  }
}
