import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { FIELD_LIMITS } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, AppError } from '@threadline/platform';
import { CHANGE_NUMBER_PATTERN } from '../dashboards/dashboard-query';
import { ImpactedOrdersPageDto, ImpactedOrdersQueryDto } from './impacted-orders.dto';
import { ImpactedOrdersService } from './impacted-orders.service';

@ApiTags('dashboards')
@RequireScopes(Scopes.ExperienceRead)
@Controller('v1/dashboards/changes')
export class ImpactedOrdersController {
  constructor(private readonly impacted: ImpactedOrdersService) {}

  @Get(':changeNumber/impacted-orders')
  @ApiOperation({
    operationId: 'listImpactedOrders',
    summary: 'Per plant of a change: the work orders and purchase order lines still on the outgoing revision, with their totals (cursor-paged)',
  })
  @ApiParam({ name: 'changeNumber', example: 'ECN-000042', schema: { type: 'string', maxLength: FIELD_LIMITS.changeNumber, pattern: CHANGE_NUMBER_PATTERN.source } })
  @ApiOkResponse({ type: ImpactedOrdersPageDto })
  @ApiProblems('DASHBOARD_QUERY_INVALID', 'INVALID_CURSOR', 'DASHBOARD_CHANGE_NOT_FOUND')
  list(@Param('changeNumber') changeNumber: string, @Query() query: ImpactedOrdersQueryDto): Promise<ImpactedOrdersPageDto> {
    if (!CHANGE_NUMBER_PATTERN.test(changeNumber)) {
      throw new AppError('DASHBOARD_QUERY_INVALID', `changeNumber must match ${CHANGE_NUMBER_PATTERN.source}`, { errors: [{ field: 'changeNumber', messages: ['malformed'] }] });
    }
    return this.impacted.list(changeNumber, query);
  }
}
