import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { EXCEPTION_KINDS, EXCEPTION_SEVERITIES, ExceptionKind, ExceptionSeverity } from '../scheduling/schedule-exception.dto';

export const EXCEPTION_CASE_STATES = ['OPEN', 'RESOLVED'] as const;
export type ExceptionCaseState = (typeof EXCEPTION_CASE_STATES)[number];
export const EXCEPTION_OWNERS = ['engineering', 'production', 'procurement'] as const;
export type ExceptionOwner = (typeof EXCEPTION_OWNERS)[number];

export class ExceptionCaseEventDto {
  @ApiProperty({ example: 'ERP_HOLD_PLACED' })
  what: string;

  @ApiProperty({ example: 'system:process-api' })
  actor: string;

  @ApiPropertyOptional({ example: 'work order 1000008 put on hold', nullable: true, type: String })
  note: string | null;

  @ApiProperty({ example: '2026-11-26T09:12:03.000Z' })
  at: string;
}

/** A problem from the shop floor, followed until someone resolves it. */
export class ExceptionCaseDto {
  @ApiProperty({ example: '6f1c2a8e-6d7b-4e0a-9c55-0b1d7c3f1a20' })
  id: string;

  @ApiProperty({ example: 'P2' })
  plant: string;

  @ApiProperty({ enum: EXCEPTION_KINDS, example: 'quality-hold' })
  kind: ExceptionKind;

  @ApiProperty({ enum: EXCEPTION_SEVERITIES, example: 'high' })
  severity: ExceptionSeverity;

  @ApiProperty({ enum: EXCEPTION_CASE_STATES, example: 'OPEN' })
  state: ExceptionCaseState;

  @ApiProperty({ enum: EXCEPTION_OWNERS, example: 'engineering', description: 'Whose queue the case is in' })
  owner: ExceptionOwner;

  @ApiProperty({ example: '1000008' })
  jobId: string;

  @ApiPropertyOptional({ example: '1000008', nullable: true, type: String, description: 'The ERP work order' })
  workOrderNumber: string | null;

  @ApiProperty({ example: 'PUMP-100' })
  itemNumber: string;

  @ApiPropertyOptional({ example: 'ECN-000042', nullable: true, type: String, description: 'The engineering change in force for this item and plant, if any' })
  changeNumber: string | null;

  @ApiPropertyOptional({ example: '2b1c9a9e-8f0c-4a57-9f69-2f8e0e4f7d11', nullable: true, type: String })
  releaseId: string | null;

  @ApiProperty({ example: 'Leak test failed on 3 of 25 units; lot blocked' })
  detail: string;

  @ApiPropertyOptional({ example: 'QUALITY_HOLD', nullable: true, type: String, description: 'What was done in ERP: the work order put on hold' })
  erpHold: string | null;

  @ApiPropertyOptional({ example: null, nullable: true, type: String })
  resolution: string | null;

  @ApiPropertyOptional({ example: null, nullable: true, type: String })
  resolvedBy: string | null;

  @ApiProperty({ example: '2026-11-26T09:12:00.000Z' })
  raisedAt: string;

  @ApiProperty({ example: '2026-11-26T09:12:01.000Z' })
  openedAt: string;

  @ApiProperty({ type: [ExceptionCaseEventDto] })
  history: ExceptionCaseEventDto[];
}

export class ResolveExceptionCaseDto {
  @ApiProperty({ example: 'Lot reworked and re-tested; hold released' })
  @IsString()
  @MaxLength(2000)
  resolution: string;

  @ApiPropertyOptional({ example: true, description: 'Also release the ERP hold of the work order (default true)' })
  @IsOptional()
  @IsIn([true, false])
  releaseHold?: boolean;
}
