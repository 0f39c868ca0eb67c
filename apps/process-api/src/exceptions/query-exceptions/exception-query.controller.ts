import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@threadline/platform';
import { ExceptionCaseDto } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ExceptionCasePageDto, ListExceptionsQueryDto } from './exception-query.dto';
import { ExceptionQueryService } from './exception-query.service';

@ApiTags('exceptions')
@RequireScopes(Scopes.ReleasesRead, Scopes.ReleasesWrite)
@Controller('v1/exceptions')
export class ExceptionQueryController {
  constructor(private readonly exceptions: ExceptionQueryService) {}

  @Get()
  @ApiOperation({ operationId: 'listExceptionCases', summary: 'Exception cases, newest first: filter by state, owner (a team\'s queue), plant, kind or change' })
  @ApiOkResponse({ type: ExceptionCasePageDto })
  @ApiProblems('INVALID_CURSOR')
  list(@Query() query: ListExceptionsQueryDto): Promise<ExceptionCasePageDto> {
    return this.exceptions.list(query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getExceptionCase', summary: 'One exception case with its history' })
  @ApiOkResponse({ type: ExceptionCaseDto })
  @ApiProblems('NOT_FOUND')
  get(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string): Promise<ExceptionCaseDto> {
    return this.exceptions.get(id);
  }
}
