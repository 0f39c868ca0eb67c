import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CreateEngineeringChangeDto, EngineeringChangeDto, RecordChangeApprovalDto } from '@threadline/canonical';
import { EngineeringChangePageDto } from '@threadline/canonical/plm/engineering-change-page.dto';
import { CurrentPrincipal, Principal, RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ChangeNumberParam } from './engineering-change.params';
import { EngineeringChangesService } from './engineering-changes.service';
import { ListEngineeringChangesQueryDto } from './list-engineering-changes.query';

@ApiTags('engineering-changes')
@Controller('v1/engineering-changes')
export class EngineeringChangesController {
  constructor(@Inject(EngineeringChangesService) private readonly changes: EngineeringChangesService) {}

  @Post()
  @RequireScopes(Scopes.PlmWrite)
  @ApiOperation({ operationId: 'createEngineeringChange', summary: 'Creates an engineering change (ECO) in PLM, in state OPEN' })
  @ApiCreatedResponse({ type: EngineeringChangeDto })
  @ApiBadRequestResponse({ description: 'The body is not a valid engineering change (problem+json with `errors`)' })
  @ApiServiceUnavailableResponse({ description: 'PLM is not reachable (problem+json)' })
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
  @ApiBadRequestResponse({ description: 'Invalid filter or cursor (problem+json)' })
  list(@Query() query: ListEngineeringChangesQueryDto): Promise<EngineeringChangePageDto> {
    return this.changes.list(query);
  }

  @Get(':number')
  @RequireScopes(Scopes.PlmRead)
  @ApiOperation({ operationId: 'getEngineeringChange', summary: 'One engineering change with its affected items' })
  @ApiOkResponse({ type: EngineeringChangeDto })
  @ApiNotFoundResponse({ description: 'No such change in PLM (problem+json)' })
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
  @ApiBadRequestResponse({ description: 'The body is not a valid decision (problem+json with `errors`)' })
  @ApiNotFoundResponse({ description: 'No such change in PLM (problem+json)' })
  @ApiConflictResponse({ description: 'The role has decided already (CHANGE_APPROVAL_ALREADY_RECORDED) or the change is no longer open, e.g. released (CHANGE_NOT_OPEN)' })
  @ApiUnprocessableEntityResponse({ description: 'The change does not require an approval from this role (CHANGE_APPROVAL_ROLE_NOT_REQUIRED)' })
  @ApiServiceUnavailableResponse({ description: 'PLM is not reachable (problem+json)' })
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
  @ApiNotFoundResponse({ description: 'No such change in PLM (problem+json)' })
  @ApiConflictResponse({ description: 'PLM cannot release it in its current state, for example CANCELLED (problem+json with `backendError`)' })
  @ApiUnprocessableEntityResponse({ description: 'PLM refused the change: an affected item, revision or component does not resolve (problem+json with `backendError`)' })
  @ApiServiceUnavailableResponse({ description: 'PLM is not reachable (problem+json)' })
  release(@Param() params: ChangeNumberParam): Promise<EngineeringChangeDto> {
    return this.changes.release(params.number);
  }
}
