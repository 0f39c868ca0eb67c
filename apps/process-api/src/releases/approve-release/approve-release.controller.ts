import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiHeader, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@threadline/platform';
import { ApprovalRequestDto } from '@threadline/canonical';
import { CurrentPrincipal, Principal, RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApproveReleaseService } from './approve-release.service';

@ApiTags('engineering-releases')
@RequireScopes(Scopes.ReleasesApprove)
@Controller('v1/engineering-releases')
export class ApproveReleaseController {
  constructor(private readonly approvals: ApproveReleaseService) {}

  @Post(':id/approvals')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'decideEngineeringRelease',
    summary: 'Approve or reject a release waiting for approval; recorded with the approver, once per approver',
  })
  @ApiNoContentResponse({ description: 'Recorded; an approval starts the rollout, a rejection ends the release' })
  @ApiHeader({ name: 'if-match', required: true, description: 'The ETag of the release as the approver read it (GET /v1/engineering-releases/{id})', schema: { type: 'string', maxLength: 100 } })
  @ApiProblems('RELEASE_NOT_FOUND', 'RELEASE_NOT_AWAITING_APPROVAL', 'APPROVAL_ALREADY_RECORDED', 'PRECONDITION_FAILED', 'PRECONDITION_REQUIRED')
  async decide(
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Body() body: ApprovalRequestDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('if-match') ifMatch?: string,
  ): Promise<void> {
    await this.approvals.decide(id, body, principal, ifMatch);
  }
}
