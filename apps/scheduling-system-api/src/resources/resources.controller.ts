import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PlantCodeParam, ResourceDto } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { SchedulerConnector } from '../connector/scheduler.connector';

@ApiTags('resources')
@RequireScopes(Scopes.SchedulingRead)
@Controller('v1/plants/:plant/resources')
export class ResourcesController {
  constructor(@Inject(SchedulerConnector) private readonly scheduler: SchedulerConnector) {}

  @Get()
  @ApiOperation({ operationId: 'listResources', summary: "The plant scheduler's resources (machines, lines, test benches)" })
  @ApiOkResponse({ type: [ResourceDto] })
  @ApiNotFoundResponse({ description: 'Unknown plant (problem+json)' })
  list(@Param() params: PlantCodeParam): Promise<ResourceDto[]> {
    return this.scheduler.listResources(params.plant);
  }
}
