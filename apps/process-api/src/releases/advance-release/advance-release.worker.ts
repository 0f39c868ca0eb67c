import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { JobStep, MessagingService } from '@threadline/messaging';
import { describeBackendFailure, NotFoundError } from '@threadline/platform';
import { GovernancePolicy } from '../../governance/governance-policy.config';
import { decideGovernance } from '../../governance/governance-policy';
import { GOVERNANCE_POLICY } from '../../governance/governance.tokens';
import { ImpactAssessor } from '../../impact/impact-assessor.service';
import { EngineeringReleaseEntity } from '../release.entities';
import { ReleaseRejectedError } from '../release.errors';
import { releaseImpactAssessedEvent } from '../release.events';
import { AdvanceReleaseJob, RELEASE_FLOWS, RELEASE_QUEUES } from '../release.queues';
import { ReleaseRepository } from '../release.repository';
import { ReleaseSteps } from '../release-steps.service';
import { ReleaseValidator } from '../validate-release/release-validator.service';

/**
 * Steps 2 to 4 of a received release: validate, assess the impact per plant, let the governance
 * policy decide (apply now, or wait for an approver). Reads happen outside transactions; each
 * step re-checks the state under a row lock before writing, so a redelivered job does nothing twice.
 */
@Injectable()
export class AdvanceReleaseWorker implements OnModuleInit {
  private readonly logger = new Logger(AdvanceReleaseWorker.name);

  constructor(
    @Inject(MessagingService) private readonly messaging: MessagingService,
    @Inject(ReleaseRepository) private readonly releases: ReleaseRepository,
    @Inject(ReleaseSteps) private readonly steps: ReleaseSteps,
    @Inject(ReleaseValidator) private readonly validator: ReleaseValidator,
    @Inject(ImpactAssessor) private readonly assessor: ImpactAssessor,
    @Inject(GOVERNANCE_POLICY) private readonly policy: GovernancePolicy,
  ) {}

  onModuleInit(): void {
    this.messaging.registerWorker<AdvanceReleaseJob>({
      queue: RELEASE_QUEUES.advance,
      flow: RELEASE_FLOWS.advance,
      tier: 1,
      labels: (job) => ({ changeNumber: job.changeNumber }),
      handle: (job, _job, step) => this.advance(job.releaseId, step),
      onDeadLetter: (job, deadLetter, em) => this.releases.markStalled(em, job.releaseId, deadLetter.id, deadLetter.reason),
      onDiscard: async (job, reason, em) => {
        const release = await this.releases.lockRelease(em, job.releaseId);
        if (release.state !== 'RECEIVED' && release.state !== 'VALIDATED') return;
        await this.steps.fail(em, release, `dead letter discarded: ${reason}`);
      },
    });
  }

  /**
   * The release is read once; each step hands the next the release as it left it. The job is
   * settled (completed) in the step's last transaction.
   */
  async advance(releaseId: string, step?: JobStep): Promise<void> {
    const release = await this.releases.get(releaseId);
    // A replayed dead letter: the release is no longer stalled, whatever this attempt brings.
    if (release.stalledDeadLetterId) await this.releases.transaction((em) => this.releases.clearStalled(em, releaseId));
    const validated = await this.validate(release, step);
    if (validated) await this.assessAndGovern(validated, step);
  }

  /** The release once validated (or as it was, when it is past validation), or null when it ended here. */
  private async validate(release: EngineeringReleaseEntity, step?: JobStep): Promise<EngineeringReleaseEntity | null> {
    if (release.state !== 'RECEIVED') return release;
    const releaseId = release.id;
    try {
      const boms = await this.validator.readBoms(release.change);
      await this.validator.validate(release.change, boms);
      return await this.releases.transaction(async (em) => {
        const locked = await this.releases.lockRelease(em, releaseId);
        if (locked.state !== 'RECEIVED') return locked;
        await this.releases.moveRelease(em, locked, 'VALIDATED', 'structure, components, units, effectivity, plant revisions and superseding changes checked', undefined, { boms });
        return locked;
      });
    } catch (error) {
      // A rule's refusal, or PLM holding no such revision, ends the release. Anything else (a
      // system API down, or refusing this app's credentials) is operational: the job is retried.
      const rejection =
        error instanceof ReleaseRejectedError
          ? error
          : error instanceof NotFoundError
            ? new ReleaseRejectedError('RELEASE_REVISION_NOT_FOUND', describeBackendFailure(error), release.changeNumber)
            : undefined;
      if (!rejection) throw error;
      await this.releases.transaction(async (em) => {
        const locked = await this.releases.lockRelease(em, releaseId);
        if (locked.state === 'RECEIVED') await this.steps.reject(em, locked, rejection);
        await step?.settle(em);
      });
      this.logger.warn(`${release.changeNumber} rejected: ${rejection.code}: ${rejection.detail}`);
      return null;
    }
  }

  private async assessAndGovern(release: EngineeringReleaseEntity, step?: JobStep): Promise<void> {
    if (release.state !== 'VALIDATED') return;
    const impact = await this.assessor.assess(release.change);
    const decision = decideGovernance(this.policy, release.change, impact);
    await this.releases.transaction(async (em) => {
      const locked = await this.releases.lockRelease(em, release.id);
      await step?.settle(em);
      if (locked.state !== 'VALIDATED') return;
      locked.governance = `${decision.kind}: ${decision.reason}`;
      const orders = impact.reduce((n, p) => n + p.workOrders.total, 0);
      await this.releases.moveRelease(
        em,
        locked,
        'IMPACT_ASSESSED',
        `${impact.length} plant(s) assessed; ${orders} open work order(s) on the old revision flagged for review`,
        undefined,
        { impact },
      );
      await this.messaging.publish(em, releaseImpactAssessedEvent(locked, locked.updatedAt));
      if (decision.kind === 'auto-apply') {
        await this.releases.moveRelease(em, locked, 'APPROVED', `governance policy: ${decision.reason}`, 'policy:governance');
        await this.steps.startRollout(em, locked);
      } else {
        await this.releases.moveRelease(em, locked, 'AWAITING_APPROVAL', `governance policy: ${decision.reason}`, 'policy:governance');
      }
    });
  }
}
