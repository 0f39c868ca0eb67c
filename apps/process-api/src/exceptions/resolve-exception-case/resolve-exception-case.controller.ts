import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@threadline/platform';
import { ExceptionCaseDto, ResolveExceptionCaseDto } from '@threadline/canonical';
import { CurrentPrincipal, Principal, RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ResolveExceptionCaseService } from './resolve-exception-case.service';

@ApiTags('exceptions')
@RequireScopes(Scopes.ReleasesWrite)
@Controller('v1/exceptions')
export class ResolveExceptionCaseController {
  constructor(private readonly resolver: ResolveExceptionCaseService) {}

  @Post(':id/resolution')
  @HttpCode(200)
  @ApiOperation({ operationId: 'resolveExceptionCase', summary: 'Resolve a case; recorded with who resolved it; releases the ERP hold unless told not to' })
  @ApiOkResponse({ type: ExceptionCaseDto })
  @ApiProblems('NOT_FOUND', 'EXCEPTION_CASE_ALREADY_RESOLVED')
  resolve(
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Body() body: ResolveExceptionCaseDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ExceptionCaseDto> {
    return this.resolver.resolve(id, body, principal);
  }
}
