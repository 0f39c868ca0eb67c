import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EngineeringReleaseImpactAssessedV1, EventTypes } from '@threadline/canonical';
import { MessagingService } from '@threadline/messaging';
import { ImpactedOrdersRepository } from './impacted-orders.repository';

/** Builds the impacted orders from the process API's impact-assessed events (tier 3, a read model). */
@Injectable()
export class ImpactedOrdersProjector implements OnModuleInit {
  constructor(
    @Inject(MessagingService) private readonly messaging: MessagingService,
    private readonly impacted: ImpactedOrdersRepository,
  ) {}

  onModuleInit(): void {
    this.messaging.registerConsumer({
      name: 'impacted-orders',
      eventTypes: [EventTypes.EngineeringReleaseImpactAssessed],
      flow: 'read-models',
      tier: 3,
      labels: (event) => ({ changeNumber: (event.data as EngineeringReleaseImpactAssessedV1).changeNumber }),
      handle: (event, em) => this.impacted.recordAssessed(em, event.data as EngineeringReleaseImpactAssessedV1),
    });
  }
}
