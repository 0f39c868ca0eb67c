import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateEventReplayDto, EventReplayDto } from '@threadline/canonical';
import { AuditDetailsRecorder, RecordAuditDetails, RequireScopes, Scopes } from '@threadline/gateway-auth';
import { MAX_EVENT_REPLAY } from '@threadline/messaging';
import { ApiProblems } from '@threadline/platform';
import { ReplayEvents } from './replay-events.usecase';

@ApiTags('operations')
@RequireScopes(Scopes.OpsReplay)
@Controller('v1/event-replays')
export class EventReplaysController {
  constructor(private readonly replayEvents: ReplayEvents) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'replayEvents',
    summary: `Re-emit the process API's published events of one type and time range (at most ${MAX_EVENT_REPLAY}) to one named consumer only; its inbox keeps it idempotent`,
  })
  @ApiOkResponse({ type: EventReplayDto })
  @ApiProblems('EVENT_REPLAY_RANGE_INVALID', 'EVENT_REPLAY_CONSUMER_UNKNOWN')
  async replay(@Body() body: CreateEventReplayDto, @RecordAuditDetails() audit: AuditDetailsRecorder): Promise<EventReplayDto> {
    const replayed = await this.replayEvents.execute(body);
    audit({ reason: body.reason, after: replayed });
    return replayed;
  }
}
