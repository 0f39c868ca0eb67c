import { Inject, Injectable } from '@nestjs/common';
import type { CreateEventReplayDto, EventReplayDto } from '@threadline/canonical';
import { MessagingService } from '@threadline/messaging';
import { OperationsError } from '../operations.errors';

/**
 * Re-emits the process API's published events of one type and time range from its outbox to one
 * named consumer only (for example to rebuild the experience API's read model); the consumer's
 * inbox keeps what it has already applied from being applied twice.
 */
@Injectable()
export class ReplayEvents {
  constructor(@Inject(MessagingService) private readonly messaging: MessagingService) {}

  async execute(request: CreateEventReplayDto): Promise<EventReplayDto> {
    const from = new Date(request.from);
    const to = new Date(request.to);
    if (from.getTime() >= to.getTime()) throw new OperationsError('EVENT_REPLAY_RANGE_INVALID', `from ${request.from} is not before to ${request.to}`);
    if (request.consumer.endsWith('.dead') || !(await this.messaging.bus.boss.getQueue(request.consumer))) {
      throw new OperationsError('EVENT_REPLAY_CONSUMER_UNKNOWN', `no consumer queue '${request.consumer}'`, { consumer: request.consumer });
    }
    const count = await this.messaging.replayEvents({ type: request.type, from, to, queue: request.consumer });
    return { type: request.type, consumer: request.consumer, count, from: from.toISOString(), to: to.toISOString() };
  }
}
