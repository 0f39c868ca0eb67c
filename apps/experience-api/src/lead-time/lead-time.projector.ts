import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EngineeringReleaseStartedV1, EventTypes, ReleaseTransitionedV1 } from '@threadline/canonical';
import { MessagingService } from '@threadline/messaging';
import { LeadTimeRepository } from './lead-time.repository';

/** Builds the lead-time read model from the release's start and every transition (tier 3, a read model). */
@Injectable()
export class LeadTimeProjector implements OnModuleInit {
  constructor(
    @Inject(MessagingService) private readonly messaging: MessagingService,
    private readonly leadTimes: LeadTimeRepository,
  ) {}

  onModuleInit(): void {
    this.messaging.registerConsumer({
      name: 'lead-time',
      eventTypes: [EventTypes.EngineeringReleaseStarted, EventTypes.ReleaseTransitioned],
      flow: 'read-models',
      tier: 3,
      labels: (event) => {
        const d = event.data as { changeNumber?: string; plant?: string | null };
        return { changeNumber: d.changeNumber, plant: d.plant };
      },
      handle: (event, em) =>
        event.type === EventTypes.EngineeringReleaseStarted
          ? this.leadTimes.recordStarted(em, event.data as EngineeringReleaseStartedV1)
          : this.leadTimes.recordTransition(em, event.data as ReleaseTransitionedV1),
    });
  }
}
