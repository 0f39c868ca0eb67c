import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { MessagingService, StepLedgerError } from '@threadline/messaging';
import { NotFoundError } from '@threadline/platform';
import { DeadLetterReplayRepository } from './dead-letter-replay.repository';
import { DEAD_LETTER_REPLAY_QUEUE, DeadLetterReplayJob } from './dead-letter-replays.service';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * Works a bulk replay off item by item: each replay and its item's outcome commit together, so a
 * crash resumes with the next item and none is replayed twice; a pause between items keeps the
 * rate the operator asked for.
 */
@Injectable()
export class DeadLetterReplayWorker implements OnModuleInit {
  private readonly logger = new Logger(DeadLetterReplayWorker.name);

  constructor(
    @Inject(DeadLetterReplayRepository) private readonly replays: DeadLetterReplayRepository,
    @Inject(MessagingService) private readonly messaging: MessagingService,
  ) {}

  onModuleInit(): void {
    this.messaging.registerWorker<DeadLetterReplayJob>({ queue: DEAD_LETTER_REPLAY_QUEUE, flow: 'operations', tier: 2, handle: (job) => this.run(job.replayId) });
  }

  async run(replayId: string): Promise<void> {
    const replay = await this.replays.find(replayId);
    if (!replay || replay.state !== 'running') return;
    const gapMs = Math.ceil(1000 / replay.ratePerSecond);
    for (;;) {
      const handled = await this.replays.transaction(async (em) => {
        const item = await this.replays.nextPending(em, replayId);
        if (!item) return false;
        try {
          await this.messaging.ledger.replay(item.deadLetterId, replay.requestedBy, `${replay.reason} (bulk replay ${replayId})`, em);
          await this.replays.recordItem(em, item, 'replayed', null);
        } catch (error) {
          if (!(error instanceof StepLedgerError || error instanceof NotFoundError)) throw error;
          await this.replays.recordItem(em, item, 'skipped', error.detail ?? null);
        }
        return true;
      });
      if (!handled) break;
      await pause(gapMs);
    }
    await this.replays.complete(replayId);
    this.messaging.kick();
    this.logger.log(`bulk replay ${replayId} completed`);
  }
}
