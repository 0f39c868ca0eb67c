import { Inject, Injectable } from '@nestjs/common';
import { MessagingService } from '@threadline/messaging';
import { AppError, toProblem } from '@threadline/platform';
import { EntityManager } from 'typeorm';
import { GovernancePolicy } from '../governance/governance-policy.config';
import { plantEffectiveFrom } from '../governance/governance-policy';
import { GOVERNANCE_POLICY } from '../governance/governance.tokens';
import { EngineeringReleaseEntity } from './release.entities';
import { releaseFailedEvent } from './release.events';
import { RELEASE_QUEUES, RollOutPlantJob } from './release.queues';
import { ReleaseRepository } from './release.repository';

/**
 * Steps shared by the workers and the approval endpoint, each run inside the caller's
 * transaction on a locked release row.
 */
@Injectable()
export class ReleaseSteps {
  constructor(
    @Inject(MessagingService) private readonly messaging: MessagingService,
    @Inject(ReleaseRepository) private readonly releases: ReleaseRepository,
    @Inject(GOVERNANCE_POLICY) private readonly policy: GovernancePolicy,
  ) {}

  /** One rollout per target plant, effective after the plant's frozen horizon, each a durable job. */
  async startRollout(em: EntityManager, release: EngineeringReleaseEntity, now = new Date()): Promise<void> {
    await this.releases.insertRollouts(
      em,
      release.targetPlants.map((plant) => ({
        releaseId: release.id,
        plant,
        effectiveFrom: new Date(plantEffectiveFrom(this.policy, plant, release.change.effectivity.startDate, now)),
        updatedAt: now,
      })),
    );
    for (const plant of release.targetPlants) {
      await this.messaging.enqueue(em, RELEASE_QUEUES.rollout, { releaseId: release.id, plant, changeNumber: release.changeNumber } satisfies RollOutPlantJob);
    }
    await this.releases.moveRelease(em, release, 'ROLLING_OUT', `rolling out to ${release.targetPlants.join(', ')}`);
  }

  /** Ends a release as FAILED (an operator gave up its step), with the reason. */
  async fail(em: EntityManager, release: EngineeringReleaseEntity, reason: string, actor?: string): Promise<void> {
    release.failureCode = 'STEP_DISCARDED';
    release.failureReason = reason;
    release.stalledDeadLetterId = null;
    release.stalledReason = null;
    release.stalledAt = null;
    await this.releases.moveRelease(em, release, 'FAILED', reason, actor);
    await this.messaging.publish(em, releaseFailedEvent(release));
  }

  /** Ends a release as REJECTED, keeping the problem document that names the rule and the object. */
  async reject(em: EntityManager, release: EngineeringReleaseEntity, error: AppError, actor?: string): Promise<void> {
    release.failureCode = error.code;
    release.failureReason = error.detail ?? error.message;
    release.rejection = { ...toProblem(error) };
    const object = error.extensions.object ? ` on ${String(error.extensions.object)}` : '';
    await this.releases.moveRelease(em, release, 'REJECTED', `${error.code}${object}: ${release.failureReason}`, actor);
    await this.messaging.publish(em, releaseFailedEvent(release));
  }
}
