import { EngineeringReleaseDto, MAX_RELEASE_TRANSITIONS } from '@threadline/canonical';
import { withinImpactLimits } from '../../impact/impact-rules';
import type { EngineeringReleaseEntity, PlantRolloutEntity, ReleaseApprovalEntity, ReleaseTransitionEntity } from '../release.entities';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toReleaseDto(
  release: EngineeringReleaseEntity,
  rollouts: PlantRolloutEntity[],
  history: ReleaseTransitionEntity[],
  approvals: ReleaseApprovalEntity[],
): EngineeringReleaseDto {
  return {
    id: release.id,
    changeNumber: release.changeNumber,
    title: release.title,
    state: release.state,
    failureReason: release.failureReason,
    rejection: release.rejection,
    governance: release.governance,
    impact: (release.impact ?? []).map(withinImpactLimits),
    approvals: approvals.map((a) => ({ approver: a.approver, decision: a.decision, comment: a.comment, at: a.at.toISOString() })),
    effectiveFrom: release.effectiveFrom.toISOString(),
    targetPlants: release.targetPlants,
    items: release.items,
    rollouts: rollouts
      .sort((a, b) => a.plant.localeCompare(b.plant))
      .map((r) => ({
        plant: r.plant,
        state: r.state === 'STALLED' ? (r.stalledFrom ?? 'PENDING') : r.state,
        effectiveFrom: iso(r.effectiveFrom),
        notBefore: iso(r.notBefore),
        erpAppliedAt: iso(r.erpAppliedAt),
        scheduledAt: iso(r.scheduledAt),
        lateJobs: r.lateJobs,
        lastError: r.lastError,
        ...(r.state === 'STALLED' && r.deadLetterId ? { stalled: { deadLetterId: r.deadLetterId, reason: r.lastError ?? '', since: r.updatedAt.toISOString() } } : {}),
      })),
    // A history past its documented bound (one plant's step replayed over and over) shows its latest.
    history: history.slice(-MAX_RELEASE_TRANSITIONS).map((t) => ({
      from: t.fromState,
      to: t.toState,
      plant: t.plant,
      actor: t.actor,
      reason: t.reason,
      at: t.at.toISOString(),
    })),
    ...(history.length > MAX_RELEASE_TRANSITIONS ? { historyTotal: history.length } : {}),
    ...(release.stalledDeadLetterId
      ? { stalled: { deadLetterId: release.stalledDeadLetterId, reason: release.stalledReason ?? '', since: (release.stalledAt ?? release.updatedAt).toISOString() } }
      : {}),
    createdAt: release.createdAt.toISOString(),
    updatedAt: release.updatedAt.toISOString(),
  };
}
