import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { LIST_LIMITS, PlantCodeParam, WorkCalendarDto } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES } from '@threadline/platform';
import { SchedulerConnector } from '../connector/scheduler.connector';

@ApiTags('calendars')
@ApiExtraModels(WorkCalendarDto)
@RequireScopes(Scopes.SchedulingRead)
@Controller('v1/plants/:plant/calendars')
export class CalendarsController {
  constructor(@Inject(SchedulerConnector) private readonly scheduler: SchedulerConnector) {}

  @Get()
  @ApiOperation({ operationId: 'listWorkCalendars', summary: "The plant's work calendars: shifts, holidays and other working or non-working periods" })
  // The connector answers 502 BACKEND_LIMIT_EXCEEDED rather than more.
  @ApiOkResponse({ schema: { type: 'array', maxItems: LIST_LIMITS.calendars, items: { $ref: getSchemaPath(WorkCalendarDto) } } })
  // NOT_FOUND: the scheduler has no instance for the plant.
  @ApiProblems('NOT_FOUND', ...BACKEND_FAILURE_CODES, 'SCHEDULER_UNMAPPED_VALUE')
  list(@Param() params: PlantCodeParam): Promise<WorkCalendarDto[]> {
    return this.scheduler.listCalendars(params.plant);
  }
}
