import {
  EngineeringReleaseCompletedV1,
  EngineeringReleaseFailedV1,
  EngineeringReleaseStartedV1,
  EventSources,
  EventTypes,
  PlantRolloutCompletedV1,
} from '@threadline/canonical';
import { CloudEvent, createEvent, deterministicEventId } from '@threadline/messaging';
import type { EngineeringReleaseEntity, PlantRolloutEntity } from './release.entities';

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
