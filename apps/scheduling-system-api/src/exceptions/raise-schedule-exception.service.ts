import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventSources, EventTypes, ScheduleExceptionDto, ScheduleExceptionRaisedV1 } from '@threadline/canonical';
import { createEvent, deterministicEventId, MessagingService } from '@threadline/messaging';
import { DataSource } from 'typeorm';

export interface RaisedException {
  eventId: string;
  /** False when this exception had been announced already: nothing was written. */
  created: boolean;
}

/**
 * Announces an exception the scheduler reported as a CloudEvent, through the outbox. The event
 * id derives from the plant and the scheduler's exception id, so the same exception delivered
 * twice (a webhook retry, two subscriptions) is one event.
 */
@Injectable()
export class RaiseScheduleExceptionService {
  private readonly logger = new Logger(RaiseScheduleExceptionService.name);

  constructor(
    @Inject(MessagingService) private readonly messaging: MessagingService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async raise(exception: ScheduleExceptionDto): Promise<RaisedException> {
    const eventId = deterministicEventId('scheduler', exception.plant, exception.id);
    const created = await this.dataSource.transaction(async (em) => {
      if (await this.messaging.isPublished(em, eventId)) return false;
      await this.messaging.publish(
        em,
        createEvent<ScheduleExceptionRaisedV1>({
          type: EventTypes.ScheduleExceptionRaised,
          source: EventSources.SchedulingSystemApi,
          subject: `${exception.plant}/${exception.jobId}`,
          id: eventId,
          data: { exception },
        }),
      );
      return true;
    });
    if (created) this.logger.log(`${exception.plant} ${exception.kind} on job ${exception.jobId}: raised ${exception.id}`);
    return { eventId, created };
  }
}
