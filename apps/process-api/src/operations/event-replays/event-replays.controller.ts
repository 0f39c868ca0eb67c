import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateEventReplayDto, EventReplayDto } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
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
  replay(@Body() body: CreateEventReplayDto): Promise<EventReplayDto> {
    return this.replayEvents.execute(body);
  }
}
