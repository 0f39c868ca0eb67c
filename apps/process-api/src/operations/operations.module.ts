import { Module } from '@nestjs/common';
import { IntegrationHealthModule } from '../integration-health/integration-health.module';
import { DeadLetterReplaysController } from './dead-letter-replays/dead-letter-replays.controller';
import { DeadLetterReplayRepository } from './dead-letter-replays/dead-letter-replay.repository';
import { DeadLetterReplaysService } from './dead-letter-replays/dead-letter-replays.service';
import { DeadLetterReplayWorker } from './dead-letter-replays/dead-letter-replay.worker';
import { DeadLettersController } from './dead-letters/dead-letters.controller';
import { DeadLettersService } from './dead-letters/dead-letters.service';
import { EventReplaysController } from './event-replays/event-replays.controller';
import { ReplayEvents } from './event-replays/replay-events.usecase';
import { RetryingController } from './retrying/retrying.controller';

/**
 * What operators (scope ops:replay) see and do: the dead letters and retrying steps of every app
 * (the messaging layer's step ledger), replays one by one or in bulk, discards, and event replays
 * from the outbox. Owns the bulk replays' tables (DeadLetterReplayRepository).
 */
@Module({
  // The integration-health reports: what the dashboard shows operators of the same ledger.
  imports: [IntegrationHealthModule],
  controllers: [DeadLettersController, DeadLetterReplaysController, RetryingController, EventReplaysController],
  providers: [DeadLettersService, DeadLetterReplaysService, DeadLetterReplayRepository, DeadLetterReplayWorker, ReplayEvents],
})
export class OperationsModule {}
