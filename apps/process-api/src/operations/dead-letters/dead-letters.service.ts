import { Inject, Injectable } from '@nestjs/common';
import type { DeadLetterDetailDto, DeadLetterDto, DeadLetterPageDto, DeadLetterQueryDto, RetryingPageDto, RetryingQueryDto } from '@threadline/canonical';
import { MessagingService, StepFilter, StepRecord } from '@threadline/messaging';
import { decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, keysetCursor, NotFoundError } from '@threadline/platform';
import { toDeadLetter, toDeadLetterDetail, toRetryingStep } from '../failing-step.mapper';

/** What a filter of the API means for the ledger. */
export function stepFilter(query: Omit<StepFilter, 'states'>, states: StepFilter['states']): StepFilter {
  return { states, flow: query.flow, plant: query.plant, backend: query.backend, errorClass: query.errorClass, changeNumber: query.changeNumber, from: query.from, to: query.to };
}

/**
 * Operators' view of the failing steps of every app on the database (the messaging layer's step
 * ledger): dead letters and the steps still retrying, with replay and discard.
 */
@Injectable()
export class DeadLettersService {
  constructor(@Inject(MessagingService) private readonly messaging: MessagingService) {}

  async list(query: DeadLetterQueryDto): Promise<DeadLetterPageDto> {
    const page = await this.messaging.ledger.list(
      stepFilter(query, [query.state ?? 'dead']),
      decodeCursor<{ t: string; id: string }>(query.cursor, keysetCursor('t', 'id')),
      query.limit ?? DEFAULT_PAGE_SIZE,
    );
    return { items: page.items.map(toDeadLetter), countsByErrorClass: page.countsByErrorClass, nextCursor: page.nextCursor && encodeCursor(page.nextCursor) };
  }

  async retrying(query: RetryingQueryDto): Promise<RetryingPageDto> {
    const page = await this.messaging.ledger.list(
      stepFilter(query, ['retrying']),
      decodeCursor<{ t: string; id: string }>(query.cursor, keysetCursor('t', 'id')),
      query.limit ?? DEFAULT_PAGE_SIZE,
    );
    return { items: page.items.map(toRetryingStep), countsByErrorClass: page.countsByErrorClass, nextCursor: page.nextCursor && encodeCursor(page.nextCursor) };
  }

  async get(id: string): Promise<DeadLetterDetailDto> {
    const { step, attempts } = await this.messaging.ledger.get(id);
    if (!wasDeadLetter(step)) throw new NotFoundError('DeadLetter', id);
    return toDeadLetterDetail(step, attempts);
  }

  async replay(id: string, by: string, reason: string): Promise<{ before: DeadLetterDto; after: DeadLetterDto }> {
    const { before, after } = await this.messaging.ledger.replay(id, by, reason);
    return { before: toDeadLetter(before), after: toDeadLetter(after) };
  }

  async discard(id: string, by: string, reason: string): Promise<{ before: DeadLetterDto; after: DeadLetterDto }> {
    const { before, after } = await this.messaging.discardDeadLetter(id, by, reason);
    return { before: toDeadLetter(before), after: toDeadLetter(after) };
  }
}

/** A step that has been a dead letter at some point (one still in its first retries is not). */
export function wasDeadLetter(step: StepRecord): boolean {
  return step.state === 'dead' || step.state === 'discarded' || step.replays > 0;
}
