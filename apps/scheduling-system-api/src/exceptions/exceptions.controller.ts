import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PlantCodeParam, ScheduleExceptionDto } from '@threadline/canonical';
import { ReportQualityHoldDto, ScheduleExceptionPageDto } from '@threadline/canonical/scheduling/schedule-exception-page.dto';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES, decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, keysetCursor } from '@threadline/platform';
import { SchedulerConnector } from '../connector/scheduler.connector';
import { ExceptionsQueryDto } from './exceptions-query.dto';

@ApiTags('exceptions')
// Both call the plant's scheduler; NOT_FOUND: it has no instance for the plant.
@ApiProblems('NOT_FOUND', ...BACKEND_FAILURE_CODES, 'SCHEDULER_UNMAPPED_VALUE')
@Controller('v1/plants/:plant')
export class ExceptionsController {
  constructor(@Inject(SchedulerConnector) private readonly scheduler: SchedulerConnector) {}

  @Get('exceptions')
  @RequireScopes(Scopes.SchedulingRead)
  @ApiOperation({
    operationId: 'listScheduleExceptions',
    summary: "The plant's current exceptions (delays, material shortages, resource overloads from the latest plan; quality holds), oldest first",
  })
  @ApiOkResponse({ type: ScheduleExceptionPageDto })
  @ApiProblems('INVALID_CURSOR')
  async list(@Param() params: PlantCodeParam, @Query() query: ExceptionsQueryDto): Promise<ScheduleExceptionPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor<{ after: string }>(query.cursor, keysetCursor('after'))?.after;
    // One more than asked tells whether another page exists.
    const exceptions = await this.scheduler.listExceptions(params.plant, { kind: query.kind, after, limit: limit + 1 });
    const items = exceptions.slice(0, limit);
    return { items, nextCursor: exceptions.length > limit ? encodeCursor({ after: items[items.length - 1].id }) : null };
  }

  @Post('quality-holds')
  @RequireScopes(Scopes.SchedulingWrite)
  @ApiOperation({
    operationId: 'reportQualityHold',
    summary:
      'Report a quality hold on a job through the scheduler, which announces it like any exception. One hold per job: reporting it again answers the same hold',
  })
  @ApiCreatedResponse({ type: ScheduleExceptionDto })
  // BACKEND_REJECTED: the scheduler knows no such job.
  @ApiProblems('BACKEND_REJECTED', 'BACKEND_CONFLICT')
  reportQualityHold(@Param() params: PlantCodeParam, @Body() body: ReportQualityHoldDto): Promise<ScheduleExceptionDto> {
    return this.scheduler.reportQualityHold(params.plant, body.jobId, body.detail);
  }
}
