import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES } from '@threadline/platform';
import { MasterDataFeedSyncResultDto } from './master-data-feed.dto';
import { MasterDataFeedService } from './master-data-feed.service';

@ApiTags('change-feed')
@Controller('v1/change-feed/master-data')
export class MasterDataFeedController {
  constructor(@Inject(MasterDataFeedService) private readonly feed: MasterDataFeedService) {}

  @Post('sync')
  @HttpCode(200)
  @RequireScopes(Scopes.ErpWrite)
  @ApiOperation({
    operationId: 'syncMasterDataFeed',
    summary:
      "Reads ERP's master-data change pointers now (the API also does at start-up and periodically): each drops this instance's cached answers of its item, so a change made in ERP is read right after; harmless to repeat",
  })
  @ApiOkResponse({ type: MasterDataFeedSyncResultDto })
  @ApiProblems(...BACKEND_FAILURE_CODES)
  sync(): Promise<MasterDataFeedSyncResultDto> {
    return this.feed.sync();
  }
}
