import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { PriorityInput } from '../change-notices/change-notice.dto';
import { PROBLEM_REPORT_CATEGORIES } from './problem-report.odata';

/** What this Windchill accepts on a problem report (the change notices' limits where they overlap). */
const LIMITS = { number: 40, version: 2, name: 200, description: 4000, display: 100, externalReference: 100, reportedAgainst: 20 } as const;

/*
 * The request body of POST ProblemReports, in Windchill's dialect (PascalCase, enumerated values
 * as `{ "Value": "..." }`, Display ignored on input).
 */

export class ProblemCategoryInput {
  @ApiProperty({ enum: Object.keys(PROBLEM_REPORT_CATEGORIES), example: 'QUALITY_ISSUE' })
  @IsIn(Object.keys(PROBLEM_REPORT_CATEGORIES))
  Value: string;

  @ApiPropertyOptional({ example: 'Quality Issue', maxLength: LIMITS.display })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.display)
  Display?: string;
}

/** A part version the problem is reported against (Windchill's "Reported Against" link). */
export class ReportedAgainstInput {
  @ApiProperty({ example: 'PUMP-100', maxLength: LIMITS.number })
  @IsString()
  @MaxLength(LIMITS.number)
  Number: string;

  @ApiProperty({ example: 'B', maxLength: LIMITS.version })
  @MaxLength(LIMITS.version)
  @Matches(/^[A-Z]{1,2}$/)
  Version: string;
}

/** The change notice the problem relates to, by its number. */
export class RelatedChangeNoticeInput {
  @ApiProperty({ example: 'ECN-000042', maxLength: LIMITS.number })
  @IsString()
  @MaxLength(LIMITS.number)
  Number: string;
}

export class CreateProblemReportInput {
  @ApiProperty({ example: 'Leak test failures on PUMP-100 B at P1', maxLength: LIMITS.name })
  @IsString()
  @MaxLength(LIMITS.name)
  Name: string;

  @ApiPropertyOptional({ example: 'Leak test failed on 3 of 30 units (work order 1000004).', nullable: true, type: String, maxLength: LIMITS.description })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.description)
  Description?: string | null;

  @ApiPropertyOptional({ type: ProblemCategoryInput, description: 'Default OTHER' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProblemCategoryInput)
  Category?: ProblemCategoryInput;

  @ApiPropertyOptional({ type: PriorityInput, description: 'Default MEDIUM' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PriorityInput)
  Priority?: PriorityInput;

  @ApiPropertyOptional({
    example: '6f1c2a8e-6d7b-4e0a-9c55-0b1d7c3f1a20',
    nullable: true,
    type: String,
    maxLength: LIMITS.externalReference,
    description: "The client's own key for the report: a create repeating one answers the existing report (200) instead of a second one",
  })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.externalReference)
  @Matches(/^\S(.*\S)?$/)
  ExternalReference?: string | null;

  @ApiPropertyOptional({ type: RelatedChangeNoticeInput, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RelatedChangeNoticeInput)
  RelatedChangeNotice?: RelatedChangeNoticeInput | null;

  @ApiPropertyOptional({ type: [ReportedAgainstInput], maxItems: LIMITS.reportedAgainst })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.reportedAgainst)
  @ValidateNested({ each: true })
  @Type(() => ReportedAgainstInput)
  ReportedAgainst?: ReportedAgainstInput[];
}
