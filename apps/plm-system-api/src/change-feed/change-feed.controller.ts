import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ChangeFeedSyncResultDto } from './change-feed-sync.dto';
import { ChangeFeedService } from './change-feed.service';

@ApiTags('change-feed')
@Controller('v1/change-feed')
export class ChangeFeedController {
  constructor(@Inject(ChangeFeedService) private readonly feed: ChangeFeedService) {}

  @Post('sync')
  @HttpCode(200)
  @RequireScopes(Scopes.PlmWrite)
  @ApiOperation({
    operationId: 'syncChangeFeed',
    summary: 'Catches up now: announces every change PLM released after the stored cursor (the poller does this periodically); harmless to repeat',
  })
  @ApiOkResponse({ type: ChangeFeedSyncResultDto })
  @ApiServiceUnavailableResponse({ description: 'PLM is not reachable (problem+json); the cursor is unchanged' })
  sync(): Promise<ChangeFeedSyncResultDto> {
    return this.feed.sync();
  }
}
