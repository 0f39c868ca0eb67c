import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES } from '@threadline/platform';
import { MaterialAvailabilityFeedSyncResultDto } from './material-availability-feed.dto';
import { MaterialAvailabilityFeedService } from './material-availability-feed.service';

@ApiTags('change-feed')
@Controller('v1/change-feed/material-availability')
export class MaterialAvailabilityFeedController {
  constructor(@Inject(MaterialAvailabilityFeedService) private readonly feed: MaterialAvailabilityFeedService) {}

  @Post('sync')
  @HttpCode(200)
  @RequireScopes(Scopes.ErpWrite)
  @ApiOperation({
    operationId: 'syncMaterialAvailabilityFeed',
    summary:
      "Reads the material availability change feed now (the API also does at start-up and periodically): announces each purchase order line changed and goods movement posted after each plant's cursor once; harmless to repeat",
  })
  @ApiOkResponse({ type: MaterialAvailabilityFeedSyncResultDto })
  // Only listing the plants fails the sync; a plant that fails is reported skipped, its cursor kept.
  @ApiProblems(...BACKEND_FAILURE_CODES)
  sync(): Promise<MaterialAvailabilityFeedSyncResultDto> {
    return this.feed.sync();
  }
}
