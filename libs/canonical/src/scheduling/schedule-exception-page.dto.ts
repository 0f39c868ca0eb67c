import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { FIELD_LIMITS, LIST_LIMITS } from '../field-limits';
import { ScheduleExceptionDto } from './schedule-exception.dto';

export class ScheduleExceptionPageDto {
  @ApiProperty({ type: [ScheduleExceptionDto], maxItems: LIST_LIMITS.page })
  items: ScheduleExceptionDto[];

  @ApiPropertyOptional({ description: 'Cursor for the next page; null on the last page', nullable: true, type: String, example: 'eyJhZnRlciI6IlAyLUVYQy0wMDAwMTcifQ', maxLength: FIELD_LIMITS.cursor })
  nextCursor: string | null;
}

/** The shop floor reports a quality hold on a job; the scheduler announces it like any exception. */
export class ReportQualityHoldDto {
  @ApiProperty({ example: '1000008', description: 'The job (manufacturing order) id', maxLength: FIELD_LIMITS.identifier })
  @Type(() => String)
  @IsString()
  @MaxLength(FIELD_LIMITS.identifier)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/)
  jobId: string;

  @ApiProperty({ example: 'Leak test failed on 3 of 25 units; lot blocked', minLength: 3, maxLength: FIELD_LIMITS.text })
  @IsString()
  @MinLength(3)
  @MaxLength(FIELD_LIMITS.text)
  detail: string;
}
