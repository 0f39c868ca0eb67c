import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  MaxLength,
  Validate,
  ValidateIf,
  ValidateNested,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { ITEM_NUMBER_PATTERN, PLANT_CODE_PATTERN, REVISION_PATTERN, UNITS, Unit } from '../common';

export const CHANGE_STATES = ['OPEN', 'UNDER_REVIEW', 'RELEASED', 'CANCELLED'] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];
export const DISPOSITIONS = ['use-up', 'rework', 'scrap', 'return-to-supplier', 'use-as-is'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
export const CHANGE_PRIORITIES = ['low', 'normal', 'high', 'critical'] as const;
export type ChangePriority = (typeof CHANGE_PRIORITIES)[number];
export const BOM_CHANGE_ACTIONS = ['add', 'remove', 'replace'] as const;
export type BomChangeAction = (typeof BOM_CHANGE_ACTIONS)[number];

export class BomChangeDto {
  @ApiProperty({ enum: BOM_CHANGE_ACTIONS, example: 'replace' })
  @IsIn(BOM_CHANGE_ACTIONS)
  action: BomChangeAction;

  @ApiProperty({ example: 'SEAL-200', description: 'Component added, removed, or replaced' })
  @IsString()
  @Matches(ITEM_NUMBER_PATTERN)
  componentNumber: string;

  @ApiPropertyOptional({ example: 'SEAL-210', description: 'For replace: the component that takes its place' })
  @IsOptional()
  @IsString()
  @Matches(ITEM_NUMBER_PATTERN)
  replacementNumber?: string;

  @ApiPropertyOptional({ example: 2, description: 'For add, or to change the quantity on replace' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @IsPositive()
  quantity?: number;

  @ApiPropertyOptional({ enum: UNITS, example: 'EA' })
  @IsOptional()
  @IsIn(UNITS)
  unit?: Unit;
}

export class AffectedItemDto {
  @ApiProperty({ example: 'PUMP-100' })
  @IsString()
  @Matches(ITEM_NUMBER_PATTERN)
  itemNumber: string;

  @ApiProperty({ example: 'A' })
  @IsString()
  @Matches(REVISION_PATTERN)
  fromRevision: string;

  @ApiProperty({ example: 'B' })
  @IsString()
  @Matches(REVISION_PATTERN)
  toRevision: string;

  @ApiProperty({ enum: DISPOSITIONS, example: 'use-up', description: 'What happens to stock and WIP of what the change removes' })
  @IsIn(DISPOSITIONS)
  disposition: Disposition;

  @ApiProperty({ type: [BomChangeDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => BomChangeDto)
  bomChanges: BomChangeDto[];
}

export const EFFECTIVITY_TYPES = ['date', 'serial', 'lot'] as const;
export type EffectivityType = (typeof EFFECTIVITY_TYPES)[number];
export const APPROVAL_DECISIONS = ['approved', 'rejected'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];
/** A serial or lot number as plants stamp them: letters, digits, dot, dash, underscore, slash. */
export const SERIAL_OR_LOT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\/-]{0,39}$/;
/** An approver role named on a change: lower-case words joined by dashes ('engineering', 'quality', 'supply-chain'). */
export const APPROVER_ROLE_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;

/** Serial bounds belong to serial effectivity only, lots to lot effectivity only. */
@ValidatorConstraint({ name: 'effectivityFieldsMatchType' })
class EffectivityFieldsMatchType implements ValidatorConstraintInterface {
  validate(type: unknown, args: ValidationArguments): boolean {
    const e = args.object as EffectivityDto;
    const serial = e.serialFrom !== undefined || e.serialTo !== undefined;
    return (type === 'serial' || !serial) && (type === 'lot' || e.lots === undefined);
  }

  defaultMessage(): string {
    return 'serialFrom/serialTo are allowed only when type is serial, lots only when type is lot';
  }
}

/**
 * When a change applies. `date`: from startDate on. `serial`: to units serialFrom..serialTo
 * (open-ended without serialTo) built from startDate on. `lot`: to the named lots, from startDate on.
 */
export class EffectivityDto {
  @ApiProperty({ enum: EFFECTIVITY_TYPES, example: 'date' })
  @IsIn(EFFECTIVITY_TYPES)
  @Validate(EffectivityFieldsMatchType)
  type: EffectivityType;

  @ApiProperty({ example: '2026-12-01T00:00:00.000Z', description: 'The date from which the change may apply, for every type' })
  @IsISO8601({ strict: true })
  startDate: string;

  @ApiPropertyOptional({ example: 'SN-1000', description: 'First serial number the change applies to; required when type is serial' })
  @ValidateIf((e: EffectivityDto) => e.type === 'serial' || e.serialFrom !== undefined)
  @IsString()
  @Matches(SERIAL_OR_LOT_PATTERN)
  serialFrom?: string;

  @ApiPropertyOptional({ example: 'SN-1999', description: 'Last serial number (inclusive); absent: open-ended' })
  @IsOptional()
  @IsString()
  @Matches(SERIAL_OR_LOT_PATTERN)
  serialTo?: string;

  @ApiPropertyOptional({ type: [String], example: ['LOT-2026-48', 'LOT-2026-49'], description: 'The lots the change applies to; required, non-empty, when type is lot' })
  @ValidateIf((e: EffectivityDto) => e.type === 'lot' || e.lots !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @Matches(SERIAL_OR_LOT_PATTERN, { each: true })
  lots?: string[];
}

/** One approver role's decision on a change, as PLM records it. */
export class ChangeApprovalDto {
  @ApiProperty({ example: 'quality' })
  role: string;

  @ApiProperty({ example: 'demo-approver', description: "Subject of the approver's token" })
  approver: string;

  @ApiProperty({ enum: APPROVAL_DECISIONS, example: 'approved' })
  decision: ApprovalDecision;

  @ApiProperty({ example: 'FKM seal qualified by quality.', nullable: true, type: String })
  comment: string | null;

  @ApiProperty({ example: '2026-11-20T08:30:00.000Z' })
  decidedAt: string;
}

/** The body of recording an approver role's decision on a change. */
export class RecordChangeApprovalDto {
  @ApiProperty({ example: 'quality', description: 'One of the change\'s requiredApprovals' })
  @IsString()
  @Matches(APPROVER_ROLE_PATTERN)
  role: string;

  @ApiProperty({ enum: APPROVAL_DECISIONS, example: 'approved' })
  @IsIn(APPROVAL_DECISIONS)
  decision: ApprovalDecision;

  @ApiPropertyOptional({ example: 'FKM seal qualified by quality.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class CreateEngineeringChangeDto {
  @ApiProperty({ example: 'Replace obsolete shaft seal' })
  @IsString()
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ example: 'Supplier discontinued SEAL-200; SEAL-210 is form-fit-function compatible.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @ApiPropertyOptional({ enum: CHANGE_PRIORITIES, example: 'high' })
  @IsOptional()
  @IsIn(CHANGE_PRIORITIES)
  priority?: ChangePriority;

  @ApiProperty({ type: [String], example: ['P1', 'P2', 'P3'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(PLANT_CODE_PATTERN, { each: true })
  targetPlants: string[];

  @ApiProperty({ type: EffectivityDto })
  @ValidateNested()
  @Type(() => EffectivityDto)
  effectivity: EffectivityDto;

  @ApiProperty({ type: [AffectedItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AffectedItemDto)
  affectedItems: AffectedItemDto[];

  @ApiPropertyOptional({ type: [String], example: ['engineering', 'quality'], description: 'Approver roles that must approve before release; default none' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(APPROVER_ROLE_PATTERN, { each: true })
  requiredApprovals?: string[];
}

/** An engineering change order (ECO / change notice) as PLM holds it. */
export class EngineeringChangeDto {
  @ApiProperty({ example: 'ECN-000042' })
  number: string;

  @ApiProperty({ example: 'Replace obsolete shaft seal' })
  title: string;

  @ApiProperty({ example: 'Supplier discontinued SEAL-200.', nullable: true, type: String })
  description: string | null;

  @ApiProperty({ enum: CHANGE_STATES, example: 'RELEASED' })
  state: ChangeState;

  @ApiProperty({ enum: CHANGE_PRIORITIES, example: 'normal' })
  priority: ChangePriority;

  @ApiProperty({ type: [String], example: ['P1', 'P2', 'P3'] })
  targetPlants: string[];

  @ApiProperty({ type: EffectivityDto })
  effectivity: EffectivityDto;

  @ApiProperty({ type: [AffectedItemDto] })
  affectedItems: AffectedItemDto[];

  @ApiProperty({ example: '2026-11-20T08:00:00.000Z' })
  createdAt: string;

  @ApiPropertyOptional({ example: '2026-11-20T09:00:00.000Z', nullable: true, type: String })
  releasedAt: string | null;

  /*
   * Optional in the type only because changes recorded before approvals existed (in events and
   * release rows) lack them; plm-system-api always sends both. Readers default them to [].
   */
  @ApiPropertyOptional({ type: [String], example: ['engineering', 'quality'], description: 'Approver roles that must approve; always present from plm-system-api' })
  requiredApprovals?: string[];

  @ApiPropertyOptional({ type: [ChangeApprovalDto], description: 'Decisions recorded so far, one per role; always present from plm-system-api' })
  approvals?: ChangeApprovalDto[];
}
