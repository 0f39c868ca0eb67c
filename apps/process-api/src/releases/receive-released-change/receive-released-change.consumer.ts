import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EngineeringChangeReleasedV1, EventTypes } from '@threadline/canonical';
import { CloudEvent, MessagingService } from '@threadline/messaging';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { EngineeringReleaseEntity } from '../release.entities';
import { releaseStartedEvent } from '../release.events';
import { AdvanceReleaseJob, RELEASE_QUEUES } from '../release.queues';
import { releasedItems } from '../release-rules';

/**
 * Step 1, Received: PLM announced a released ECO. The release is keyed by the change number, so a
 * duplicate announcement (webhook and change feed, or a redelivery) changes nothing.
 */
@Injectable()
export class ReceiveReleasedChangeConsumer implements OnModuleInit {
  private readonly logger = new Logger(ReceiveReleasedChangeConsumer.name);

  constructor(
    @Inject(MessagingService) private readonly messaging: MessagingService,
  ) {}

  onModuleInit(): void {
    this.messaging.registerConsumer({
      name: 'plm-changes',
      eventTypes: [EventTypes.EngineeringChangeReleased],
      handle: (event, em) => this.handle(event as CloudEvent<EngineeringChangeReleasedV1>, em),
    });
  }

  async handle(event: CloudEvent<EngineeringChangeReleasedV1>, em: EntityManager): Promise<void> {
    const change = event.data.change;
    const now = new Date();
    const inserted: unknown[] = await em.query(
      `INSERT INTO process_api.engineering_releases
         (id, change_number, title, state, effective_from, target_plants, items, change, created_at, updated_at)
       VALUES ($1, $2, $3, 'RECEIVED', $4, $5, $6, $7, $8, $8)
       ON CONFLICT (change_number) DO NOTHING RETURNING id`,
      [randomUUID(), change.number, change.title, change.effectivity.startDate, change.targetPlants, JSON.stringify(releasedItems(change)), JSON.stringify(change), now],
    );
    if (inserted.length === 0) {
      this.logger.log(`${change.number}: already received, announcement ignored`);
      return;
    }
    const release = await em.findOneByOrFail(EngineeringReleaseEntity, { changeNumber: change.number });
    await em.query(
      `INSERT INTO process_api.release_transitions (release_id, from_state, to_state, actor, reason, at) VALUES ($1, NULL, 'RECEIVED', $2, $3, $4)`,
      [release.id, `event:${event.source}`, `ECO ${change.number} released in PLM (event ${event.id})`, now],
    );
    await this.messaging.publish(em, releaseStartedEvent(release, event.correlationid));
    await this.messaging.enqueue(em, RELEASE_QUEUES.advance, { releaseId: release.id } satisfies AdvanceReleaseJob);
    this.logger.log(`${change.number}: release ${release.id} received`);
  }
}
