import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FIELD_LIMITS } from '../field-limits';

export const EXCEPTION_KINDS = ['delay', 'material-shortage', 'quality-hold', 'resource-overload'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];
export const EXCEPTION_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type ExceptionSeverity = (typeof EXCEPTION_SEVERITIES)[number];

/** A problem a plant's scheduler (or the shop floor through it) reports about a job. */
export class ScheduleExceptionDto {
  @ApiProperty({ example: 'P2-EXC-000017', description: 'Stable id from the scheduler: the same exception reported twice has the same id', maxLength: FIELD_LIMITS.identifier })
  id: string;

  @ApiProperty({ example: 'P2', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ enum: EXCEPTION_KINDS, example: 'quality-hold' })
  kind: ExceptionKind;

  @ApiProperty({ enum: EXCEPTION_SEVERITIES, example: 'high' })
  severity: ExceptionSeverity;

  @ApiProperty({ example: '1000008', description: 'The scheduler job (manufacturing order) id', maxLength: FIELD_LIMITS.identifier })
  jobId: string;

  @ApiPropertyOptional({ example: '1000008', nullable: true, type: String, description: 'The ERP work order behind the job, when the job came from ERP', maxLength: FIELD_LIMITS.workOrderNumber })
  workOrderNumber: string | null;

  @ApiProperty({ example: 'PUMP-100', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiPropertyOptional({ example: 'P2-TEST', nullable: true, type: String, maxLength: FIELD_LIMITS.identifier })
  resourceId: string | null;

  @ApiProperty({ example: 'Leak test failed on 3 of 25 units; lot blocked', maxLength: FIELD_LIMITS.text })
  detail: string;

  @ApiPropertyOptional({ example: 18.5, nullable: true, type: Number, description: 'For a delay: hours late against the due date' })
  lateHours: number | null;

  @ApiProperty({ example: '2026-11-26T09:12:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  raisedAt: string;
}
