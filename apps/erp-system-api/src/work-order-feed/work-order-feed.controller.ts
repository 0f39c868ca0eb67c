import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES } from '@threadline/platform';
import { WorkOrderFeedSyncResultDto } from './work-order-feed.dto';
import { WorkOrderFeedService } from './work-order-feed.service';

@ApiTags('change-feed')
@Controller('v1/change-feed')
export class WorkOrderFeedController {
  constructor(@Inject(WorkOrderFeedService) private readonly feed: WorkOrderFeedService) {}

  @Post('sync')
  @HttpCode(200)
  @RequireScopes(Scopes.ErpWrite)
  @ApiOperation({
    operationId: 'syncWorkOrderFeed',
    summary:
      'Reads the work-order change feed now (the API also does at start-up and periodically): announces each work order changed after each plant\'s cursor once; harmless to repeat',
  })
  @ApiOkResponse({ type: WorkOrderFeedSyncResultDto })
  // Only listing the plants fails the sync; a plant that fails is reported skipped, its cursor kept.
  @ApiProblems(...BACKEND_FAILURE_CODES)
  sync(): Promise<WorkOrderFeedSyncResultDto> {
    return this.feed.sync();
  }
}
