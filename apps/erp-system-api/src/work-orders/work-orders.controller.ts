import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { FIELD_LIMITS, ITEM_NUMBER_PATTERN, PlantCodeParam, WORK_ORDER_STATUSES, WorkOrderStatus } from '@threadline/canonical';
import { WorkOrderPageDto } from '@threadline/canonical/erp/erp-pages.dto';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES, DEFAULT_PAGE_SIZE, PageQueryDto } from '@threadline/platform';
import { IsIn, IsISO8601, IsOptional, Matches, MaxLength } from 'class-validator';
import { ErpConnector } from '../connector/erp.connector';

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
}
