import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems } from '@threadline/platform';
import { IntegrationHealthDto, IntegrationHealthQueryDto } from './integration-health.dto';
import { IntegrationHealthService } from './integration-health.service';

@ApiTags('dashboards')
@RequireScopes(Scopes.ExperienceRead)
@Controller('v1/dashboards/integration-health')
export class IntegrationHealthController {
  constructor(private readonly health: IntegrationHealthService) {}

  @Get()
  @ApiOperation({
    operationId: 'getIntegrationHealth',
    summary: 'Per backend and plant: availability and error rate of the process API\'s calls, retrying steps and open dead letters (cursor-paged)',
  })
  @ApiOkResponse({ type: IntegrationHealthDto })
  @ApiProblems('DASHBOARD_QUERY_INVALID', 'INVALID_CURSOR')
  summary(@Query() query: IntegrationHealthQueryDto): Promise<IntegrationHealthDto> {
    const { limit, cursor, ...filter } = query;
    return this.health.summary(filter, { limit, cursor });
  }
}
