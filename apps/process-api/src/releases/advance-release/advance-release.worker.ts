import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MessagingService } from '@threadline/messaging';
import { describeBackendFailure, NotFoundError } from '@threadline/platform';
import { DataSource } from 'typeorm';
import { decideGovernance, GovernancePolicy } from '../../governance/governance-policy';
import { GOVERNANCE_POLICY } from '../../governance/governance.tokens';
import { ImpactAssessor } from '../../impact/impact-assessor.service';
import { EngineeringReleaseEntity } from '../release.entities';
import { ReleaseRejectedError } from '../release.errors';
import { AdvanceReleaseJob, RELEASE_QUEUES } from '../release.queues';
import { ReleaseSteps } from '../release-steps.service';
import { ReleaseStore } from '../release.store';
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
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MessagingService) private readonly messaging: MessagingService,
    @Inject(ReleaseStore) private readonly store: ReleaseStore,
    @Inject(ReleaseSteps) private readonly steps: ReleaseSteps,
    @Inject(ReleaseValidator) private readonly validator: ReleaseValidator,
    @Inject(ImpactAssessor) private readonly assessor: ImpactAssessor,
    @Inject(GOVERNANCE_POLICY) private readonly policy: GovernancePolicy,
  ) {}

  onModuleInit(): void {
    this.messaging.registerWorker<AdvanceReleaseJob>({ queue: RELEASE_QUEUES.advance, handle: (job) => this.advance(job.releaseId) });
  }

  async advance(releaseId: string): Promise<void> {
    await this.validate(releaseId);
    await this.assessAndGovern(releaseId);
    this.messaging.kick();
  }

  private async load(releaseId: string): Promise<EngineeringReleaseEntity> {
    return this.dataSource.getRepository(EngineeringReleaseEntity).findOneByOrFail({ id: releaseId });
  }

  private async validate(releaseId: string): Promise<void> {
    const release = await this.load(releaseId);
    if (release.state !== 'RECEIVED') return;
    try {
      const boms = await this.validator.readBoms(release.change);
      await this.validator.validate(release.change, boms);
      await this.dataSource.transaction(async (em) => {
        const locked = await this.store.lockRelease(em, releaseId);
        if (locked.state !== 'RECEIVED') return;
        locked.boms = boms;
        await this.store.moveRelease(em, locked, 'VALIDATED', 'structure, components, units, effectivity, plant revisions and superseding changes checked');
      });
    } catch (error) {
      const rejection =
        error instanceof ReleaseRejectedError
          ? error
          : error instanceof NotFoundError
            ? new ReleaseRejectedError('RELEASE_REVISION_NOT_FOUND', describeBackendFailure(error), release.changeNumber)
            : undefined;
      if (!rejection) throw error;
      await this.dataSource.transaction(async (em) => {
        const locked = await this.store.lockRelease(em, releaseId);
        if (locked.state === 'RECEIVED') await this.steps.reject(em, locked, rejection);
      });
      this.logger.warn(`${release.changeNumber} rejected: ${rejection.code}: ${rejection.detail}`);
    }
  }

  private async assessAndGovern(releaseId: string): Promise<void> {
    const release = await this.load(releaseId);
    if (release.state !== 'VALIDATED') return;
    const impact = await this.assessor.assess(release.change);
    const decision = decideGovernance(this.policy, release.change, impact);
    await this.dataSource.transaction(async (em) => {
      const locked = await this.store.lockRelease(em, releaseId);
      if (locked.state !== 'VALIDATED') return;
      locked.impact = impact;
      locked.governance = `${decision.kind}: ${decision.reason}`;
      const orders = impact.reduce((n, p) => n + p.workOrders.total, 0);
      await this.store.moveRelease(em, locked, 'IMPACT_ASSESSED', `${impact.length} plant(s) assessed; ${orders} open work order(s) on the old revision flagged for review`);
      if (decision.kind === 'auto-apply') {
        await this.store.moveRelease(em, locked, 'APPROVED', `governance policy: ${decision.reason}`, 'policy:governance');
        await this.steps.startRollout(em, locked);
      } else {
        await this.store.moveRelease(em, locked, 'AWAITING_APPROVAL', `governance policy: ${decision.reason}`, 'policy:governance');
      }
    });
  }
}
