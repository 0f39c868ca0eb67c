import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  EngineeringReleaseCompletedV1,
  EngineeringReleaseFailedV1,
  EngineeringReleaseStartedV1,
  EventTypes,
  PlantRolloutCompletedV1,
} from '@threadline/canonical';
import { CloudEvent, MessagingService, TIER1_RETRY } from '@threadline/messaging';
import { EntityManager } from 'typeorm';
import { firstImpactedWorkOrders } from './revision-adoption.service';

/**
 * Builds the revision-adoption read model from the process API's events. Events may arrive in
 * any order (a plant's completion before the release's start), so every write is an upsert that
 * only fills in what it knows.
 */
@Injectable()
export class RevisionAdoptionProjector implements OnModuleInit {
  constructor(@Inject(MessagingService) private readonly messaging: MessagingService) {}

  onModuleInit(): void {
    this.messaging.registerConsumer({
      name: 'release-events',
      eventTypes: [
        EventTypes.EngineeringReleaseStarted,
        EventTypes.PlantRolloutCompleted,
        EventTypes.EngineeringReleaseCompleted,
        EventTypes.EngineeringReleaseFailed,
      ],
      retry: TIER1_RETRY,
      handle: (event, em) => this.project(event, em),
    });
  }

  async project(event: CloudEvent, em: EntityManager): Promise<void> {
    switch (event.type) {
      case EventTypes.EngineeringReleaseStarted: {
        const d = event.data as EngineeringReleaseStartedV1;
        await em.query(
          `INSERT INTO experience_api.revision_adoption (change_number, release_id, title, items, target_plants, release_state, updated_at)
           VALUES ($1, $2, $3, $4, $5, 'RECEIVED', $6)
           ON CONFLICT (change_number) DO UPDATE SET title = EXCLUDED.title, items = EXCLUDED.items,
             target_plants = EXCLUDED.target_plants, updated_at = GREATEST(revision_adoption.updated_at, EXCLUDED.updated_at)`,
          [d.changeNumber, d.releaseId, d.title, JSON.stringify(d.items), d.targetPlants, d.startedAt],
        );
        return;
      }
      case EventTypes.PlantRolloutCompleted: {
        const d = event.data as PlantRolloutCompletedV1;
        await em.query(
          `INSERT INTO experience_api.revision_adoption (change_number, release_id, items, release_state, updated_at)
           VALUES ($1, $2, $3, 'ROLLING_OUT', $4)
           ON CONFLICT (change_number) DO UPDATE SET updated_at = GREATEST(revision_adoption.updated_at, EXCLUDED.updated_at)`,
          [d.changeNumber, d.releaseId, JSON.stringify(d.items), d.completedAt],
        );
        await em.query(
          `INSERT INTO experience_api.plant_adoption (change_number, plant, adopted_at, late_jobs, effective_from, impacted_work_orders)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (change_number, plant) DO NOTHING`,
          [d.changeNumber, d.plant, d.completedAt, d.lateJobs, d.effectiveFrom ?? null, firstImpactedWorkOrders(d.impactedWorkOrders)],
        );
        return;
      }
      case EventTypes.EngineeringReleaseCompleted:
      case EventTypes.EngineeringReleaseFailed: {
        const d = event.data as EngineeringReleaseCompletedV1 | EngineeringReleaseFailedV1;
        const state = event.type === EventTypes.EngineeringReleaseCompleted ? 'COMPLETED' : 'FAILED';
        await em.query(
          `INSERT INTO experience_api.revision_adoption (change_number, release_id, release_state, updated_at) VALUES ($1, $2, $3, now())
           ON CONFLICT (change_number) DO UPDATE SET release_state = EXCLUDED.release_state, updated_at = now()`,
          [d.changeNumber, d.releaseId, state],
        );
        return;
      }
    }
  }
}
