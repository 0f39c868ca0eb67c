import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EventTypes, ExceptionCaseOpenedV1, ExceptionCaseResolvedV1 } from '@threadline/canonical';
import { MessagingService } from '@threadline/messaging';
import { ExceptionQueueRepository } from './exception-queue.repository';

/** Builds the exception queue from the process API's case events (tier 3, a read model). */
@Injectable()
export class ExceptionQueueProjector implements OnModuleInit {
  constructor(
    @Inject(MessagingService) private readonly messaging: MessagingService,
    private readonly cases: ExceptionQueueRepository,
  ) {}

  onModuleInit(): void {
    this.messaging.registerConsumer({
      name: 'exception-queue',
      eventTypes: [EventTypes.ExceptionCaseOpened, EventTypes.ExceptionCaseResolved],
      flow: 'read-models',
      tier: 3,
      labels: (event) => ({ plant: (event.data as { plant?: string }).plant }),
      handle: (event, em) =>
        event.type === EventTypes.ExceptionCaseOpened
          ? this.cases.recordOpened(em, event.data as ExceptionCaseOpenedV1)
          : this.cases.recordResolved(em, event.data as ExceptionCaseResolvedV1),
    });
  }
}
