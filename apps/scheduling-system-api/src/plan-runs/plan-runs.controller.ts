import { Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PlanRunDto, PlantCodeParam } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES, NotFoundError } from '@threadline/platform';
import { SchedulerConnector } from '../connector/scheduler.connector';
import { PlantReplanner } from './plant-replanner.service';

@ApiTags('plan runs')
// NOT_FOUND: the scheduler has no instance for the plant (or, for the latest run, the plant was never planned).
@ApiProblems('NOT_FOUND', ...BACKEND_FAILURE_CODES, 'SCHEDULER_UNMAPPED_VALUE')
@Controller('v1/plants/:plant/plan-runs')
export class PlanRunsController {
  constructor(
    @Inject(SchedulerConnector) private readonly scheduler: SchedulerConnector,
    private readonly replanner: PlantReplanner,
  ) {}

  @Post()
  @RequireScopes(Scopes.SchedulingWrite)
  @ApiOperation({ operationId: 'createPlanRun', summary: "Re-plan the plant now with the scheduler's finite-capacity planner" })
  @ApiCreatedResponse({ type: PlanRunDto })
  @ApiProblems('BACKEND_REJECTED', 'BACKEND_CONFLICT')
  create(@Param() params: PlantCodeParam): Promise<PlanRunDto> {
    // A run that starts after this request, shared with the plant's changes waiting to be planned.
    return this.replanner.replan(params.plant, null);
  }

  @Get('latest')
  @RequireScopes(Scopes.SchedulingRead)
  @ApiOperation({ operationId: 'getLatestPlanRun', summary: 'The most recent plan run of the plant' })
  @ApiOkResponse({ type: PlanRunDto })
  async latest(@Param() params: PlantCodeParam): Promise<PlanRunDto> {
    const run = await this.scheduler.latestPlanRun(params.plant);
    if (!run) throw new NotFoundError('Plan run of plant', params.plant);
    return run;
  }
}
