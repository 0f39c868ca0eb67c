import { Inject, Injectable } from '@nestjs/common';
import { EngineeringChangeDto, EngineeringChangeReleasedV1, EventSources, EventTypes } from '@threadline/canonical';
import { MessagingService, createEvent, deterministicEventId } from '@threadline/messaging';
import { EntityManager } from 'typeorm';
import { PlmMasterDataCache } from '../items/plm-master-data.cache';

/** The one id of "change N was released", however it was learnt: release call, webhook or change feed. */
export function releasedEventId(changeNumber: string): string {
  return deterministicEventId('plm', changeNumber, 'released');
}

/**
 * Writes `threadline.plm.engineering-change.released.v1` to the outbox inside the caller's
 * transaction. The id derives from the change number, so the release endpoint, a webhook and
 * the change feed announcing the same release make one event. The items the change revised leave
 * the master-data cache first, so a consumer reading them on the event never gets a copy from before.
 */
@Injectable()
export class ReleaseAnnouncer {
  constructor(
    @Inject(MessagingService) private readonly messaging: MessagingService,
    @Inject(PlmMasterDataCache) private readonly masterData: PlmMasterDataCache,
  ) {}

  async announce(em: EntityManager, change: EngineeringChangeDto): Promise<void> {
    this.masterData.changeReleased(change);
    await this.messaging.publish(
      em,
      createEvent<EngineeringChangeReleasedV1>({
        type: EventTypes.EngineeringChangeReleased,
        source: EventSources.PlmSystemApi,
        subject: change.number,
        id: releasedEventId(change.number),
        data: { change },
      }),
    );
  }
}
