import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PlantCodeParam } from '@threadline/canonical';
import { JobPageDto } from '@threadline/canonical/scheduling/job-page.dto';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES, decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, keysetCursor } from '@threadline/platform';
import { SchedulerConnector } from '../connector/scheduler.connector';
import { JobsQueryDto } from './jobs-query.dto';

@ApiTags('jobs')
@RequireScopes(Scopes.SchedulingRead)
@Controller('v1/plants/:plant/jobs')
export class JobsController {
  constructor(@Inject(SchedulerConnector) private readonly scheduler: SchedulerConnector) {}

  @Get()
  @ApiOperation({
    operationId: 'listJobs',
    summary: 'Jobs (manufacturing orders) with their planned start, end, lateness and scheduled operations from the latest plan',
  })
  @ApiOkResponse({ type: JobPageDto })
  // NOT_FOUND: the scheduler has no instance for the plant.
  @ApiProblems('NOT_FOUND', 'INVALID_CURSOR', ...BACKEND_FAILURE_CODES, 'SCHEDULER_UNMAPPED_VALUE')
  async list(@Param() params: PlantCodeParam, @Query() query: JobsQueryDto): Promise<JobPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor<{ after: string }>(query.cursor, keysetCursor('after'))?.after;
    // One more than asked tells whether another page exists.
    const jobs = await this.scheduler.listJobs(params.plant, { itemNumber: query.itemNumber, status: query.status, after, limit: limit + 1 });
    const items = jobs.slice(0, limit);
    return { items, nextCursor: jobs.length > limit ? encodeCursor({ after: items[items.length - 1].id }) : null };
  }
}
