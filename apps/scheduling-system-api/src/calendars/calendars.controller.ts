import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PlantCodeParam, WorkCalendarDto } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { SchedulerConnector } from '../connector/scheduler.connector';

@ApiTags('calendars')
@RequireScopes(Scopes.SchedulingRead)
@Controller('v1/plants/:plant/calendars')
export class CalendarsController {
  constructor(@Inject(SchedulerConnector) private readonly scheduler: SchedulerConnector) {}

  @Get()
  @ApiOperation({ operationId: 'listWorkCalendars', summary: "The plant's work calendars: shifts, holidays and other working or non-working periods" })
  @ApiOkResponse({ type: [WorkCalendarDto] })
  @ApiNotFoundResponse({ description: 'Unknown plant (problem+json)' })
  list(@Param() params: PlantCodeParam): Promise<WorkCalendarDto[]> {
    return this.scheduler.listCalendars(params.plant);
  }
}
