import { Inject, Injectable } from '@nestjs/common';
import { EventSources, EventTypes, WorkOrderChangedV1 } from '@threadline/canonical';
import { createEvent, deterministicEventId, MessagingService } from '@threadline/messaging';
import { EntityManager } from 'typeorm';
import { WorkOrderChange } from '../connector/erp.connector';

/** The one id of "order N of plant P changed at T", however often the feed reads that change. */
export function workOrderChangedEventId(plant: string, orderNumber: string, changedAt: string): string {
  return deterministicEventId('erp', 'work-order', plant, orderNumber, new Date(changedAt).toISOString());
}

/** Writes `threadline.erp.work-order.changed.v1` to the outbox inside the caller's transaction. */
@Injectable()
export class WorkOrderChangedAnnouncer {
  constructor(@Inject(MessagingService) private readonly messaging: MessagingService) {}

  /** One INSERT for all the changes; answers how many were new (a change announced before is not written again). */
  announceAll(em: EntityManager, changes: WorkOrderChange[]): Promise<number> {
    return this.messaging.publishAllIfNew(
      em,
      changes.map(({ workOrder, changedAt }) =>
        createEvent<WorkOrderChangedV1>({
          type: EventTypes.WorkOrderChanged,
          source: EventSources.ErpSystemApi,
          subject: `${workOrder.plant}/${workOrder.number}`,
          id: workOrderChangedEventId(workOrder.plant, workOrder.number, changedAt),
          time: new Date(changedAt),
          data: { workOrder, changedAt },
        }),
      ),
    );
  }
}
