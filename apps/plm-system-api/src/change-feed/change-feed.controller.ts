import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES } from '@threadline/platform';
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
  // A failure leaves the cursor where the last announced change put it.
  @ApiProblems(...BACKEND_FAILURE_CODES, 'PLM_UNMAPPED_VALUE')
  sync(): Promise<ChangeFeedSyncResultDto> {
    return this.feed.sync();
  }
}
