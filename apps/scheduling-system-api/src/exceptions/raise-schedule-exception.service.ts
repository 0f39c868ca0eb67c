import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventSources, EventTypes, ScheduleExceptionDto, ScheduleExceptionRaisedV1 } from '@threadline/canonical';
import { createEvent, deterministicEventId, MessagingService } from '@threadline/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { AnnouncedExceptionRepository } from './announced-exception.repository';

export interface RaisedException {
  eventId: string;
  /** False when this exception had been announced already: nothing was written. */
  created: boolean;
}

/** The one id of "the scheduler reported exception X at plant P", whether a webhook or reconciliation brought it. */
export function raisedEventId(exception: Pick<ScheduleExceptionDto, 'plant' | 'id'>): string {
  return deterministicEventId('scheduler', exception.plant, exception.id);
}

/**
 * Announces an exception the scheduler reported as a CloudEvent, through the outbox. The event
 * id derives from the plant and the scheduler's exception id, and each exception is recorded as
 * announced in the same transaction, so the same exception delivered twice (a webhook retry, two
 * subscriptions, the webhook and reconciliation, a reconciliation after the outbox swept the
 * event) is one event.
 */
@Injectable()
export class RaiseScheduleExceptionService {
  private readonly logger = new Logger(RaiseScheduleExceptionService.name);

  constructor(
    @Inject(MessagingService) private readonly messaging: MessagingService,
    @Inject(AnnouncedExceptionRepository) private readonly announced: AnnouncedExceptionRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async raise(exception: ScheduleExceptionDto): Promise<RaisedException> {
    const raised = await this.dataSource.transaction((em) => this.announce(em, exception));
    if (raised.created) this.logger.log(`${exception.plant} ${exception.kind} on job ${exception.jobId}: raised ${exception.id}`);
    return raised;
  }

  /** Announces each exception not announced yet, in one transaction; answers those it announced. */
  async raiseAll(exceptions: ScheduleExceptionDto[]): Promise<ScheduleExceptionDto[]> {
    if (exceptions.length === 0) return [];
    return this.dataSource.transaction(async (em) => {
      const created: ScheduleExceptionDto[] = [];
      for (const exception of exceptions) if ((await this.announce(em, exception)).created) created.push(exception);
      return created;
    });
  }

  private async announce(em: EntityManager, exception: ScheduleExceptionDto): Promise<RaisedException> {
    const eventId = raisedEventId(exception);
    if (!(await this.announced.record(em, exception.plant, exception.id, eventId))) return { eventId, created: false };
    // Announced before this API kept its record: the outbox still has the event, and writes nothing.
    const created = await this.messaging.publishAllIfNew(em, [
      createEvent<ScheduleExceptionRaisedV1>({
        type: EventTypes.ScheduleExceptionRaised,
        source: EventSources.SchedulingSystemApi,
        subject: `${exception.plant}/${exception.jobId}`,
        id: eventId,
        data: { exception },
      }),
    ]);
    return { eventId, created: created > 0 };
  }
}
