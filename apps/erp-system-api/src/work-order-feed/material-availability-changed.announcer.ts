import { Inject, Injectable } from '@nestjs/common';
import { EventSources, EventTypes, MaterialAvailabilityChangeDto, MaterialAvailabilityChangedV1 } from '@threadline/canonical';
import { createEvent, deterministicEventId, MessagingService } from '@threadline/messaging';
import { EntityManager } from 'typeorm';

/** The one id of "document D changed item I's availability in plant P at T", however often the feed reads it. */
export function materialAvailabilityChangedEventId(change: MaterialAvailabilityChangeDto): string {
  return deterministicEventId('erp', 'material-availability', change.plant, change.itemNumber, change.reason, change.document, change.changedAt);
}

/** Writes `threadline.erp.material-availability.changed.v1` to the outbox inside the caller's transaction. */
@Injectable()
export class MaterialAvailabilityChangedAnnouncer {
  constructor(@Inject(MessagingService) private readonly messaging: MessagingService) {}

  /** False when this change had been announced already: nothing was written. */
  async announce(em: EntityManager, change: MaterialAvailabilityChangeDto): Promise<boolean> {
    const id = materialAvailabilityChangedEventId(change);
    // One statement: the outbox ignores an id it holds already, and says so.
    return this.messaging.publishIfNew(
      em,
      createEvent<MaterialAvailabilityChangedV1>({
        type: EventTypes.MaterialAvailabilityChanged,
        source: EventSources.ErpSystemApi,
        subject: `${change.plant}/${change.itemNumber}`,
        id,
        time: new Date(change.changedAt),
        data: { change },
      }),
    );
  }
}
