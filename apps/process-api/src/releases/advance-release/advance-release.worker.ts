import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MessagingService } from '@threadline/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { describeFailure, isPermanentFailure, SystemApis } from '../../system-apis/system-apis';
import { EngineeringReleaseEntity, PlantRolloutEntity, ReleaseBoms } from '../release.entities';
import { ReleaseRejectedError } from '../release.errors';
import { releaseFailedEvent } from '../release.events';
import { AdvanceReleaseJob, RELEASE_QUEUES, RollOutPlantJob } from '../release.queues';
import { validateRelease } from '../release-rules';
import { ReleaseStore } from '../release.store';

/**
 * Steps 2 and 3 for a received release: read the new revisions' BOMs from PLM, validate, then
 * open one rollout per target plant. Reads happen outside the transaction; the state is re-checked
 * under a row lock before anything is written, so a redelivered job does nothing twice.
 */
@Injectable()
export class AdvanceReleaseWorker implements OnModuleInit {
  private readonly logger = new Logger(AdvanceReleaseWorker.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MessagingService) private readonly messaging: MessagingService,
    @Inject(ReleaseStore) private readonly store: ReleaseStore,
    @Inject(SystemApis) private readonly systemApis: SystemApis,
  ) {}

  onModuleInit(): void {
    this.messaging.registerWorker<AdvanceReleaseJob>({ queue: RELEASE_QUEUES.advance, handle: (job) => this.advance(job.releaseId) });
  }

  async advance(releaseId: string): Promise<void> {
    const release = await this.dataSource.getRepository(EngineeringReleaseEntity).findOneByOrFail({ id: releaseId });
    if (release.state !== 'RECEIVED') return;
    let boms: ReleaseBoms;
    try {
      boms = await this.readBoms(release);
      validateRelease(release.change, boms);
    } catch (error) {
      if (error instanceof ReleaseRejectedError) return this.fail(releaseId, error.rejection, error.detail ?? error.message);
      if (isPermanentFailure(error)) return this.fail(releaseId, 'RELEASE_REVISION_NOT_FOUND', describeFailure(error));
      throw error;
    }
    await this.dataSource.transaction(async (em) => {
      const locked = await this.store.lockRelease(em, releaseId);
      if (locked.state !== 'RECEIVED') return;
      locked.boms = boms;
      await this.store.moveRelease(em, locked, 'VALIDATED', 'structure, revisions and effectivity checked against PLM');
      await this.openRollouts(em, locked);
      await this.store.moveRelease(em, locked, 'ROLLING_OUT', `rolling out to ${locked.targetPlants.join(', ')}`);
    });
    this.messaging.kick();
  }

  private async readBoms(release: EngineeringReleaseEntity): Promise<ReleaseBoms> {
    const boms: ReleaseBoms = {};
    for (const item of release.items) {
      const bom = await this.systemApis.getBom(item.itemNumber, item.toRevision);
      boms[item.itemNumber] = { revision: bom.revision, lines: bom.lines };
    }
    return boms;
  }

  private async openRollouts(em: EntityManager, release: EngineeringReleaseEntity): Promise<void> {
    for (const plant of release.targetPlants) {
      await em.insert(PlantRolloutEntity, {
        releaseId: release.id,
        plant,
        state: 'PENDING',
        attempts: 0,
        updatedAt: new Date(),
      });
      await this.messaging.enqueue(em, RELEASE_QUEUES.rollout, { releaseId: release.id, plant } satisfies RollOutPlantJob);
    }
  }

  private async fail(releaseId: string, code: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const release = await this.store.lockRelease(em, releaseId);
      if (release.state !== 'RECEIVED') return;
      release.failureCode = code;
      release.failureReason = reason;
      await this.store.moveRelease(em, release, 'FAILED', `${code}: ${reason}`);
      await this.messaging.publish(em, releaseFailedEvent(release));
    });
    this.logger.warn(`release ${releaseId} rejected: ${code}: ${reason}`);
  }
}
