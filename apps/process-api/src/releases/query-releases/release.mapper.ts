import type { EngineeringReleaseDto } from '@threadline/canonical';
import type { EngineeringReleaseEntity, PlantRolloutEntity, ReleaseTransitionEntity } from '../release.entities';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toReleaseDto(
  release: EngineeringReleaseEntity,
  rollouts: PlantRolloutEntity[],
  history: ReleaseTransitionEntity[],
): EngineeringReleaseDto {
  return {
    id: release.id,
    changeNumber: release.changeNumber,
    title: release.title,
    state: release.state,
    failureReason: release.failureReason,
    effectiveFrom: release.effectiveFrom.toISOString(),
    targetPlants: release.targetPlants,
    items: release.items,
    rollouts: rollouts
      .sort((a, b) => a.plant.localeCompare(b.plant))
      .map((r) => ({
        plant: r.plant,
        state: r.state,
        erpAppliedAt: iso(r.erpAppliedAt),
        scheduledAt: iso(r.scheduledAt),
        lateJobs: r.lateJobs,
        lastError: r.lastError,
      })),
    history: history.map((t) => ({
      from: t.fromState,
      to: t.toState,
      plant: t.plant,
      actor: t.actor,
      reason: t.reason,
      at: t.at.toISOString(),
    })),
    createdAt: release.createdAt.toISOString(),
    updatedAt: release.updatedAt.toISOString(),
  };
}
