import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems } from '@threadline/platform';
import { ExceptionQueueFilterDto, ExceptionQueuePageDto, ExceptionQueueQueryDto, ExceptionQueueSummaryDto } from './exception-queue.dto';
import { ExceptionQueueService } from './exception-queue.service';

@ApiTags('dashboards')
@RequireScopes(Scopes.ExperienceRead)
@Controller('v1/dashboards/exception-queue')
export class ExceptionQueueController {
  constructor(private readonly queue: ExceptionQueueService) {}

  @Get()
  @ApiOperation({ operationId: 'listExceptionQueue', summary: 'Open exception cases, oldest first, each with its age; filter by plant, kind and owner (cursor-paged)' })
  @ApiOkResponse({ type: ExceptionQueuePageDto })
  @ApiProblems('DASHBOARD_QUERY_INVALID', 'INVALID_CURSOR')
  list(@Query() query: ExceptionQueueQueryDto): Promise<ExceptionQueuePageDto> {
    const { limit, cursor, ...filter } = query;
    return this.queue.list(filter, { limit, cursor });
  }

  @Get('summary')
  @ApiOperation({ operationId: 'summarizeExceptionQueue', summary: 'Open exception cases counted per age bucket, per owner, and per plant, kind and age bucket' })
  @ApiOkResponse({ type: ExceptionQueueSummaryDto })
  @ApiProblems('DASHBOARD_QUERY_INVALID')
  summary(@Query() query: ExceptionQueueFilterDto): Promise<ExceptionQueueSummaryDto> {
    return this.queue.summary(query);
  }
}
