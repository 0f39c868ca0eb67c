import {
  EngineeringReleaseCompletedV1,
  EngineeringReleaseFailedV1,
  EngineeringReleaseImpactAssessedV1,
  EngineeringReleaseStartedV1,
  EventSources,
  EventTypes,
  PlantRolloutCompletedV1,
  ReleaseTransitionedV1,
} from '@threadline/canonical';
import { CloudEvent, createEvent, deterministicEventId } from '@threadline/messaging';
import type { EngineeringReleaseEntity, PlantRolloutEntity, ReleaseTransitionEntity } from './release.entities';

/**
 * Event ids derive from the fact (release, plant, outcome), so a replayed step emits nothing new.
 * Correlation and trace come from the request context when the event is published.
 */
export function releaseStartedEvent(release: EngineeringReleaseEntity): CloudEvent<EngineeringReleaseStartedV1> {
  return createEvent({
    type: EventTypes.EngineeringReleaseStarted,
    source: EventSources.ProcessApi,
    subject: release.changeNumber,
    id: deterministicEventId('release', release.id, 'started'),
    data: {
      releaseId: release.id,
      changeNumber: release.changeNumber,
      title: release.title,
      targetPlants: release.targetPlants,
      items: release.items,
      startedAt: release.createdAt.toISOString(),
      plmReleasedAt: release.change.releasedAt ?? null,
    },
  });
}

export function rolloutCompletedEvent(release: EngineeringReleaseEntity, rollout: PlantRolloutEntity): CloudEvent<PlantRolloutCompletedV1> {
  return createEvent({
    type: EventTypes.PlantRolloutCompleted,
    source: EventSources.ProcessApi,
    subject: `${release.changeNumber}/${rollout.plant}`,
    id: deterministicEventId('release', release.id, rollout.plant, 'completed'),
    data: {
      releaseId: release.id,
      changeNumber: release.changeNumber,
      plant: rollout.plant,
      items: release.items,
      lateJobs: rollout.lateJobs ?? 0,
      effectiveFrom: rollout.effectiveFrom?.toISOString() ?? null,
      impactedWorkOrders: release.impact?.find((p) => p.plant === rollout.plant)?.workOrders.numbers ?? [],
      completedAt: (rollout.scheduledAt ?? new Date()).toISOString(),
    },
  });
}

export function releaseCompletedEvent(release: EngineeringReleaseEntity): CloudEvent<EngineeringReleaseCompletedV1> {
  return createEvent({
    type: EventTypes.EngineeringReleaseCompleted,
    source: EventSources.ProcessApi,
    subject: release.changeNumber,
    id: deterministicEventId('release', release.id, 'completed'),
    data: { releaseId: release.id, changeNumber: release.changeNumber, completedAt: release.updatedAt.toISOString() },
  });
}

export function releaseFailedEvent(release: EngineeringReleaseEntity): CloudEvent<EngineeringReleaseFailedV1> {
  return createEvent({
    type: EventTypes.EngineeringReleaseFailed,
    source: EventSources.ProcessApi,
    subject: release.changeNumber,
    id: deterministicEventId('release', release.id, 'failed'),
    data: {
      releaseId: release.id,
      changeNumber: release.changeNumber,
      reason: release.failureReason ?? 'unknown',
      failedAt: release.updatedAt.toISOString(),
    },
  });
}

/**
 * The impact as stored on the release when it was assessed: per plant the work orders and purchase
 * order lines on the outgoing revision (the lists cut as the impact cuts them) with their totals.
 */
export function releaseImpactAssessedEvent(release: EngineeringReleaseEntity, assessedAt: Date): CloudEvent<EngineeringReleaseImpactAssessedV1> {
  return createEvent({
    type: EventTypes.EngineeringReleaseImpactAssessed,
    source: EventSources.ProcessApi,
    subject: release.changeNumber,
    id: deterministicEventId('release', release.id, 'impact-assessed'),
    data: {
      releaseId: release.id,
      changeNumber: release.changeNumber,
      items: release.items,
      assessedAt: assessedAt.toISOString(),
      plants: (release.impact ?? []).map((p) => ({
        plant: p.plant,
        effectiveFrom: p.effectiveFrom,
        workOrders: { total: p.workOrders.total, byStatus: p.workOrders.byStatus, numbers: p.workOrders.numbers },
        purchaseOrders: p.purchaseOrders,
        purchaseOrdersTotal: p.purchaseOrdersTotal ?? p.purchaseOrders.length,
      })),
    },
  });
}

/**
 * One row of the release's history (a release transition, or a plant rollout's with `rollout`), as
 * an event: read models time each stage from these and say what a release waits for.
 */
export function releaseTransitionedEvent(
  changeNumber: string,
  transition: Omit<ReleaseTransitionEntity, 'id'>,
  rollout?: Pick<PlantRolloutEntity, 'notBefore' | 'effectiveFrom'>,
): CloudEvent<ReleaseTransitionedV1> {
  const at = transition.at.toISOString();
  return createEvent({
    type: EventTypes.ReleaseTransitioned,
    source: EventSources.ProcessApi,
    subject: transition.plant ? `${changeNumber}/${transition.plant}` : changeNumber,
    id: deterministicEventId('release', transition.releaseId, transition.plant ?? '-', transition.toState, at),
    data: {
      releaseId: transition.releaseId,
      changeNumber,
      plant: transition.plant,
      from: transition.fromState,
      to: transition.toState,
      actor: transition.actor,
      reason: transition.reason.slice(0, 2000),
      at,
      notBefore: rollout?.notBefore?.toISOString() ?? null,
      effectiveFrom: rollout?.effectiveFrom?.toISOString() ?? null,
    },
  });
}
