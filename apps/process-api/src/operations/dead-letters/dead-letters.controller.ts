import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeadLetterDetailDto, DeadLetterDto, DeadLetterPageDto, DeadLetterQueryDto, OperatorActionDto } from '@threadline/canonical';
import { AuditDetailsRecorder, CurrentPrincipal, Principal, RecordAuditDetails, RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems } from '@threadline/platform';
import { DeadLettersService } from './dead-letters.service';

@ApiTags('operations')
@RequireScopes(Scopes.OpsReplay)
@Controller('v1/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  @ApiOperation({
    operationId: 'listDeadLetters',
    summary: 'Dead letters of every app, newest failure first, with counts per error class; filter by flow, plant, backend, error class, change and time',
  })
  @ApiOkResponse({ type: DeadLetterPageDto })
  @ApiProblems('INVALID_CURSOR')
  list(@Query() query: DeadLetterQueryDto): Promise<DeadLetterPageDto> {
    return this.deadLetters.list(query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getDeadLetter', summary: 'One dead letter: its payload, last error, every attempt, correlation and trace id' })
  @ApiOkResponse({ type: DeadLetterDetailDto })
  @ApiProblems('NOT_FOUND')
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<DeadLetterDetailDto> {
    return this.deadLetters.get(id);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'replayDeadLetter',
    summary: 'Send a dead letter back to the one queue that failed it (never to every subscriber); its step resumes where it stalled',
  })
  @ApiOkResponse({ type: DeadLetterDto, description: 'The dead letter, now replaying' })
  @ApiProblems('NOT_FOUND', 'DEAD_LETTER_NOT_OPEN')
  async replay(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: OperatorActionDto,
    @CurrentPrincipal() principal: Principal,
    @RecordAuditDetails() audit: AuditDetailsRecorder,
  ): Promise<DeadLetterDto> {
    const { before, after } = await this.deadLetters.replay(id, principal.subject, body.reason);
    audit({ reason: body.reason, before, after });
    return after;
  }

  @Post(':id/discard')
  @HttpCode(200)
  @ApiOperation({ operationId: 'discardDeadLetter', summary: "Give a dead letter up, with a reason; its step's flow records the consequence (a stalled rollout fails)" })
  @ApiOkResponse({ type: DeadLetterDto, description: 'The dead letter, now discarded' })
  @ApiProblems('NOT_FOUND', 'DEAD_LETTER_NOT_OPEN')
  async discard(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: OperatorActionDto,
    @CurrentPrincipal() principal: Principal,
    @RecordAuditDetails() audit: AuditDetailsRecorder,
  ): Promise<DeadLetterDto> {
    const { before, after } = await this.deadLetters.discard(id, principal.subject, body.reason);
    audit({ reason: body.reason, before, after });
    return after;
  }
}
