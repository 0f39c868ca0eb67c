import { ApiPropertyOptional } from '@nestjs/swagger';
import { ITEM_NUMBER_PATTERN } from '@threadline/canonical';
import { JOB_STATUSES, JobStatus } from '@threadline/canonical/scheduling/job-page.dto';
import { PageQueryDto } from '@threadline/platform';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';

export class JobsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'PUMP-100' })
  @IsOptional()
  @IsString()
  @Matches(ITEM_NUMBER_PATTERN)
  itemNumber?: string;

  @ApiPropertyOptional({ enum: JOB_STATUSES, example: 'released' })
  @IsOptional()
  @IsIn(JOB_STATUSES)
  status?: JobStatus;
}
