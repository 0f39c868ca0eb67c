import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplySchedulerRoutingDto, ApplySchedulerRoutingResultDto, PlantCodeParam } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES } from '@threadline/platform';
import type { FastifyReply } from 'fastify';
import { ApplySchedulerRoutingService } from './apply-scheduler-routing.service';

@ApiTags('routings')
@ApiProblems('NOT_FOUND', ...BACKEND_FAILURE_CODES, 'SCHEDULER_UNMAPPED_VALUE')
@Controller('v1/plants/:plant/routings')
export class SchedulerRoutingsController {
  constructor(private readonly applyRouting: ApplySchedulerRoutingService) {}

  @Post()
  @RequireScopes(Scopes.SchedulingWrite)
  @ApiOperation({
    operationId: 'applySchedulerRouting',
    summary: "Push a change's routing (operations on plant-neutral work centres, setup and run minutes) to the plant from its date and re-plan; idempotent by change number",
  })
  @ApiCreatedResponse({ type: ApplySchedulerRoutingResultDto, description: 'Applied and re-planned' })
  @ApiOkResponse({ type: ApplySchedulerRoutingResultDto, description: 'Already applied: nothing changed (created: false)' })
  // NOT_FOUND also when the item has no routing in the plant.
  @ApiProblems('SCHEDULER_WORK_CENTER_UNKNOWN', 'BACKEND_REJECTED', 'BACKEND_CONFLICT')
  async apply(@Param() params: PlantCodeParam, @Body() body: ApplySchedulerRoutingDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ApplySchedulerRoutingResultDto> {
    const result = await this.applyRouting.apply(params.plant, body);
    void reply.status(result.created ? 201 : 200);
    return result;
  }
}
