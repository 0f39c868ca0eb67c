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

  /** One INSERT for all the changes; answers how many were new (a change announced before is not written again). */
  announceAll(em: EntityManager, changes: MaterialAvailabilityChangeDto[]): Promise<number> {
    return this.messaging.publishAllIfNew(
      em,
      changes.map((change) =>
        createEvent<MaterialAvailabilityChangedV1>({
          type: EventTypes.MaterialAvailabilityChanged,
          source: EventSources.ErpSystemApi,
          subject: `${change.plant}/${change.itemNumber}`,
          id: materialAvailabilityChangedEventId(change),
          time: new Date(change.changedAt),
          data: { change },
        }),
      ),
    );
  }
}
