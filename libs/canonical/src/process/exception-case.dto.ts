import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { FIELD_LIMITS } from '../field-limits';
import { EXCEPTION_KINDS, EXCEPTION_SEVERITIES, ExceptionKind, ExceptionSeverity } from '../scheduling/schedule-exception.dto';

export const EXCEPTION_CASE_STATES = ['OPEN', 'RESOLVED'] as const;
export type ExceptionCaseState = (typeof EXCEPTION_CASE_STATES)[number];
export const EXCEPTION_OWNERS = ['engineering', 'production', 'procurement'] as const;
export type ExceptionOwner = (typeof EXCEPTION_OWNERS)[number];

/**
 * What a case's history records. Each is recorded at most once per case (process-api's writers see
 * to it: a redelivered job finds its entry there already), so a history has at most this many entries.
 */
export const EXCEPTION_CASE_EVENTS = [
  'OPENED',
  'ERP_HOLD_PLACED',
  'ERP_HOLD_REFUSED',
  'RESOLVED',
  'ERP_HOLD_RELEASED',
  'ERP_HOLD_RELEASE_REFUSED',
  // Engineering feedback: the case posted to PLM as a problem report on the change, or PLM's refusal.
  'PLM_PROBLEM_REPORTED',
  'PLM_PROBLEM_REPORT_REFUSED',
] as const;
export type ExceptionCaseEvent = (typeof EXCEPTION_CASE_EVENTS)[number];

export class ExceptionCaseEventDto {
  @ApiProperty({ example: 'ERP_HOLD_PLACED', maxLength: FIELD_LIMITS.shortCode })
  what: string;

  @ApiProperty({ example: 'system:process-api', maxLength: FIELD_LIMITS.actor })
  actor: string;

  @ApiPropertyOptional({ example: 'work order 1000008 put on hold', nullable: true, type: String, maxLength: FIELD_LIMITS.message })
  note: string | null;

  @ApiProperty({ example: '2026-11-26T09:12:03.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  at: string;
}

/** A problem from the shop floor, followed until someone resolves it. */
export class ExceptionCaseDto {
  @ApiProperty({ example: '6f1c2a8e-6d7b-4e0a-9c55-0b1d7c3f1a20', maxLength: FIELD_LIMITS.uuid })
  id: string;

  @ApiProperty({ example: 'P2', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ enum: EXCEPTION_KINDS, example: 'quality-hold' })
  kind: ExceptionKind;

  @ApiProperty({ enum: EXCEPTION_SEVERITIES, example: 'high' })
  severity: ExceptionSeverity;

  @ApiProperty({ enum: EXCEPTION_CASE_STATES, example: 'OPEN' })
  state: ExceptionCaseState;

  @ApiProperty({ enum: EXCEPTION_OWNERS, example: 'engineering', description: 'Whose queue the case is in' })
  owner: ExceptionOwner;

  @ApiProperty({ example: '1000008', maxLength: FIELD_LIMITS.identifier })
  jobId: string;

  @ApiPropertyOptional({ example: '1000008', nullable: true, type: String, description: 'The ERP work order', maxLength: FIELD_LIMITS.workOrderNumber })
  workOrderNumber: string | null;

  @ApiProperty({ example: 'PUMP-100', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiPropertyOptional({
    example: 'ECN-000042',
    nullable: true,
    type: String,
    description: 'The engineering change in force for this item and plant, if any',
    maxLength: FIELD_LIMITS.changeNumber,
  })
  changeNumber: string | null;

  @ApiPropertyOptional({ example: '2b1c9a9e-8f0c-4a57-9f69-2f8e0e4f7d11', nullable: true, type: String, maxLength: FIELD_LIMITS.uuid })
  releaseId: string | null;

  @ApiProperty({ example: 'Leak test failed on 3 of 25 units; lot blocked', maxLength: FIELD_LIMITS.text })
  detail: string;

  @ApiPropertyOptional({ example: 'QUALITY_HOLD', nullable: true, type: String, description: 'What was done in ERP: the work order put on hold', maxLength: FIELD_LIMITS.shortCode })
  erpHold: string | null;

  @ApiPropertyOptional({
    example: 'PR-000123',
    nullable: true,
    type: String,
    description: 'The problem report in PLM that engineering got for this case (a quality hold on the new revision of a recently released change), linked to that change',
    maxLength: FIELD_LIMITS.identifier,
  })
  plmProblemReportNumber?: string | null;

  @ApiPropertyOptional({ example: null, nullable: true, type: String, maxLength: FIELD_LIMITS.text })
  resolution: string | null;

  @ApiPropertyOptional({ example: null, nullable: true, type: String, maxLength: FIELD_LIMITS.principal })
  resolvedBy: string | null;

  @ApiProperty({ example: '2026-11-26T09:12:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  raisedAt: string;

  @ApiProperty({ example: '2026-11-26T09:12:01.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  openedAt: string;

  // One entry per kind at most (EXCEPTION_CASE_EVENTS): a refusal met again by a redelivered job is not recorded twice.
  @ApiProperty({
    type: [ExceptionCaseEventDto],
    maxItems: EXCEPTION_CASE_EVENTS.length,
    description: `Oldest first; each of ${EXCEPTION_CASE_EVENTS.join(', ')} at most once`,
  })
  history: ExceptionCaseEventDto[];
}

export class ResolveExceptionCaseDto {
  @ApiProperty({ example: 'Lot reworked and re-tested; hold released', maxLength: FIELD_LIMITS.text })
  @IsString()
  @MaxLength(FIELD_LIMITS.text)
  resolution: string;

  @ApiPropertyOptional({ example: true, description: 'Also release the ERP hold of the work order (default true)' })
  @IsOptional()
  @IsIn([true, false])
  releaseHold?: boolean;
}
