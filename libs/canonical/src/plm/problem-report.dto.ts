import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ITEM_NUMBER_PATTERN, REVISION_PATTERN } from '../common';
import { CHANGE_NUMBER_PATTERN, ERP_REFERENCE_PATTERN } from '../erp/erp-changes.dto';
import { FIELD_LIMITS, LIST_LIMITS } from '../field-limits';
import { CHANGE_PRIORITIES, ChangePriority } from './engineering-change.dto';

/**
 * Problem reports: feedback from production to engineering, kept in PLM (Windchill's problem
 * report, Teamcenter's problem report or issue), linked to the change it concerns.
 */
export const PROBLEM_REPORT_STATES = ['OPEN', 'UNDER_REVIEW', 'RESOLVED', 'CANCELLED'] as const;
export type ProblemReportState = (typeof PROBLEM_REPORT_STATES)[number];
export const PROBLEM_REPORT_CATEGORIES = ['quality', 'safety', 'cost', 'customer', 'other'] as const;
export type ProblemReportCategory = (typeof PROBLEM_REPORT_CATEGORIES)[number];
/** Part revisions one report names at most. */
export const PROBLEM_REPORT_MAX_ITEMS = 20;
/** A client's own key for a report (a case id, a ticket number). */
export const PROBLEM_REPORT_REFERENCE_MAX = 100;

/** An item revision the problem was found on. */
export class ProblemReportItemDto {
  @ApiProperty({ example: 'PUMP-100', maxLength: FIELD_LIMITS.itemNumber })
  @IsString()
  @MaxLength(FIELD_LIMITS.itemNumber)
  @Matches(ITEM_NUMBER_PATTERN)
  itemNumber: string;

  @ApiProperty({ example: 'B', maxLength: FIELD_LIMITS.revision })
  @IsString()
  @MaxLength(FIELD_LIMITS.revision)
  @Matches(REVISION_PATTERN)
  revision: string;
}

export class CreateProblemReportDto {
  @ApiProperty({ example: 'Quality hold at P1 on PUMP-100 rev B', maxLength: FIELD_LIMITS.name })
  @IsString()
  @MaxLength(FIELD_LIMITS.name)
  @Matches(/\S/)
  title: string;

  @ApiPropertyOptional({ example: 'Leak test failed on 3 of 30 units (work order 1000004)', maxLength: FIELD_LIMITS.changeDescription })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_LIMITS.changeDescription)
  description?: string;

  @ApiPropertyOptional({ enum: PROBLEM_REPORT_CATEGORIES, example: 'quality', description: "Default 'other'" })
  @IsOptional()
  @IsIn(PROBLEM_REPORT_CATEGORIES)
  category?: ProblemReportCategory;

  @ApiPropertyOptional({ enum: CHANGE_PRIORITIES, example: 'high', description: "Default 'normal'" })
  @IsOptional()
  @IsIn(CHANGE_PRIORITIES)
  priority?: ChangePriority;

  @ApiPropertyOptional({ example: 'ECN-000042', description: 'The engineering change the problem concerns', maxLength: FIELD_LIMITS.changeNumber })
  @IsOptional()
  @MaxLength(FIELD_LIMITS.changeNumber)
  @Matches(CHANGE_NUMBER_PATTERN)
  changeNumber?: string;

  @ApiPropertyOptional({ type: [ProblemReportItemDto], maxItems: PROBLEM_REPORT_MAX_ITEMS, description: 'The item revisions the problem was found on' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PROBLEM_REPORT_MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => ProblemReportItemDto)
  affectedItems?: ProblemReportItemDto[];

  @ApiPropertyOptional({
    example: '6f1c2a8e-6d7b-4e0a-9c55-0b1d7c3f1a20',
    description: "The caller's own key for the report: creating again with it answers the existing report (200) and changes nothing",
    maxLength: PROBLEM_REPORT_REFERENCE_MAX,
  })
  @IsOptional()
  @IsString()
  @MaxLength(PROBLEM_REPORT_REFERENCE_MAX)
  @Matches(ERP_REFERENCE_PATTERN)
  externalReference?: string;
}

export class ProblemReportDto {
  @ApiProperty({ example: 'PR-000123', maxLength: FIELD_LIMITS.identifier })
  number: string;

  @ApiProperty({ example: 'Quality hold at P1 on PUMP-100 rev B', maxLength: FIELD_LIMITS.name })
  title: string;

  @ApiPropertyOptional({ example: 'Leak test failed on 3 of 30 units', nullable: true, type: String, maxLength: FIELD_LIMITS.changeDescription })
  description: string | null;

  @ApiProperty({ enum: PROBLEM_REPORT_CATEGORIES, example: 'quality' })
  category: ProblemReportCategory;

  @ApiProperty({ enum: CHANGE_PRIORITIES, example: 'high' })
  priority: ChangePriority;

  @ApiProperty({ enum: PROBLEM_REPORT_STATES, example: 'OPEN' })
  state: ProblemReportState;

  @ApiPropertyOptional({ example: 'ECN-000042', nullable: true, type: String, maxLength: FIELD_LIMITS.changeNumber })
  changeNumber: string | null;

  @ApiProperty({ type: [ProblemReportItemDto], maxItems: PROBLEM_REPORT_MAX_ITEMS })
  affectedItems: ProblemReportItemDto[];

  @ApiPropertyOptional({ example: '6f1c2a8e-6d7b-4e0a-9c55-0b1d7c3f1a20', nullable: true, type: String, maxLength: PROBLEM_REPORT_REFERENCE_MAX })
  externalReference: string | null;

  @ApiProperty({ example: '2026-11-26T09:12:05.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  createdAt: string;
}

/** One page of problem reports, by number; follow `nextCursor` until it is null. */
export class ProblemReportPageDto {
  @ApiProperty({ type: [ProblemReportDto], maxItems: LIST_LIMITS.page })
  items: ProblemReportDto[];

  @ApiPropertyOptional({ example: 'eyJuIjoiUFItMDAwMTIzIn0', nullable: true, type: String, description: 'Cursor of the next page; null on the last page', maxLength: FIELD_LIMITS.cursor })
  nextCursor: string | null;
}
