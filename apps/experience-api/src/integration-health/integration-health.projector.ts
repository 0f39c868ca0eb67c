import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EventTypes, IntegrationHealthReportedV1 } from '@threadline/canonical';
import { MessagingService } from '@threadline/messaging';
import { IntegrationHealthRepository } from './integration-health.repository';

/** Builds integration health from the process API's periodic reports (tier 3, a read model). */
@Injectable()
export class IntegrationHealthProjector implements OnModuleInit {
  constructor(
    @Inject(MessagingService) private readonly messaging: MessagingService,
    private readonly health: IntegrationHealthRepository,
  ) {}

  onModuleInit(): void {
    this.messaging.registerConsumer({
      name: 'integration-health',
      eventTypes: [EventTypes.IntegrationHealthReported],
      flow: 'read-models',
      tier: 3,
      handle: (event, em) => this.health.recordReport(em, event.data as IntegrationHealthReportedV1),
    });
  }
}
