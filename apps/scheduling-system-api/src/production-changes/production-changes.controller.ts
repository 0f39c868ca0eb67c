import { Body, Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApplyProductionChangeDto, ApplyProductionChangeResultDto, LIST_LIMITS, PlantCodeParam, ProductionChangeDto } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES } from '@threadline/platform';
import type { FastifyReply } from 'fastify';
import { SchedulerConnector } from '../connector/scheduler.connector';
import { ApplyProductionChangeService } from './apply-production-change.service';
import { ProductionChangesQueryDto } from './production-changes-query.dto';

@ApiTags('production changes')
@ApiExtraModels(ProductionChangeDto)
// Both call the plant's scheduler; NOT_FOUND: it has no instance for the plant.
@ApiProblems('NOT_FOUND', ...BACKEND_FAILURE_CODES, 'SCHEDULER_UNMAPPED_VALUE')
@Controller('v1/plants/:plant/production-changes')
export class ProductionChangesController {
  constructor(
    private readonly applyChange: ApplyProductionChangeService,
    @Inject(SchedulerConnector) private readonly scheduler: SchedulerConnector,
  ) {}

  @Post()
  @RequireScopes(Scopes.SchedulingWrite)
  @ApiOperation({
    operationId: 'applyProductionChange',
    summary: "Push a production-effective change (the item's new component list from a date) to the plant and re-plan; idempotent by change number",
  })
  @ApiCreatedResponse({ type: ApplyProductionChangeResultDto, description: 'Applied and re-planned' })
  @ApiOkResponse({ type: ApplyProductionChangeResultDto, description: 'Already applied: nothing changed (created: false)' })
  // NOT_FOUND also when the item has no routing in the plant; BACKEND_REJECTED: the scheduler refused the records written.
  @ApiProblems('UNIT_MISMATCH', 'BACKEND_REJECTED', 'BACKEND_CONFLICT')
  async apply(
    @Param() params: PlantCodeParam,
    @Body() body: ApplyProductionChangeDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApplyProductionChangeResultDto> {
    const result = await this.applyChange.apply(params.plant, body);
    void reply.status(result.created ? 201 : 200);
    return result;
  }

  @Get()
  @RequireScopes(Scopes.SchedulingRead)
  @ApiOperation({ operationId: 'listProductionChanges', summary: 'The production changes the plant scheduler holds under one change number' })
  // One per item the change affects; the connector answers 502 BACKEND_LIMIT_EXCEEDED rather than more.
  @ApiOkResponse({ schema: { type: 'array', maxItems: LIST_LIMITS.affectedItems, items: { $ref: getSchemaPath(ProductionChangeDto) } } })
  list(@Param() params: PlantCodeParam, @Query() query: ProductionChangesQueryDto): Promise<ProductionChangeDto[]> {
    return this.scheduler.findProductionChanges(params.plant, query.changeNumber);
  }
}
