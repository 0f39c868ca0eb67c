import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EventTypes, MaterialAvailabilityChangedV1 } from '@threadline/canonical';
import { CloudEvent, MessagingService } from '@threadline/messaging';
import { EntityManager } from 'typeorm';
import { ProcessApiConfig } from '../process-api.config';
import { MaterialPushJob, PRODUCTION_READINESS_FLOW, PRODUCTION_READINESS_QUEUE } from './production-readiness.jobs';
import { ProductionReadinessRepository } from './production-readiness.repository';

/**
 * ERP announced that an item's availability changed in a plant: the item is marked pending and a
 * push of the plant is scheduled `materialCoalesceSeconds` later. The push takes every item of the
 * plant pending by then, so a burst of changes (a receipt touching the order and the stock, a
 * supplier moving several lines) is one read and one push; the later jobs of the burst find
 * nothing left and do nothing.
 */
@Injectable()
export class MaterialAvailabilityChangeConsumer implements OnModuleInit {
  constructor(
    @Inject(MessagingService) private readonly messaging: MessagingService,
    @Inject(ProductionReadinessRepository) private readonly readiness: ProductionReadinessRepository,
    @Inject(ProcessApiConfig) private readonly config: ProcessApiConfig,
  ) {}

  onModuleInit(): void {
    this.messaging.registerConsumer({
      name: 'material-availability-changes',
      // Tier 1 with the scheduling feedback: a scheduler planning with stale material plans wrong.
      flow: PRODUCTION_READINESS_FLOW,
      tier: 1,
      eventTypes: [EventTypes.MaterialAvailabilityChanged],
      labels: (event) => ({ plant: (event as CloudEvent<MaterialAvailabilityChangedV1>).data.change?.plant }),
      handle: (event, em) => this.receive(event as CloudEvent<MaterialAvailabilityChangedV1>, em),
    });
  }

  async receive(event: CloudEvent<MaterialAvailabilityChangedV1>, em: EntityManager): Promise<void> {
    const { plant, itemNumber } = event.data.change;
    await this.readiness.markPending(em, plant, itemNumber);
    await this.messaging.enqueue(em, PRODUCTION_READINESS_QUEUE, { plant, kind: 'changes' } satisfies MaterialPushJob, {
      startAfter: this.config.materialCoalesceSeconds,
    });
  }
}
