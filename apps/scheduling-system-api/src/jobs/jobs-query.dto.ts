import { ApiPropertyOptional } from '@nestjs/swagger';
import { FIELD_LIMITS, ITEM_NUMBER_PATTERN } from '@threadline/canonical';
import { JOB_STATUSES, JobStatus } from '@threadline/canonical/scheduling/job-page.dto';
import { PageQueryDto } from '@threadline/platform';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class JobsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'PUMP-100', maxLength: FIELD_LIMITS.itemNumber })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_LIMITS.itemNumber)
  @Matches(ITEM_NUMBER_PATTERN)
  itemNumber?: string;

  @ApiPropertyOptional({ enum: JOB_STATUSES, example: 'released' })
  @IsOptional()
  @IsIn(JOB_STATUSES)
  status?: JobStatus;
}
