import { Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PlanRunDto, PlantCodeParam } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { NotFoundError } from '@threadline/platform';
import { SchedulerConnector } from '../connector/scheduler.connector';

@ApiTags('plan runs')
@Controller('v1/plants/:plant/plan-runs')
export class PlanRunsController {
  constructor(@Inject(SchedulerConnector) private readonly scheduler: SchedulerConnector) {}

  @Post()
  @RequireScopes(Scopes.SchedulingWrite)
  @ApiOperation({ operationId: 'createPlanRun', summary: "Re-plan the plant now with the scheduler's finite-capacity planner" })
  @ApiCreatedResponse({ type: PlanRunDto })
  @ApiNotFoundResponse({ description: 'Unknown plant (problem+json)' })
  create(@Param() params: PlantCodeParam): Promise<PlanRunDto> {
    return this.scheduler.runPlan(params.plant, null);
  }

  @Get('latest')
  @RequireScopes(Scopes.SchedulingRead)
  @ApiOperation({ operationId: 'getLatestPlanRun', summary: 'The most recent plan run of the plant' })
  @ApiOkResponse({ type: PlanRunDto })
  @ApiNotFoundResponse({ description: 'Unknown plant, or the plant has never been planned (problem+json)' })
  async latest(@Param() params: PlantCodeParam): Promise<PlanRunDto> {
    const run = await this.scheduler.latestPlanRun(params.plant);
    if (!run) throw new NotFoundError('Plan run of plant', params.plant);
    return run;
  }
}
