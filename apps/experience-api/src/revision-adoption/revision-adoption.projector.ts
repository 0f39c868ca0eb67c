import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  EngineeringReleaseCompletedV1,
  EngineeringReleaseFailedV1,
  EngineeringReleaseStartedV1,
  EventTypes,
  PlantRolloutCompletedV1,
} from '@threadline/canonical';
import { CloudEvent, MessagingService } from '@threadline/messaging';
import { EntityManager } from 'typeorm';
import { RevisionAdoptionRepository } from './revision-adoption.repository';
import { firstImpactedWorkOrders } from './revision-adoption.service';

/**
 * Builds the revision-adoption read model from the process API's events. Events may arrive in
 * any order (a plant's completion before the release's start), so every write is an upsert that
 * only fills in what it knows.
 */
@Injectable()
export class RevisionAdoptionProjector implements OnModuleInit {
  constructor(
    @Inject(MessagingService) private readonly messaging: MessagingService,
    private readonly adoptions: RevisionAdoptionRepository,
  ) {}

  onModuleInit(): void {
    this.messaging.registerConsumer({
      name: 'release-events',
      eventTypes: [
        EventTypes.EngineeringReleaseStarted,
        EventTypes.PlantRolloutCompleted,
        EventTypes.EngineeringReleaseCompleted,
        EventTypes.EngineeringReleaseFailed,
      ],
      // Tier 3: a read model; a step that cannot be applied becomes a dead letter to replay later.
      flow: 'read-models',
      tier: 3,
      handle: (event, em) => this.project(event, em),
    });
  }

  async project(event: CloudEvent, em: EntityManager): Promise<void> {
    switch (event.type) {
      case EventTypes.EngineeringReleaseStarted:
        return this.adoptions.recordStarted(em, event.data as EngineeringReleaseStartedV1);
      case EventTypes.PlantRolloutCompleted: {
        const d = event.data as PlantRolloutCompletedV1;
        return this.adoptions.recordPlantAdopted(em, { ...d, impactedWorkOrders: firstImpactedWorkOrders(d.impactedWorkOrders) });
      }
      case EventTypes.EngineeringReleaseCompleted:
      case EventTypes.EngineeringReleaseFailed: {
        const d = event.data as EngineeringReleaseCompletedV1 | EngineeringReleaseFailedV1;
        const state = event.type === EventTypes.EngineeringReleaseCompleted ? 'COMPLETED' : 'FAILED';
        return this.adoptions.recordReleaseState(em, d.changeNumber, d.releaseId, state);
      }
    }
  }
}
