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

  /** False when this change had been announced already: nothing was written. */
  async announce(em: EntityManager, change: WorkOrderChange): Promise<boolean> {
    const { workOrder, changedAt } = change;
    const id = workOrderChangedEventId(workOrder.plant, workOrder.number, changedAt);
    // One statement: the outbox ignores an id it holds already, and says so.
    return this.messaging.publishIfNew(
      em,
      createEvent<WorkOrderChangedV1>({
        type: EventTypes.WorkOrderChanged,
        source: EventSources.ErpSystemApi,
        subject: `${workOrder.plant}/${workOrder.number}`,
        id,
        time: new Date(changedAt),
        data: { workOrder, changedAt },
      }),
    );
  }
}
