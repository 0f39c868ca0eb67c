import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FIELD_LIMITS, LIST_LIMITS } from '../field-limits';
import { JobDto } from './scheduling.dto';

/**
 * Canonical job states (ISA-95 style work order life cycle), whatever the scheduler calls them:
 * created (planned, not yet released), released, in-progress, completed, closed.
 */
export const JOB_STATUSES = ['created', 'released', 'in-progress', 'completed', 'closed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export class JobPageDto {
  @ApiProperty({ type: [JobDto], maxItems: LIST_LIMITS.page })
  items: JobDto[];

  @ApiPropertyOptional({ description: 'Cursor for the next page; null on the last page', nullable: true, type: String, example: 'eyJhZnRlciI6Ik1PLVAxLTAwMTAifQ', maxLength: FIELD_LIMITS.cursor })
  nextCursor: string | null;
}
