import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EngineeringReleaseImpactAssessedV1, EventTypes, WorkOrderChangedV1 } from '@threadline/canonical';
import { MessagingService } from '@threadline/messaging';
import { ImpactedOrdersRepository } from './impacted-orders.repository';

/**
 * Builds the impacted orders from the process API's impact-assessed events, and follows each work
 * order through ERP's change feed (the ERP system API's work-order events) to tell which are still
 * on the old revision. Tier 3, a read model.
 */
@Injectable()
export class ImpactedOrdersProjector implements OnModuleInit {
  constructor(
    @Inject(MessagingService) private readonly messaging: MessagingService,
    private readonly impacted: ImpactedOrdersRepository,
  ) {}

  onModuleInit(): void {
    this.messaging.registerConsumer({
      name: 'impacted-orders',
      eventTypes: [EventTypes.EngineeringReleaseImpactAssessed, EventTypes.WorkOrderChanged],
      flow: 'read-models',
      tier: 3,
      labels: (event) =>
        event.type === EventTypes.WorkOrderChanged
          ? { plant: (event.data as WorkOrderChangedV1).workOrder.plant }
          : { changeNumber: (event.data as EngineeringReleaseImpactAssessedV1).changeNumber },
      handle: (event, em) =>
        event.type === EventTypes.WorkOrderChanged
          ? this.impacted.recordWorkOrder(em, event.data as WorkOrderChangedV1)
          : this.impacted.recordAssessed(em, event.data as EngineeringReleaseImpactAssessedV1),
    });
  }
}
