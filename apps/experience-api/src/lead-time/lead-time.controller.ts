import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems } from '@threadline/platform';
import { LeadTimeQueryDto, LeadTimeSummaryDto, RolloutLeadTimesPageDto, RolloutLeadTimesQueryDto } from './lead-time.dto';
import { LeadTimeService } from './lead-time.service';

@ApiTags('dashboards')
@RequireScopes(Scopes.ExperienceRead)
@Controller('v1/dashboards/lead-time')
export class LeadTimeController {
  constructor(private readonly leadTime: LeadTimeService) {}

  @Get()
  @ApiOperation({
    operationId: 'getLeadTime',
    summary: 'Per plant: lead time from PLM release to production-effective (p50, p95, mean) over recent rollouts, and the time spent in each stage (cursor-paged by plant)',
  })
  @ApiOkResponse({ type: LeadTimeSummaryDto })
  @ApiProblems('DASHBOARD_QUERY_INVALID', 'INVALID_CURSOR')
  summary(@Query() query: LeadTimeQueryDto): Promise<LeadTimeSummaryDto> {
    return this.leadTime.summary({ plant: query.plant, days: query.days }, { limit: query.limit, cursor: query.cursor });
  }

  @Get('rollouts')
  @ApiOperation({
    operationId: 'listRolloutLeadTimes',
    summary: "Each plant's rollout of each change: its state in plain words and the seconds each stage took (cursor-paged, most recently changed first)",
  })
  @ApiOkResponse({ type: RolloutLeadTimesPageDto })
  @ApiProblems('DASHBOARD_QUERY_INVALID', 'INVALID_CURSOR')
  rollouts(@Query() query: RolloutLeadTimesQueryDto): Promise<RolloutLeadTimesPageDto> {
    const { limit, cursor, ...filter } = query;
    return this.leadTime.rollouts(filter, { limit, cursor });
  }
}
