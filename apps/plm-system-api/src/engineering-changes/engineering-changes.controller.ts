import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateEngineeringChangeDto, EngineeringChangeDto, RecordChangeApprovalDto } from '@threadline/canonical';
import { EngineeringChangePageDto } from '@threadline/canonical/plm/engineering-change-page.dto';
import { CurrentPrincipal, Principal, RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES } from '@threadline/platform';
import { ChangeNumberParam } from './engineering-change.params';
import { EngineeringChangesService } from './engineering-changes.service';
import { ListEngineeringChangesQueryDto } from './list-engineering-changes.query';

@ApiTags('engineering-changes')
// Every route calls PLM, and maps its enumerated values (states, priorities) on the way back.
@ApiProblems(...BACKEND_FAILURE_CODES, 'PLM_UNMAPPED_VALUE')
@Controller('v1/engineering-changes')
export class EngineeringChangesController {
  constructor(@Inject(EngineeringChangesService) private readonly changes: EngineeringChangesService) {}

  @Post()
  @RequireScopes(Scopes.PlmWrite)
  @ApiOperation({ operationId: 'createEngineeringChange', summary: 'Creates an engineering change (ECO) in PLM, in state OPEN' })
  @ApiCreatedResponse({ type: EngineeringChangeDto })
  // Checked against PLM before anything is created: an unknown item, a stale fromRevision (currentRevision names PLM's), a BOM cycle (path).
  @ApiProblems('COMPONENT_UNKNOWN', 'REVISION_CONFLICT', 'BOM_CYCLE', 'BACKEND_REJECTED', 'BACKEND_CONFLICT')
  create(@Body() body: CreateEngineeringChangeDto): Promise<EngineeringChangeDto> {
    return this.changes.create(body);
  }

  @Get()
  @RequireScopes(Scopes.PlmRead)
  @ApiOperation({
    operationId: 'listEngineeringChanges',
    summary: 'Engineering changes, cursor-paginated; with releasedSince, the released ones in release order (the change feed)',
  })
  @ApiOkResponse({ type: EngineeringChangePageDto })
  @ApiProblems('INVALID_CURSOR')
  list(@Query() query: ListEngineeringChangesQueryDto): Promise<EngineeringChangePageDto> {
    return this.changes.list(query);
  }

  @Get(':number')
  @RequireScopes(Scopes.PlmRead)
  @ApiOperation({ operationId: 'getEngineeringChange', summary: 'One engineering change with its affected items' })
  @ApiOkResponse({ type: EngineeringChangeDto })
  @ApiProblems('NOT_FOUND')
  get(@Param() params: ChangeNumberParam): Promise<EngineeringChangeDto> {
    return this.changes.get(params.number);
  }

  @Post(':number/approvals')
  @HttpCode(201)
  @RequireScopes(Scopes.PlmWrite)
  @ApiOperation({
    operationId: 'recordEngineeringChangeApproval',
    summary: "Records one required approver role's decision on an open change, by the caller's token subject; one decision per role",
  })
  @ApiCreatedResponse({ type: EngineeringChangeDto, description: 'The change with its approvals' })
  @ApiProblems('NOT_FOUND', 'CHANGE_APPROVAL_ALREADY_RECORDED', 'CHANGE_NOT_OPEN', 'CHANGE_APPROVAL_ROLE_NOT_REQUIRED', 'BACKEND_REJECTED', 'BACKEND_CONFLICT')
  recordApproval(
    @Param() params: ChangeNumberParam,
    @Body() body: RecordChangeApprovalDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EngineeringChangeDto> {
    return this.changes.recordApproval(params.number, body, principal.subject);
  }

  @Post(':number/release')
  @HttpCode(200)
  @RequireScopes(Scopes.PlmWrite)
  @ApiOperation({
    operationId: 'releaseEngineeringChange',
    summary: 'Releases the change in PLM (new revisions with their BOMs) and announces it; repeating the call is harmless',
  })
  @ApiOkResponse({ type: EngineeringChangeDto })
  // BACKEND_CONFLICT: PLM cannot release it in its state (CANCELLED). PLM refusing an affected item, revision or component is
  // explained in the creation's codes (COMPONENT_UNKNOWN, REVISION_CONFLICT, BOM_CYCLE); BACKEND_REJECTED: a refusal they do not explain.
  @ApiProblems('NOT_FOUND', 'BACKEND_CONFLICT', 'COMPONENT_UNKNOWN', 'REVISION_CONFLICT', 'BOM_CYCLE', 'BACKEND_REJECTED')
  release(@Param() params: ChangeNumberParam): Promise<EngineeringChangeDto> {
    return this.changes.release(params.number);
  }
}
