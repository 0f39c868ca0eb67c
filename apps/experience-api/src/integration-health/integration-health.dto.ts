import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { FIELD_LIMITS } from '@threadline/canonical';
import { MAX_CURSOR_LENGTH, MAX_PAGE_SIZE, PageQueryDto } from '@threadline/platform';
import { QUERY_INVALID } from '../dashboards/dashboards.errors';
import { CURSOR_EXAMPLE, PlantFilter } from '../dashboards/dashboard-query';

export const MAX_HEALTH_MINUTES = 1440;
export const HEALTH_STATES = ['ok', 'degraded', 'down'] as const;
export type HealthState = (typeof HEALTH_STATES)[number];
const BACKEND_PATTERN = /^[a-z0-9-]{1,40}$/;

export class IntegrationHealthQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Call counts over the last this many minutes', example: 60, minimum: 1, maximum: MAX_HEALTH_MINUTES, default: 60 })
  @IsOptional(QUERY_INVALID)
  @Type(() => Number)
  @IsInt(QUERY_INVALID)
  @Min(1, QUERY_INVALID)
  @Max(MAX_HEALTH_MINUTES, QUERY_INVALID)
  minutes?: number;

  @ApiPropertyOptional({ description: 'Only this backend', example: 'erp-system-api', maxLength: 40, pattern: BACKEND_PATTERN.source })
  @IsOptional(QUERY_INVALID)
  @IsString(QUERY_INVALID)
  @MaxLength(40, QUERY_INVALID)
  @Matches(BACKEND_PATTERN, QUERY_INVALID)
  backend?: string;

  @PlantFilter()
  plant?: string;
}

const COUNT = { type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647 } as const;
const RATIO = { type: Number, minimum: 0, maximum: 1 } as const;

export class BackendHealthDto {
  @ApiProperty({ example: 'erp-system-api', maxLength: 40, description: 'A system API the process API calls' })
  backend: string;

  @ApiPropertyOptional({ example: 'P2', nullable: true, type: String, maxLength: FIELD_LIMITS.plantCode, description: 'Null for calls that name no plant (PLM)' })
  plant: string | null;

  @ApiProperty({ ...COUNT, example: 230, description: 'Calls in the window (each retry counts)' })
  calls: number;

  @ApiProperty({ ...COUNT, example: 12, description: 'Calls that failed: no answer, a timeout, 429 or 5xx' })
  failedCalls: number;

  @ApiPropertyOptional({ ...RATIO, nullable: true, example: 0.052, description: 'failedCalls / calls; null without calls' })
  errorRate: number | null;

  @ApiPropertyOptional({
    ...RATIO,
    nullable: true,
    example: 0.96,
    description: 'Share of calls that found the backend available (anything but no answer, a timeout, 429, 502, 503 or 504); null without calls',
  })
  availability: number | null;

  @ApiProperty({ ...COUNT, example: 3, description: 'Steps retrying now because of this backend' })
  retryingSteps: number;

  @ApiPropertyOptional({ example: '2026-11-26T09:12:03.000Z', nullable: true, type: String, maxLength: FIELD_LIMITS.isoDateTime, description: 'When the oldest retrying step first failed' })
  oldestRetrySince: string | null;

  @ApiProperty({ ...COUNT, example: 1, description: 'Dead letters of this backend not yet replayed or discarded' })
  deadLetters: number;

  @ApiPropertyOptional({ example: 'backend-unavailable', nullable: true, type: String, maxLength: 40, description: 'Error class of the newest failing step' })
  lastErrorClass: string | null;

  @ApiProperty({ enum: HEALTH_STATES, example: 'degraded', description: 'down: steps wait for it to come back; degraded: dead letters, retrying steps or over 5% failed calls' })
  state: HealthState;

  @ApiProperty({ example: 'erp-system-api at P2: 3 steps retrying since Monday 7 Dec 09:12 UTC (backend unavailable); 12 of 230 calls failed in the last 60 min', maxLength: FIELD_LIMITS.message })
  summary: string;
}

export class HealthTotalsDto {
  @ApiProperty({ ...COUNT, example: 950 })
  calls: number;

  @ApiProperty({ ...COUNT, example: 12 })
  failedCalls: number;

  @ApiProperty({ ...COUNT, example: 3 })
  retryingSteps: number;

  @ApiProperty({ ...COUNT, example: 1 })
  deadLetters: number;
}

export class IntegrationHealthDto {
  @ApiProperty({ ...COUNT, minimum: 1, maximum: MAX_HEALTH_MINUTES, example: 60 })
  windowMinutes: number;

  @ApiPropertyOptional({
    example: '2026-11-26T09:12:03.000Z',
    nullable: true,
    type: String,
    maxLength: FIELD_LIMITS.isoDateTime,
    description: "The process API's newest report; null before the first (then nothing below is known). No report is sent while the process API calls nothing and no step fails, so an old one on a quiet platform is not a fault",
  })
  lastReportAt: string | null;

  @ApiProperty({ type: HealthTotalsDto, description: 'Over every backend and plant matching the filters (all pages)' })
  totals: HealthTotalsDto;

  @ApiProperty({ type: [BackendHealthDto], maxItems: MAX_PAGE_SIZE, description: 'By backend and plant; only pairs with calls in the window or failing steps now' })
  items: BackendHealthDto[];

  @ApiPropertyOptional({ description: 'Cursor for the next page; null on the last page', nullable: true, type: String, maxLength: MAX_CURSOR_LENGTH, example: CURSOR_EXAMPLE })
  nextCursor: string | null;
}
