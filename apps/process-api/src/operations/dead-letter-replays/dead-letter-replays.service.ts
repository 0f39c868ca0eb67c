import { Inject, Injectable } from '@nestjs/common';
import type { CreateDeadLetterReplayDto, DeadLetterReplayDto, DeadLetterReplayItemDto, ReplayItemOutcome } from '@threadline/canonical';
import { MessagingService, StepRecord } from '@threadline/messaging';
import { NotFoundError } from '@threadline/platform';
import { randomUUID } from 'node:crypto';
import { stepFilter } from '../dead-letters/dead-letters.service';
import { DeadLetterReplayEntity, DeadLetterReplayItemEntity } from './dead-letter-replay.entities';
import { DeadLetterReplayRepository } from './dead-letter-replay.repository';

export const DEAD_LETTER_REPLAY_QUEUE = 'process-api.dead-letter-replay';
export const DEFAULT_REPLAY_RATE_PER_SECOND = 5;
/** The most dead letters one bulk replay takes; a larger backlog is replayed in several. */
export const MAX_REPLAY_ITEMS = 1000;

export interface DeadLetterReplayJob {
  replayId: string;
}

/**
 * Bulk replays: the open dead letters matching a filter, chosen when it is asked for, replayed one
 * by one by a durable job at a limited rate, each item's outcome kept, so a crash resumes it
 * where it stopped and nothing is replayed twice.
 */
@Injectable()
export class DeadLetterReplaysService {
  constructor(
    @Inject(DeadLetterReplayRepository) private readonly replays: DeadLetterReplayRepository,
    @Inject(MessagingService) private readonly messaging: MessagingService,
  ) {}

  async create(request: CreateDeadLetterReplayDto, by: string): Promise<DeadLetterReplayDto> {
    const { reason, ratePerSecond, ...filter } = request;
    const ids: string[] = [];
    let after: { t: string; id: string } | undefined;
    do {
      const page = await this.messaging.ledger.list(stepFilter(filter, ['dead']), after, 200);
      ids.push(...page.items.map((s) => s.workId));
      after = page.nextCursor ?? undefined;
    } while (after && ids.length < MAX_REPLAY_ITEMS);
    const replay: DeadLetterReplayEntity = {
      id: randomUUID(),
      filter,
      reason,
      requestedBy: by,
      ratePerSecond: ratePerSecond ?? DEFAULT_REPLAY_RATE_PER_SECOND,
      state: ids.length === 0 ? 'completed' : 'running',
      total: Math.min(ids.length, MAX_REPLAY_ITEMS),
      createdAt: new Date(),
      finishedAt: ids.length === 0 ? new Date() : null,
    };
    await this.replays.transaction(async (em) => {
      await this.replays.insert(em, replay, ids.slice(0, MAX_REPLAY_ITEMS));
      if (ids.length > 0) await this.messaging.enqueue(em, DEAD_LETTER_REPLAY_QUEUE, { replayId: replay.id } satisfies DeadLetterReplayJob);
    });
    this.messaging.kick();
    return this.get(replay.id);
  }

  async get(id: string): Promise<DeadLetterReplayDto> {
    const replay = await this.replays.find(id);
    if (!replay) throw new NotFoundError('DeadLetterReplay', id);
    const items = await this.replays.items(id);
    const steps = new Map((await this.messaging.ledger.findMany(items.filter((i) => i.outcome === 'replayed').map((i) => i.deadLetterId))).map((s) => [s.workId, s]));
    const dtos = items.map((item) => toItem(item, steps.get(item.deadLetterId)));
    const byOutcome: Partial<Record<ReplayItemOutcome, number>> = {};
    for (const item of dtos) byOutcome[item.outcome] = (byOutcome[item.outcome] ?? 0) + 1;
    return {
      id: replay.id,
      state: replay.state,
      filter: replay.filter,
      reason: replay.reason,
      requestedBy: replay.requestedBy,
      ratePerSecond: replay.ratePerSecond,
      progress: { total: replay.total, done: items.filter((i) => i.outcome !== null).length, byOutcome },
      items: dtos,
      createdAt: replay.createdAt.toISOString(),
      finishedAt: replay.finishedAt?.toISOString() ?? null,
    };
  }
}

/** A replayed item's outcome goes on in the ledger: its step recovered, or became a dead letter again. */
function toItem(item: DeadLetterReplayItemEntity, step: StepRecord | undefined): DeadLetterReplayItemDto {
  let outcome: ReplayItemOutcome = item.outcome ?? 'pending';
  if (item.outcome === 'replayed' && step) {
    if (step.state === 'recovered') outcome = 'recovered';
    else if (step.state === 'dead' && item.doneAt && step.lastFailedAt > item.doneAt) outcome = 'failed-again';
  }
  return { deadLetterId: item.deadLetterId, outcome, detail: item.detail, at: item.doneAt?.toISOString() ?? null };
}
