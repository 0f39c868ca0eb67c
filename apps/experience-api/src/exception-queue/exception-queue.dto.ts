import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { EXCEPTION_KINDS, EXCEPTION_OWNERS, EXCEPTION_SEVERITIES, ExceptionKind, ExceptionOwner, FIELD_LIMITS, LIST_LIMITS } from '@threadline/canonical';
import { MAX_CURSOR_LENGTH, MAX_PAGE_SIZE, PageQueryDto } from '@threadline/platform';
import { QUERY_INVALID } from '../dashboards/dashboards.errors';
import { CURSOR_EXAMPLE, PlantFilter } from '../dashboards/dashboard-query';
import { AGE_BUCKETS, AgeBucket } from './exception-queue.repository';

export class ExceptionQueueFilterDto {
  @PlantFilter()
  plant?: string;

  @ApiPropertyOptional({ enum: EXCEPTION_KINDS, description: 'Only cases of this kind' })
  @IsOptional(QUERY_INVALID)
  @IsIn(EXCEPTION_KINDS, QUERY_INVALID)
  kind?: ExceptionKind;

  @ApiPropertyOptional({ enum: EXCEPTION_OWNERS, description: "Only one team's queue" })
  @IsOptional(QUERY_INVALID)
  @IsIn(EXCEPTION_OWNERS, QUERY_INVALID)
  owner?: ExceptionOwner;
}

export class ExceptionQueueQueryDto extends IntersectionType(PageQueryDto, ExceptionQueueFilterDto) {}

const COUNT = { type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647 } as const;

export class OpenExceptionCaseDto {
  @ApiProperty({ example: '6f1c2a8e-6d7b-4e0a-9c55-0b1d7c3f1a20', maxLength: FIELD_LIMITS.uuid })
  caseId: string;

  @ApiProperty({ example: 'P2', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ enum: EXCEPTION_KINDS, example: 'quality-hold' })
  kind: string;

  @ApiProperty({ enum: EXCEPTION_SEVERITIES, example: 'high' })
  severity: string;

  @ApiProperty({ enum: EXCEPTION_OWNERS, example: 'production' })
  owner: string;

  @ApiProperty({ example: 'PUMP-100', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiPropertyOptional({ example: '1000008', nullable: true, type: String, maxLength: FIELD_LIMITS.workOrderNumber })
  workOrderNumber: string | null;

  @ApiPropertyOptional({ example: 'ECN-000042', nullable: true, type: String, maxLength: FIELD_LIMITS.changeNumber })
  changeNumber: string | null;

  @ApiProperty({ example: '2026-11-26T09:12:03.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  openedAt: string;

  @ApiProperty({ ...COUNT, example: 5400, description: 'Seconds the case has been open' })
  ageSeconds: number;

  @ApiProperty({ enum: AGE_BUCKETS, example: '1h_to_24h' })
  ageBucket: AgeBucket;

  @ApiProperty({ example: 'quality hold at P2 on PUMP-100 (work order 1000008), open 1 h 30 min, production\'s queue', maxLength: FIELD_LIMITS.message })
  summary: string;
}

export class ExceptionQueuePageDto {
  @ApiProperty({ ...COUNT, example: 12, description: 'Open cases matching the filters (all pages)' })
  total: number;

  @ApiProperty({ type: [OpenExceptionCaseDto], maxItems: MAX_PAGE_SIZE, description: 'Oldest first' })
  items: OpenExceptionCaseDto[];

  @ApiPropertyOptional({ description: 'Cursor for the next page; null on the last page', nullable: true, type: String, maxLength: MAX_CURSOR_LENGTH, example: CURSOR_EXAMPLE })
  nextCursor: string | null;
}

export class ExceptionGroupDto {
  @ApiProperty({ example: 'P2', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ enum: EXCEPTION_KINDS, example: 'quality-hold' })
  kind: string;

  @ApiProperty({ enum: AGE_BUCKETS, example: 'lt_1h' })
  ageBucket: AgeBucket;

  @ApiProperty({ ...COUNT, example: 3 })
  count: number;

  @ApiProperty({ example: '2026-11-26T09:12:03.000Z', maxLength: FIELD_LIMITS.isoDateTime, description: 'When the oldest case of the group was opened' })
  oldestOpenedAt: string;
}

export class OwnerCountDto {
  @ApiProperty({ enum: EXCEPTION_OWNERS, example: 'production' })
  owner: string;

  @ApiProperty({ ...COUNT, example: 4 })
  count: number;
}

export class AgeCountsDto {
  @ApiProperty({ ...COUNT, example: 2 })
  lt_1h: number;

  @ApiProperty({ ...COUNT, example: 1, name: '1h_to_24h' })
  '1h_to_24h': number;

  @ApiProperty({ ...COUNT, example: 0, name: '1d_to_7d' })
  '1d_to_7d': number;

  @ApiProperty({ ...COUNT, example: 0 })
  gt_7d: number;
}

export class ExceptionQueueSummaryDto {
  @ApiProperty({ ...COUNT, example: 3, description: 'Open cases matching the filters' })
  total: number;

  @ApiProperty({ type: AgeCountsDto })
  byAge: AgeCountsDto;

  @ApiProperty({ type: [OwnerCountDto], maxItems: EXCEPTION_OWNERS.length })
  byOwner: OwnerCountDto[];

  @ApiProperty({
    type: [ExceptionGroupDto],
    maxItems: LIST_LIMITS.plants * EXCEPTION_KINDS.length * AGE_BUCKETS.length,
    description: 'Open cases per plant, kind and age bucket (only groups with cases), by plant, kind and age',
  })
  groups: ExceptionGroupDto[];
}
