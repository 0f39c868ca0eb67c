import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FailingStepFilterDto, ReplayItemOutcome } from '@threadline/canonical';
import { PROCESS_SCHEMA } from '../../process-api.schema';

@Entity({ schema: PROCESS_SCHEMA, name: 'dead_letter_replays' })
export class DeadLetterReplayEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'jsonb' })
  filter: FailingStepFilterDto;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'requested_by', type: 'text' })
  requestedBy: string;

  @Column({ name: 'rate_per_second', type: 'integer' })
  ratePerSecond: number;

  @Column({ type: 'text' })
  state: 'running' | 'completed';

  @Column({ type: 'integer' })
  total: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}

@Entity({ schema: PROCESS_SCHEMA, name: 'dead_letter_replay_items' })
export class DeadLetterReplayItemEntity {
  @PrimaryColumn('uuid', { name: 'replay_id' })
  replayId: string;

  @PrimaryColumn({ type: 'integer' })
  position: number;

  @Column({ name: 'dead_letter_id', type: 'uuid' })
  deadLetterId: string;

  /** As recorded when the item was handled; `recovered` and `failed-again` are read from the ledger. */
  @Column({ type: 'text', nullable: true })
  outcome: Extract<ReplayItemOutcome, 'replayed' | 'skipped' | 'failed'> | null;

  @Column({ type: 'text', nullable: true })
  detail: string | null;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt: Date | null;
}

export const OPERATIONS_ENTITIES = [DeadLetterReplayEntity, DeadLetterReplayItemEntity];
