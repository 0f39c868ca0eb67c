import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RetryingPageDto, RetryingQueryDto } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems } from '@threadline/platform';
import { DeadLettersService } from '../dead-letters/dead-letters.service';

@ApiTags('operations')
@RequireScopes(Scopes.OpsReplay)
@Controller('v1/retrying')
export class RetryingController {
  constructor(private readonly steps: DeadLettersService) {}

  @Get()
  @ApiOperation({
    operationId: 'listRetryingSteps',
    summary: 'Steps of every app that are failing and still retrying, with attempts, next attempt and last error; counts per error class',
  })
  @ApiOkResponse({ type: RetryingPageDto })
  @ApiProblems('INVALID_CURSOR')
  list(@Query() query: RetryingQueryDto): Promise<RetryingPageDto> {
    return this.steps.retrying(query);
  }
}
