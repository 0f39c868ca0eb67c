import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EngineeringChangeReleasedV1, EventTypes } from '@threadline/canonical';
import { CloudEvent, MessagingService } from '@threadline/messaging';
import { EntityManager } from 'typeorm';
import { releaseStartedEvent } from '../release.events';
import { AdvanceReleaseJob, RELEASE_FLOWS, RELEASE_QUEUES } from '../release.queues';
import { ReleaseRepository } from '../release.repository';
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
    @Inject(ReleaseRepository) private readonly releases: ReleaseRepository,
  ) {}

  onModuleInit(): void {
    this.messaging.registerConsumer({
      name: 'plm-changes',
      flow: RELEASE_FLOWS.advance,
      tier: 1,
      eventTypes: [EventTypes.EngineeringChangeReleased],
      labels: (event) => ({ changeNumber: (event as CloudEvent<EngineeringChangeReleasedV1>).data.change?.number }),
      handle: (event, em) => this.handle(event as CloudEvent<EngineeringChangeReleasedV1>, em),
    });
  }

  async handle(event: CloudEvent<EngineeringChangeReleasedV1>, em: EntityManager): Promise<void> {
    const change = event.data.change;
    const release = await this.releases.insertReceived(em, change, releasedItems(change), {
      actor: `event:${event.source}`,
      reason: `ECO ${change.number} released in PLM (event ${event.id})`,
    });
    if (!release) {
      this.logger.log(`${change.number}: already received, announcement ignored`);
      return;
    }
    await this.messaging.publish(em, releaseStartedEvent(release));
    await this.messaging.enqueue(em, RELEASE_QUEUES.advance, { releaseId: release.id, changeNumber: release.changeNumber } satisfies AdvanceReleaseJob);
    this.logger.log(`${change.number}: release ${release.id} received`);
  }
}
