import { Controller, Get, HttpCode, Param, Post, Query, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { FreppleApiError } from '../errors/frepple-api.error';
import { FreppleErrorFilter } from '../errors/frepple-error.filter';
import { PlanService, TaskRecord } from '../planning/plan.service';
import { PlantService } from '../plants/plant.service';

function intParam(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw)) throw FreppleApiError.badRequest({ [name]: ['A valid integer is required.'] });
  return Number(raw);
}

/** What a task records as its source (a mock extension): as long as frePPLe's references. */
const SOURCE_MAX = 300;

/** frePPLe's execute API: launch the planning task and follow tasks. */
@ApiTags('frePPLe execute API')
@RequireScopes(Scopes.MockAccess)
@UseFilters(FreppleErrorFilter)
@ApiParam({ name: 'plant', example: 'P1' })
@Controller(':plant/execute/api')
export class ExecuteApiController {
  constructor(
    private readonly plants: PlantService,
    private readonly planner: PlanService,
  ) {}

  @Post('runplan')
  @HttpCode(200)
  @ApiQuery({ name: 'constraint', required: false, type: Number, example: 15, description: 'Constraints to respect (bit mask; 15 = all)' })
  @ApiQuery({ name: 'plantype', required: false, type: Number, example: 1, description: '1 = constrained plan' })
  @ApiQuery({
    name: 'source',
    required: false,
    schema: { type: 'string', maxLength: SOURCE_MAX, example: 'ECN-000042' },
    description: 'Mock extension: what triggered the plan, kept on the task',
  })
  @ApiOperation({ operationId: 'runPlan', summary: 'Run the finite-capacity planner now; answers when the task is done' })
  @ApiOkResponse({ description: '{ "taskid": 12, "status": "Done", "message": "..." }' })
  async runPlan(
    @Param('plant') plant: string,
    @Query('constraint') constraint?: string,
    @Query('plantype') plantype?: string,
    @Query('source') source?: string,
  ): Promise<Record<string, unknown>> {
    const instance = await this.plants.require(plant);
    if (source !== undefined && (typeof source !== 'string' || source.length > SOURCE_MAX)) {
      throw FreppleApiError.badRequest({ source: [`Ensure this field has no more than ${SOURCE_MAX} characters.`] });
    }
    const args = { constraint: intParam('constraint', constraint, 15), plantype: intParam('plantype', plantype, 1), source: source || undefined };
    const task = await this.planner.runPlan(instance, args);
    return { taskid: task.id, status: task.status, message: task.message };
  }

  @Get('status')
  @ApiQuery({ name: 'id', required: false, type: Number, example: 12, description: 'One task; without it the most recent tasks' })
  @ApiOperation({ operationId: 'getTaskStatus', summary: 'Task status, keyed by task id as frePPLe returns it' })
  @ApiOkResponse({ description: '{ "12": { "name": "runplan", "status": "Done", ... } }' })
  async status(@Param('plant') plant: string, @Query('id') id?: string): Promise<Record<string, TaskRecord>> {
    const instance = await this.plants.require(plant);
    const tasks = id !== undefined ? [await this.planner.task(instance, intParam('id', id, 0))] : await this.planner.tasks(instance);
    return Object.fromEntries(tasks.map((t) => [String(t.id), t]));
  }
}
