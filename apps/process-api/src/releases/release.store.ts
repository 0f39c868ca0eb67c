import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EngineeringReleaseEntity, PlantRolloutEntity, ReleaseTransitionEntity } from './release.entities';
import { ReleaseNotFoundError } from './release.errors';

export const SYSTEM_ACTOR = 'system:process-api';

/**
 * Persistence of the release state machine. Every state change goes through `moveRelease` or
 * `moveRollout`, which write the transition row in the caller's transaction: history cannot drift
 * from state.
 */
@Injectable()
export class ReleaseStore {
  async lockRelease(em: EntityManager, id: string): Promise<EngineeringReleaseEntity> {
    const release = await em.findOne(EngineeringReleaseEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!release) throw new ReleaseNotFoundError(id);
    return release;
  }

  async lockRollout(em: EntityManager, releaseId: string, plant: string): Promise<PlantRolloutEntity | null> {
    return em.findOne(PlantRolloutEntity, { where: { releaseId, plant }, lock: { mode: 'pessimistic_write' } });
  }

  async moveRelease(
    em: EntityManager,
    release: EngineeringReleaseEntity,
    to: EngineeringReleaseEntity['state'],
    reason: string,
    actor = SYSTEM_ACTOR,
  ): Promise<void> {
    const from = release.state;
    release.state = to;
    release.updatedAt = new Date();
    await em.save(release);
    await em.insert(ReleaseTransitionEntity, { releaseId: release.id, plant: null, fromState: from, toState: to, actor, reason, at: release.updatedAt });
  }

  async moveRollout(
    em: EntityManager,
    rollout: PlantRolloutEntity,
    to: PlantRolloutEntity['state'],
    reason: string,
    actor = SYSTEM_ACTOR,
  ): Promise<void> {
    const from = rollout.state;
    rollout.state = to;
    rollout.updatedAt = new Date();
    await em.save(rollout);
    await em.insert(ReleaseTransitionEntity, {
      releaseId: rollout.releaseId,
      plant: rollout.plant,
      fromState: from,
      toState: to,
      actor,
      reason,
      at: rollout.updatedAt,
    });
  }

  async recordRolloutError(em: EntityManager, releaseId: string, plant: string, error: string): Promise<void> {
    await em.update(PlantRolloutEntity, { releaseId, plant }, { lastError: error.slice(0, 2000), attempts: () => 'attempts + 1', updatedAt: new Date() });
  }
}
