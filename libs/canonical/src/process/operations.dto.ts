import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PLANT_CODE_PATTERN } from '../common';
import { FIELD_LIMITS } from '../field-limits';

/** Why a step failed, in classes an operator acts on (the messaging layer's classification). */
export const STEP_ERROR_CLASSES = ['backend-unavailable', 'credentials', 'waiting', 'refused', 'mapping', 'backend-error', 'internal'] as const;
export type StepErrorClass = (typeof STEP_ERROR_CLASSES)[number];

/**
 * A dead letter: open (`dead`), sent back (`replaying`), failing again but retrying after a replay
 * (`retrying`), done after a replay (`recovered`), or given up (`discarded`).
 */
export const DEAD_LETTER_STATES = ['dead', 'replaying', 'retrying', 'recovered', 'discarded'] as const;
export type DeadLetterState = (typeof DEAD_LETTER_STATES)[number];

const CHANGE_NUMBER = /^[A-Z0-9-]{1,40}$/;
const FLOW = /^[a-z0-9][a-z0-9.-]{0,79}$/;
const MAX_REASON = 500;
const MAX_FILTER_TEXT = 80;
/** Counts are int32 in the contract: bounded, as the OWASP API rules ask of every integer. */
const INT32_MAX = 2_147_483_647;

export class CountsByErrorClassDto {
  @ApiPropertyOptional({ example: 3, type: 'integer', format: 'int32', minimum: 0, maximum: INT32_MAX })
  'backend-unavailable'?: number;
  @ApiPropertyOptional({ example: 0, type: 'integer', format: 'int32', minimum: 0, maximum: INT32_MAX })
  credentials?: number;
  @ApiPropertyOptional({ example: 0, type: 'integer', format: 'int32', minimum: 0, maximum: INT32_MAX })
  waiting?: number;
  @ApiPropertyOptional({ example: 1, type: 'integer', format: 'int32', minimum: 0, maximum: INT32_MAX })
  refused?: number;
  @ApiPropertyOptional({ example: 0, type: 'integer', format: 'int32', minimum: 0, maximum: INT32_MAX })
  mapping?: number;
  @ApiPropertyOptional({ example: 0, type: 'integer', format: 'int32', minimum: 0, maximum: INT32_MAX })
  'backend-error'?: number;
  @ApiPropertyOptional({ example: 0, type: 'integer', format: 'int32', minimum: 0, maximum: INT32_MAX })
  internal?: number;
}

/** Filters shared by the dead-letter list, the retrying view and a bulk replay. */
export class FailingStepFilterDto {
  @ApiPropertyOptional({ example: 'plant-rollout', description: 'The flow (engineering-release, plant-rollout, scheduling-feedback, exception-cases, read-models, ...)', maxLength: MAX_FILTER_TEXT, pattern: FLOW.source })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_FILTER_TEXT)
  @Matches(FLOW)
  flow?: string;

  @ApiPropertyOptional({ example: 'P2', maxLength: FIELD_LIMITS.plantCode, pattern: PLANT_CODE_PATTERN.source })
  @IsOptional()
  @MaxLength(FIELD_LIMITS.plantCode)
  @Matches(PLANT_CODE_PATTERN)
  plant?: string;

  @ApiPropertyOptional({ example: 'S/4HANA', description: 'The system that failed or refused', maxLength: MAX_FILTER_TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_FILTER_TEXT)
  backend?: string;

  @ApiPropertyOptional({ enum: STEP_ERROR_CLASSES, example: 'refused' })
  @IsOptional()
  @IsIn(STEP_ERROR_CLASSES)
  errorClass?: StepErrorClass;

  @ApiPropertyOptional({ example: 'ECN-000042', maxLength: FIELD_LIMITS.changeNumber })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_LIMITS.changeNumber)
  @Matches(CHANGE_NUMBER)
  changeNumber?: string;

  @ApiPropertyOptional({ description: 'Last failure at or after this instant (ISO 8601)', example: '2026-12-01T00:00:00Z', maxLength: FIELD_LIMITS.isoDateTime })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(FIELD_LIMITS.isoDateTime)
  from?: string;

  @ApiPropertyOptional({ description: 'Last failure before this instant (ISO 8601)', example: '2026-12-31T00:00:00Z', maxLength: FIELD_LIMITS.isoDateTime })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(FIELD_LIMITS.isoDateTime)
  to?: string;
}

export class FailingStepDto {
  @ApiProperty({ example: '6f1c2a9e-0c1d-4c6e-9a53-1f0a3b2c4d5e', format: 'uuid', maxLength: FIELD_LIMITS.uuid, description: "The step's id: the dead letter's id once it is one" })
  id: string;

  @ApiProperty({ example: 'process-api', description: 'The app whose step it is', maxLength: MAX_FILTER_TEXT })
  app: string;

  @ApiProperty({ example: 'process-api.plant-rollout', description: 'The one queue the step is retried or replayed on', maxLength: 200 })
  queue: string;

  @ApiProperty({ example: 'plant-rollout', maxLength: MAX_FILTER_TEXT })
  flow: string;

  @ApiProperty({ example: 1, enum: [1, 2, 3], type: 'integer', format: 'int32', minimum: 1, maximum: 3, description: 'Integration tier (1 engineering release and scheduling feedback, 2 exception cases, 3 read models)' })
  tier: number;

  @ApiPropertyOptional({ example: 'P2', nullable: true, type: String, maxLength: FIELD_LIMITS.plantCode })
  plant: string | null;

  @ApiPropertyOptional({ example: 'ECN-000042', nullable: true, type: String, maxLength: FIELD_LIMITS.changeNumber })
  changeNumber: string | null;

  @ApiPropertyOptional({ example: 'S/4HANA', nullable: true, type: String, maxLength: MAX_FILTER_TEXT })
  backend: string | null;

  @ApiProperty({ enum: STEP_ERROR_CLASSES, example: 'refused' })
  errorClass: StepErrorClass;

  @ApiPropertyOptional({ example: 'BACKEND_REJECTED', nullable: true, type: String, maxLength: FIELD_LIMITS.shortCode })
  errorCode: string | null;

  @ApiProperty({ example: 'BACKEND_REJECTED: erp-system-api answered 422: Component CLIP-7 is not maintained in plant P2', maxLength: 2000 })
  lastError: string;

  @ApiProperty({ example: 3, type: 'integer', format: 'int32', minimum: 0, maximum: INT32_MAX, description: 'Failed attempts so far' })
  attempts: number;

  @ApiProperty({ example: '2026-12-04T09:00:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  firstFailedAt: string;

  @ApiProperty({ example: '2026-12-04T09:05:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  lastFailedAt: string;

  @ApiPropertyOptional({ example: '3ce03047-3657-4bea-9124-23d09aa9e404', nullable: true, type: String, maxLength: 128 })
  correlationId: string | null;

  @ApiPropertyOptional({ example: '0af7651916cd43dd8448eb211c80319c', nullable: true, type: String, maxLength: 32 })
  traceId: string | null;
}

export class RetryingStepDto extends FailingStepDto {
  @ApiPropertyOptional({ example: '2026-12-04T09:10:00.000Z', nullable: true, type: String, description: 'When the next attempt is due', maxLength: FIELD_LIMITS.isoDateTime })
  nextAttemptAt: string | null;
}

export class DeadLetterDto extends FailingStepDto {
  @ApiProperty({ enum: DEAD_LETTER_STATES, example: 'dead' })
  state: DeadLetterState;

  @ApiPropertyOptional({ example: 'ops-anna', nullable: true, type: String, description: 'Who replayed or discarded it last', maxLength: FIELD_LIMITS.actor })
  resolvedBy: string | null;

  @ApiPropertyOptional({ example: 'material CLIP-7 maintained in P2', nullable: true, type: String, description: 'Why, in their words', maxLength: MAX_REASON })
  resolution: string | null;

  @ApiProperty({ example: 0, type: 'integer', format: 'int32', minimum: 0, maximum: INT32_MAX })
  replays: number;
}

export class StepAttemptDto {
  @ApiProperty({ example: 1, type: 'integer', format: 'int32', minimum: 0, maximum: INT32_MAX })
  attempt: number;

  @ApiProperty({ enum: STEP_ERROR_CLASSES, example: 'refused' })
  errorClass: StepErrorClass;

  @ApiPropertyOptional({ example: 'BACKEND_REJECTED', nullable: true, type: String, maxLength: FIELD_LIMITS.shortCode })
  errorCode: string | null;

  @ApiPropertyOptional({ example: 'S/4HANA', nullable: true, type: String, maxLength: MAX_FILTER_TEXT })
  backend: string | null;

  @ApiProperty({ example: 'BACKEND_REJECTED: erp-system-api answered 422: ...', maxLength: 2000 })
  error: string;

  @ApiProperty({ enum: ['retry', 'dead-letter'], example: 'dead-letter', description: 'What followed it' })
  outcome: 'retry' | 'dead-letter';

  @ApiProperty({ example: '2026-12-04T09:05:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  at: string;
}

export class DeadLetterDetailDto extends DeadLetterDto {
  @ApiProperty({ type: Object, description: "The step's payload: the job's data, or the event a consumer failed on", example: { releaseId: '7d9c1c2e-8c71-4d5e-9f0a-3b2c1d4e5f60', plant: 'P2' } })
  payload: Record<string, unknown>;

  @ApiProperty({ type: [StepAttemptDto], maxItems: 1000, description: 'Every failed attempt, oldest first' })
  attemptHistory: StepAttemptDto[];
}

export class RetryingQueryDto extends FailingStepFilterDto {
  @ApiPropertyOptional({ description: 'Page size, at most 200', example: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: "Opaque cursor from the previous page's `nextCursor`", maxLength: 512 })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

/** The dead letters' filter and page: the retrying view's, and their state. */
export class DeadLetterQueryDto extends RetryingQueryDto {
  @ApiPropertyOptional({ enum: DEAD_LETTER_STATES, example: 'dead', description: 'Default: open dead letters' })
  @IsOptional()
  @IsIn(DEAD_LETTER_STATES)
  state?: DeadLetterState;
}

export class DeadLetterPageDto {
  @ApiProperty({ type: [DeadLetterDto], maxItems: 200 })
  items: DeadLetterDto[];

  @ApiProperty({ type: CountsByErrorClassDto, description: 'How many match the filter (all pages), per error class' })
  countsByErrorClass: CountsByErrorClassDto;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Cursor for the next page; null on the last page', maxLength: 512, example: 'eyJ0IjoiMjAyNi0xMi0wNFQwOTowNTowMC4wMDBaIiwiaWQiOiI2ZjFjIn0' })
  nextCursor: string | null;
}

export class RetryingPageDto {
  @ApiProperty({ type: [RetryingStepDto], maxItems: 200 })
  items: RetryingStepDto[];

  @ApiProperty({ type: CountsByErrorClassDto, description: 'How many are retrying (all pages), per error class' })
  countsByErrorClass: CountsByErrorClassDto;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Cursor for the next page; null on the last page', maxLength: 512, example: 'eyJ0IjoiMjAyNi0xMi0wNFQwOTowNTowMC4wMDBaIiwiaWQiOiI2ZjFjIn0' })
  nextCursor: string | null;
}

/** An operator's action on a dead letter: recorded with who and why. */
export class OperatorActionDto {
  @ApiProperty({ example: 'material CLIP-7 maintained in P2', description: 'Why: kept with the dead letter and in the audit trail', minLength: 3, maxLength: MAX_REASON })
  @IsString()
  @MinLength(3)
  @MaxLength(MAX_REASON)
  reason: string;
}

export class CreateDeadLetterReplayDto extends FailingStepFilterDto {
  @ApiProperty({ example: 'P2 scheduler back after maintenance', description: 'Why: kept with the replay and each dead letter, and in the audit trail', minLength: 3, maxLength: MAX_REASON })
  @IsString()
  @MinLength(3)
  @MaxLength(MAX_REASON)
  reason: string;

  @ApiPropertyOptional({ example: 5, description: 'Dead letters replayed per second at most (default 5), so a backend that just came back is not flooded', minimum: 1, maximum: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  ratePerSecond?: number;
}

export const REPLAY_ITEM_OUTCOMES = ['pending', 'replayed', 'recovered', 'failed-again', 'skipped', 'failed'] as const;
export type ReplayItemOutcome = (typeof REPLAY_ITEM_OUTCOMES)[number];

export class DeadLetterReplayItemDto {
  @ApiProperty({ example: '6f1c2a9e-0c1d-4c6e-9a53-1f0a3b2c4d5e', format: 'uuid', maxLength: FIELD_LIMITS.uuid })
  deadLetterId: string;

  @ApiProperty({
    enum: REPLAY_ITEM_OUTCOMES,
    example: 'replayed',
    description: 'pending; replayed (sent back); recovered (its step then succeeded); failed-again (a dead letter again); skipped (no longer open); failed (could not be sent)',
  })
  outcome: ReplayItemOutcome;

  @ApiPropertyOptional({ example: null, nullable: true, type: String, maxLength: 2000 })
  detail: string | null;

  @ApiPropertyOptional({ example: '2026-12-04T09:06:00.000Z', nullable: true, type: String, maxLength: FIELD_LIMITS.isoDateTime })
  at: string | null;
}

export class ReplayProgressDto {
  @ApiProperty({ example: 12, type: 'integer', format: 'int32', minimum: 0, maximum: INT32_MAX })
  total: number;

  @ApiProperty({ example: 12, type: 'integer', format: 'int32', minimum: 0, maximum: INT32_MAX, description: 'Items handled so far' })
  done: number;

  @ApiProperty({ type: Object, description: 'Items per outcome', example: { replayed: 10, recovered: 1, skipped: 1 } })
  byOutcome: Partial<Record<ReplayItemOutcome, number>>;
}

export class DeadLetterReplayDto {
  @ApiProperty({ example: '1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9', format: 'uuid', maxLength: FIELD_LIMITS.uuid })
  id: string;

  @ApiProperty({ enum: ['running', 'completed'], example: 'completed' })
  state: 'running' | 'completed';

  @ApiProperty({ type: FailingStepFilterDto, description: 'The filter the dead letters were chosen by (open ones when the replay was asked for)' })
  filter: FailingStepFilterDto;

  @ApiProperty({ example: 'P2 scheduler back after maintenance', maxLength: MAX_REASON })
  reason: string;

  @ApiProperty({ example: 'ops-anna', maxLength: FIELD_LIMITS.actor })
  requestedBy: string;

  @ApiProperty({ example: 5, type: 'integer', format: 'int32', minimum: 1, maximum: 50 })
  ratePerSecond: number;

  @ApiProperty({ type: ReplayProgressDto })
  progress: ReplayProgressDto;

  @ApiProperty({ type: [DeadLetterReplayItemDto], maxItems: 1000 })
  items: DeadLetterReplayItemDto[];

  @ApiProperty({ example: '2026-12-04T09:06:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  createdAt: string;

  @ApiPropertyOptional({ example: '2026-12-04T09:06:03.000Z', nullable: true, type: String, maxLength: FIELD_LIMITS.isoDateTime })
  finishedAt: string | null;
}

export class CreateEventReplayDto {
  @ApiProperty({ example: 'threadline.process.plant-rollout.completed.v1', description: 'The event type to re-emit', maxLength: 200, pattern: '^threadline\\.[a-z0-9.-]+\\.v[0-9]+$' })
  @IsString()
  @MaxLength(200)
  @Matches(/^threadline\.[a-z0-9.-]+\.v[0-9]+$/)
  type: string;

  @ApiProperty({ example: '2026-12-01T00:00:00Z', description: 'Events published at or after this instant', maxLength: FIELD_LIMITS.isoDateTime })
  @IsISO8601({ strict: true })
  @MaxLength(FIELD_LIMITS.isoDateTime)
  from: string;

  @ApiProperty({ example: '2026-12-05T00:00:00Z', description: 'Events published before this instant', maxLength: FIELD_LIMITS.isoDateTime })
  @IsISO8601({ strict: true })
  @MaxLength(FIELD_LIMITS.isoDateTime)
  to: string;

  @ApiProperty({ example: 'experience-api.release-events', description: 'The one consumer (its queue, `<app>.<consumer>`) that gets them; nobody else', maxLength: 200, pattern: '^[a-z0-9-]+\\.[a-z0-9.-]+$' })
  @IsString()
  @MaxLength(200)
  @Matches(/^[a-z0-9-]+\.[a-z0-9.-]+$/)
  consumer: string;

  @ApiProperty({ example: 'rebuild the adoption read model', minLength: 3, maxLength: MAX_REASON })
  @IsString()
  @MinLength(3)
  @MaxLength(MAX_REASON)
  reason: string;
}

export class EventReplayDto {
  @ApiProperty({ example: 'threadline.process.plant-rollout.completed.v1', maxLength: 200 })
  type: string;

  @ApiProperty({ example: 'experience-api.release-events', maxLength: 200 })
  consumer: string;

  @ApiProperty({ example: 42, type: 'integer', format: 'int32', minimum: 0, maximum: INT32_MAX, description: 'Events sent to the consumer' })
  count: number;

  @ApiProperty({ example: '2026-12-01T00:00:00Z', maxLength: FIELD_LIMITS.isoDateTime })
  from: string;

  @ApiProperty({ example: '2026-12-05T00:00:00Z', maxLength: FIELD_LIMITS.isoDateTime })
  to: string;
}
