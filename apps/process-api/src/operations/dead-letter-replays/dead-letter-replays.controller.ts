import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateDeadLetterReplayDto, DeadLetterReplayDto } from '@threadline/canonical';
import { AuditDetailsRecorder, CurrentPrincipal, Principal, RecordAuditDetails, RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems } from '@threadline/platform';
import { DeadLetterReplaysService, MAX_REPLAY_ITEMS } from './dead-letter-replays.service';

@ApiTags('operations')
@RequireScopes(Scopes.OpsReplay)
@Controller('v1/dead-letter-replays')
export class DeadLetterReplaysController {
  constructor(private readonly replays: DeadLetterReplaysService) {}

  @Post()
  @ApiOperation({
    operationId: 'createDeadLetterReplay',
    summary: `Replay the open dead letters matching a filter (at most ${MAX_REPLAY_ITEMS}) as a job: rate-limited, resumable after a crash, an outcome per item`,
  })
  @ApiCreatedResponse({ type: DeadLetterReplayDto, description: 'The replay, started (or completed at once when nothing matched)' })
  async create(@Body() body: CreateDeadLetterReplayDto, @CurrentPrincipal() principal: Principal, @RecordAuditDetails() audit: AuditDetailsRecorder): Promise<DeadLetterReplayDto> {
    const replay = await this.replays.create(body, principal.subject);
    audit({ reason: body.reason, after: { id: replay.id, filter: replay.filter, deadLetters: replay.items.map((i) => i.deadLetterId) } });
    return replay;
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getDeadLetterReplay', summary: 'A bulk replay: its progress and the outcome of each dead letter (replayed, recovered, failed again, skipped)' })
  @ApiOkResponse({ type: DeadLetterReplayDto })
  @ApiProblems('NOT_FOUND')
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<DeadLetterReplayDto> {
    return this.replays.get(id);
  }
}
