import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ApprovalRequestDto } from '@threadline/canonical';
import type { Principal } from '@threadline/gateway-auth';
import { MessagingService } from '@threadline/messaging';
import { assertIfMatch } from '@threadline/platform';
import { DataSource } from 'typeorm';
import { releaseEtag } from '../release-etag';
import { ReleaseApprovalEntity } from '../release.entities';
import { ReleaseRejectedError, ReleaseStateConflictError } from '../release.errors';
import { ReleaseSteps } from '../release-steps.service';
import { ReleaseStore } from '../release.store';

/**
 * An approver's decision on a release waiting for approval. One decision per approver and
 * release: replaying an approval is refused, not counted twice.
 */
@Injectable()
export class ApproveReleaseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ReleaseStore) private readonly store: ReleaseStore,
    @Inject(ReleaseSteps) private readonly steps: ReleaseSteps,
    @Inject(MessagingService) private readonly messaging: MessagingService,
  ) {}

  /**
   * An approver decides on the version of the release they read: If-Match must carry its ETag
   * (428 without, 412 when it has moved on since), checked under the row lock.
   */
  async decide(releaseId: string, request: ApprovalRequestDto, approver: Principal, ifMatch?: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const release = await this.store.lockRelease(em, releaseId);
      const previous = await em.findOneBy(ReleaseApprovalEntity, { releaseId, approver: approver.subject });
      if (previous) {
        throw new ReleaseStateConflictError('APPROVAL_ALREADY_RECORDED', `${approver.subject} already decided on this release (${previous.decision})`);
      }
      assertIfMatch(ifMatch, releaseEtag({ id: release.id, state: release.state, updatedAt: release.updatedAt.toISOString() }));
      if (release.state !== 'AWAITING_APPROVAL') {
        throw new ReleaseStateConflictError('RELEASE_NOT_AWAITING_APPROVAL', `the release is ${release.state}, not AWAITING_APPROVAL`);
      }
      const actor = `user:${approver.subject}`;
      await em.insert(ReleaseApprovalEntity, {
        releaseId,
        approver: approver.subject,
        clientId: approver.clientId,
        decision: request.decision,
        comment: request.comment ?? null,
        at: new Date(),
      });
      if (request.decision === 'approve') {
        await this.store.moveRelease(em, release, 'APPROVED', `approved${request.comment ? `: ${request.comment}` : ''}`, actor);
        await this.steps.startRollout(em, release);
      } else {
        const reason = `rejected by ${approver.subject}${request.comment ? `: ${request.comment}` : ''}`;
        await this.steps.reject(em, release, new ReleaseRejectedError('RELEASE_REJECTED_BY_APPROVER', reason, release.changeNumber), actor);
      }
    });
    this.messaging.kick();
  }
}
