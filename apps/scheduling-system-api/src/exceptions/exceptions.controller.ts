import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { PlantCodeParam, ScheduleExceptionDto } from '@threadline/canonical';
import { ReportQualityHoldDto, ScheduleExceptionPageDto } from '@threadline/canonical/scheduling/schedule-exception-page.dto';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor } from '@threadline/platform';
import { SchedulerConnector } from '../connector/scheduler.connector';
import { ExceptionsQueryDto } from './exceptions-query.dto';

@ApiTags('exceptions')
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
  @ApiNotFoundResponse({ description: 'Unknown plant (problem+json)' })
  async list(@Param() params: PlantCodeParam, @Query() query: ExceptionsQueryDto): Promise<ScheduleExceptionPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor<{ after: string }>(query.cursor)?.after;
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
  @ApiNotFoundResponse({ description: 'Unknown plant (problem+json)' })
  @ApiUnprocessableEntityResponse({ description: 'The scheduler knows no such job (problem+json, its error in backendError)' })
  reportQualityHold(@Param() params: PlantCodeParam, @Body() body: ReportQualityHoldDto): Promise<ScheduleExceptionDto> {
    return this.scheduler.reportQualityHold(params.plant, body.jobId, body.detail);
  }
}
