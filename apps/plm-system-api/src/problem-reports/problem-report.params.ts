import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANGE_NUMBER_PATTERN, FIELD_LIMITS } from '@threadline/canonical';
import { PageQueryDto } from '@threadline/platform';
import { IsOptional, Matches, MaxLength } from 'class-validator';

export class ProblemReportNumberParam {
  @ApiProperty({ example: 'PR-000123', maxLength: 40 })
  @MaxLength(40)
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,39}$/)
  number: string;
}

export class ListProblemReportsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'ECN-000042', description: 'Only reports on this engineering change', maxLength: FIELD_LIMITS.changeNumber })
  @IsOptional()
  @MaxLength(FIELD_LIMITS.changeNumber)
  @Matches(CHANGE_NUMBER_PATTERN)
  changeNumber?: string;
}
