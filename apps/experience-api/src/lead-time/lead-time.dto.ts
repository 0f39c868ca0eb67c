import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { FIELD_LIMITS } from '@threadline/canonical';
import { MAX_CURSOR_LENGTH, MAX_PAGE_SIZE, PageQueryDto } from '@threadline/platform';
import { QUERY_INVALID } from '../dashboards/dashboards.errors';
import { CHANGE_NUMBER_PATTERN, CURSOR_EXAMPLE, PlantFilter } from '../dashboards/dashboard-query';

export const MAX_LEAD_TIME_DAYS = 366;

export class LeadTimeQueryDto extends PageQueryDto {
  @PlantFilter()
  plant?: string;

  @ApiPropertyOptional({ description: 'Rollouts completed in the last this many days', example: 30, minimum: 1, maximum: MAX_LEAD_TIME_DAYS, default: 30 })
  @IsOptional(QUERY_INVALID)
  @Type(() => Number)
  @IsInt(QUERY_INVALID)
  @Min(1, QUERY_INVALID)
  @Max(MAX_LEAD_TIME_DAYS, QUERY_INVALID)
  days?: number;
}

export const ROLLOUT_PROGRESS = ['in-progress', 'completed'] as const;

export class RolloutLeadTimesQueryDto extends PageQueryDto {
  @PlantFilter()
  plant?: string;

  @ApiPropertyOptional({ example: 'ECN-000042', maxLength: FIELD_LIMITS.changeNumber, pattern: CHANGE_NUMBER_PATTERN.source })
  @IsOptional(QUERY_INVALID)
  @IsString(QUERY_INVALID)
  @MaxLength(FIELD_LIMITS.changeNumber, QUERY_INVALID)
  @Matches(CHANGE_NUMBER_PATTERN, QUERY_INVALID)
  changeNumber?: string;

  @ApiPropertyOptional({ enum: ROLLOUT_PROGRESS, description: 'Only rollouts still under way (or ended otherwise), or only completed ones' })
  @IsOptional(QUERY_INVALID)
  @IsIn(ROLLOUT_PROGRESS, QUERY_INVALID)
  progress?: (typeof ROLLOUT_PROGRESS)[number];
}

const SECONDS = { type: Number, minimum: 0, maximum: 1e10, example: 5400.5 } as const;

export class StageTimeDto {
  @ApiPropertyOptional({ ...SECONDS, nullable: true, description: 'Median seconds in this stage' })
  p50: number | null;

  @ApiPropertyOptional({ ...SECONDS, nullable: true, description: 'Mean seconds in this stage' })
  mean: number | null;
}

export class StageTimesDto {
  @ApiProperty({ type: StageTimeDto, description: 'PLM release until validated (includes the announcement reaching the process API)' })
  validation: StageTimeDto;

  @ApiProperty({ type: StageTimeDto, description: 'Validated until the impact was assessed' })
  impact: StageTimeDto;

  @ApiProperty({ type: StageTimeDto, description: 'Impact assessed until approved (0 when the policy applied it by itself)' })
  approvalWait: StageTimeDto;

  @ApiProperty({ type: StageTimeDto, description: "Waiting for the plant's release window" })
  releaseWindowWait: StageTimeDto;

  @ApiProperty({ type: StageTimeDto, description: "Approved until applied in the plant's ERP, without the release-window wait (retries of an ERP outage count here)" })
  erp: StageTimeDto;

  @ApiProperty({ type: StageTimeDto, description: "Applied in ERP until the plant's scheduler took the change and re-planned" })
  scheduler: StageTimeDto;
}

export class LeadTimeDto {
  @ApiProperty({ ...SECONDS, example: 7200, description: 'Median seconds from PLM release to production-effective (the rollout completed)' })
  p50: number;

  @ApiProperty({ ...SECONDS, example: 86400, description: '95th percentile' })
  p95: number;

  @ApiProperty({ ...SECONDS, example: 10800 })
  mean: number;
}

export class PlantLeadTimeDto {
  @ApiProperty({ example: 'P2', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 1, maximum: 2_147_483_647, example: 14, description: 'Rollouts completed in the window' })
  completed: number;

  @ApiProperty({ type: LeadTimeDto })
  leadTimeSeconds: LeadTimeDto;

  @ApiProperty({ type: StageTimesDto, description: 'Where the time went' })
  stageSeconds: StageTimesDto;
}

export class LeadTimeSummaryDto {
  @ApiProperty({ example: '2026-11-05T09:00:00.000Z', maxLength: FIELD_LIMITS.isoDateTime, description: 'Rollouts completed since then count' })
  since: string;

  @ApiProperty({ type: [PlantLeadTimeDto], maxItems: MAX_PAGE_SIZE, description: 'Plants with a completed rollout in the window, by plant code' })
  plants: PlantLeadTimeDto[];

  @ApiPropertyOptional({ description: 'Cursor for the next page; null on the last page', nullable: true, type: String, maxLength: MAX_CURSOR_LENGTH, example: CURSOR_EXAMPLE })
  nextCursor: string | null;
}

export class RolloutStageSecondsDto {
  @ApiPropertyOptional({ ...SECONDS, nullable: true })
  validation: number | null;

  @ApiPropertyOptional({ ...SECONDS, nullable: true })
  impact: number | null;

  @ApiPropertyOptional({ ...SECONDS, nullable: true })
  approvalWait: number | null;

  @ApiPropertyOptional({ ...SECONDS, nullable: true })
  releaseWindowWait: number | null;

  @ApiPropertyOptional({ ...SECONDS, nullable: true })
  erp: number | null;

  @ApiPropertyOptional({ ...SECONDS, nullable: true })
  scheduler: number | null;
}

export class RolloutLeadTimeDto {
  @ApiProperty({ example: 'ECN-000042', maxLength: FIELD_LIMITS.changeNumber })
  changeNumber: string;

  @ApiProperty({ example: '2b1c9a9e-8f0c-4a57-9f69-2f8e0e4f7d11', maxLength: FIELD_LIMITS.uuid })
  releaseId: string;

  @ApiProperty({ example: 'P2', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({
    example: 'WAITING_FOR_WINDOW',
    maxLength: FIELD_LIMITS.shortCode,
    description: "The rollout's state, or the release's while the plant's rollout has not started (RECEIVED, VALIDATED, AWAITING_APPROVAL, REJECTED, ...)",
  })
  state: string;

  @ApiPropertyOptional({ example: '2026-11-26T09:00:03.000Z', nullable: true, type: String, maxLength: FIELD_LIMITS.isoDateTime })
  stateSince: string | null;

  @ApiProperty({ example: "waiting for P2's release window, opens Monday 7 Dec 06:00 UTC", maxLength: FIELD_LIMITS.message, description: 'The state in plain words' })
  status: string;

  @ApiPropertyOptional({ example: '2026-11-26T09:00:00.000Z', nullable: true, type: String, maxLength: FIELD_LIMITS.isoDateTime, description: 'When PLM released the change' })
  startedAt: string | null;

  @ApiPropertyOptional({ example: '2026-11-26T11:00:00.000Z', nullable: true, type: String, maxLength: FIELD_LIMITS.isoDateTime, description: 'When the rollout completed (production-effective)' })
  completedAt: string | null;

  @ApiPropertyOptional({ ...SECONDS, nullable: true, description: 'PLM release to production-effective; null until completed' })
  leadTimeSeconds: number | null;

  @ApiProperty({ type: RolloutStageSecondsDto, description: 'Seconds per stage; null for a stage not finished (the release-window wait counts up while it lasts)' })
  stageSeconds: RolloutStageSecondsDto;

  @ApiProperty({ example: '2026-11-26T11:00:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  updatedAt: string;
}

export class RolloutLeadTimesPageDto {
  @ApiProperty({ type: [RolloutLeadTimeDto], maxItems: MAX_PAGE_SIZE, description: 'Most recently changed first' })
  items: RolloutLeadTimeDto[];

  @ApiPropertyOptional({ description: 'Cursor for the next page; null on the last page', nullable: true, type: String, maxLength: MAX_CURSOR_LENGTH, example: CURSOR_EXAMPLE })
  nextCursor: string | null;
}
