import { Inject, Injectable } from '@nestjs/common';
import type { ApprovalRequestDto } from '@threadline/canonical';
import type { Principal } from '@threadline/gateway-auth';
import { MessagingService } from '@threadline/messaging';
import { assertIfMatch } from '@threadline/platform';
import { releaseEtag } from '../release-etag';
import { ReleaseRejectedError, ReleaseStateConflictError } from '../release.errors';
import { ReleaseRepository } from '../release.repository';
import { ReleaseSteps } from '../release-steps.service';

/**
 * An approver's decision on a release waiting for approval. One decision per approver and
 * release: replaying an approval is refused, not counted twice.
 */
@Injectable()
export class ApproveReleaseService {
  constructor(
    @Inject(ReleaseRepository) private readonly releases: ReleaseRepository,
    @Inject(ReleaseSteps) private readonly steps: ReleaseSteps,
    @Inject(MessagingService) private readonly messaging: MessagingService,
  ) {}

  /**
   * An approver decides on the version of the release they read: If-Match must carry its ETag
   * (428 without, 412 when it has moved on since), checked under the row lock.
   */
  async decide(releaseId: string, request: ApprovalRequestDto, approver: Principal, ifMatch?: string): Promise<void> {
    await this.releases.transaction(async (em) => {
      const release = await this.releases.lockRelease(em, releaseId);
      const previous = await this.releases.findApproval(em, releaseId, approver.subject);
      if (previous) {
        throw new ReleaseStateConflictError('APPROVAL_ALREADY_RECORDED', `${approver.subject} already decided on this release (${previous.decision})`);
      }
      assertIfMatch(ifMatch, releaseEtag({ id: release.id, state: release.state, updatedAt: release.updatedAt.toISOString() }));
      if (release.state !== 'AWAITING_APPROVAL') {
        throw new ReleaseStateConflictError('RELEASE_NOT_AWAITING_APPROVAL', `the release is ${release.state}, not AWAITING_APPROVAL`);
      }
      const actor = `user:${approver.subject}`;
      await this.releases.insertApproval(em, {
        releaseId,
        approver: approver.subject,
        clientId: approver.clientId,
        decision: request.decision,
        comment: request.comment ?? null,
        at: new Date(),
      });
      if (request.decision === 'approve') {
        await this.releases.moveRelease(em, release, 'APPROVED', `approved${request.comment ? `: ${request.comment}` : ''}`, actor);
        await this.steps.startRollout(em, release);
      } else {
        const reason = `rejected by ${approver.subject}${request.comment ? `: ${request.comment}` : ''}`;
        await this.steps.reject(em, release, new ReleaseRejectedError('RELEASE_REJECTED_BY_APPROVER', reason, release.changeNumber), actor);
      }
    });
    this.messaging.kick();
  }
}
