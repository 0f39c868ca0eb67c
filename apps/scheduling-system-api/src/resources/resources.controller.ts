import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { LIST_LIMITS, PlantCodeParam, ResourceDto } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES } from '@threadline/platform';
import { SchedulerConnector } from '../connector/scheduler.connector';

@ApiTags('resources')
@ApiExtraModels(ResourceDto)
@RequireScopes(Scopes.SchedulingRead)
@Controller('v1/plants/:plant/resources')
export class ResourcesController {
  constructor(@Inject(SchedulerConnector) private readonly scheduler: SchedulerConnector) {}

  @Get()
  @ApiOperation({ operationId: 'listResources', summary: "The plant scheduler's resources (machines, lines, test benches)" })
  // The connector answers 502 BACKEND_LIMIT_EXCEEDED rather than more.
  @ApiOkResponse({ schema: { type: 'array', maxItems: LIST_LIMITS.resources, items: { $ref: getSchemaPath(ResourceDto) } } })
  // NOT_FOUND: the scheduler has no instance for the plant.
  @ApiProblems('NOT_FOUND', ...BACKEND_FAILURE_CODES, 'SCHEDULER_UNMAPPED_VALUE')
  list(@Param() params: PlantCodeParam): Promise<ResourceDto[]> {
    return this.scheduler.listResources(params.plant);
  }
}
