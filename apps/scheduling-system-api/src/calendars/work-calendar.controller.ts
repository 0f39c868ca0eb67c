import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppliedWorkCalendarDto, ApplyWorkCalendarDto, PlantCodeParam } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES } from '@threadline/platform';
import { ApplyWorkCalendarService } from './apply-work-calendar.service';

@ApiTags('calendars')
@Controller('v1/plants/:plant/work-calendar')
export class WorkCalendarController {
  constructor(private readonly calendars: ApplyWorkCalendarService) {}

  @Put()
  @HttpCode(200)
  @RequireScopes(Scopes.SchedulingWrite)
  @ApiOperation({
    operationId: 'putWorkCalendar',
    summary:
      "Give the plant's scheduler ERP's non-working days: each becomes a day off on the plant's shift calendars, replacing the days an earlier call gave " +
      '(shift hours and entries made in the scheduler stay); re-plans when anything changed; idempotent',
  })
  @ApiOkResponse({ type: AppliedWorkCalendarDto, description: 'Applied, and re-planned when the days changed' })
  // NOT_FOUND: no scheduler instance for the plant; BACKEND_REJECTED: the scheduler refused the entries written.
  @ApiProblems('NOT_FOUND', ...BACKEND_FAILURE_CODES, 'BACKEND_REJECTED', 'SCHEDULER_UNMAPPED_VALUE')
  put(@Param() params: PlantCodeParam, @Body() body: ApplyWorkCalendarDto): Promise<AppliedWorkCalendarDto> {
    return this.calendars.apply(params.plant, body);
  }
}
