import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FlagWorkOrderDto, HoldWorkOrderDto, ReleaseWorkOrderHoldDto, WorkOrderDto } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES } from '@threadline/platform';
import { ChangeWorkOrderService } from './change-work-order.service';
import { WorkOrderParam } from './work-order-params.dto';

@ApiTags('work-orders')
@RequireScopes(Scopes.ErpWrite)
// Each reads the order (NOT_FOUND: not in the plant) before it writes, and the ERP may refuse the write.
@ApiProblems('NOT_FOUND', 'BACKEND_REJECTED', ...BACKEND_FAILURE_CODES, 'ERP_UNMAPPABLE_DATA')
@Controller('v1/plants')
export class WorkOrderChangesController {
  constructor(private readonly changes: ChangeWorkOrderService) {}

  @Post(':plant/work-orders/:number/flags')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'flagWorkOrder',
    summary: 'Flag a work order for engineering change review or quality hold; the same flag and reference again changes nothing',
  })
  @ApiOkResponse({ type: WorkOrderDto, description: 'The order with its flags' })
  // The ERP's refusal of the same flag twice (a race) is not an error: the order is read again.
  @ApiProblems('WORK_ORDER_FLAG_LIMIT')
  flag(@Param() params: WorkOrderParam, @Body() body: FlagWorkOrderDto): Promise<WorkOrderDto> {
    return this.changes.flag(params.plant, params.number, body);
  }

  @Post(':plant/work-orders/:number/hold')
  @HttpCode(200)
  @ApiOperation({ operationId: 'holdWorkOrder', summary: 'Put a work order on hold; an order already on hold stays as it is' })
  @ApiOkResponse({ type: WorkOrderDto, description: 'The order, status ON_HOLD with its holdReason' })
  @ApiProblems('WORK_ORDER_NOT_HOLDABLE', 'BACKEND_CONFLICT')
  hold(@Param() params: WorkOrderParam, @Body() body: HoldWorkOrderDto): Promise<WorkOrderDto> {
    return this.changes.hold(params.plant, params.number, body);
  }

  @Post(':plant/work-orders/:number/release-hold')
  @HttpCode(200)
  @ApiOperation({ operationId: 'releaseWorkOrderHold', summary: 'Release a hold: the order goes back to its previous status; an order not on hold stays as it is' })
  @ApiOkResponse({ type: WorkOrderDto })
  @ApiProblems('BACKEND_CONFLICT')
  releaseHold(
    @Param() params: WorkOrderParam,
    @Body() body: ReleaseWorkOrderHoldDto): Promise<WorkOrderDto> {
    return this.changes.releaseHold(params.plant, params.number, body);
  }
}
