import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PlantCodeParam, PlantWorkCalendarDto } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES } from '@threadline/platform';
import { ErpConnector } from '../connector/erp.connector';

@ApiTags('work calendars')
@Controller('v1/plants')
export class WorkCalendarsController {
  constructor(@Inject(ErpConnector) private readonly erp: ErpConnector) {}

  @Get(':plant/work-calendar')
  @RequireScopes(Scopes.ErpRead)
  @ApiOperation({ operationId: 'getPlantWorkCalendar', summary: "The plant's work calendar as ERP holds it (its factory calendar): working weekdays and every non-working day" })
  @ApiOkResponse({ type: PlantWorkCalendarDto })
  // NOT_FOUND: ERP does not know the plant, or the plant names no factory calendar.
  @ApiProblems('NOT_FOUND', ...BACKEND_FAILURE_CODES, 'ERP_UNMAPPABLE_DATA')
  get(@Param() params: PlantCodeParam): Promise<PlantWorkCalendarDto> {
    return this.erp.getWorkCalendar(params.plant);
  }
}
