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
import { FIELD_LIMITS, LIST_LIMITS } from '../field-limits';
import { OperationChangeDto, ROUTING_OPERATIONS_MAX } from './routing.dto';

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

  @ApiProperty({ example: 'SEAL-200', description: 'Component added, removed, or replaced', maxLength: FIELD_LIMITS.itemNumber })
  @IsString()
  @MaxLength(FIELD_LIMITS.itemNumber)
  @Matches(ITEM_NUMBER_PATTERN)
  componentNumber: string;

  @ApiPropertyOptional({ example: 'SEAL-210', description: 'For replace: the component that takes its place', maxLength: FIELD_LIMITS.itemNumber })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_LIMITS.itemNumber)
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
  @ApiProperty({ example: 'PUMP-100', maxLength: FIELD_LIMITS.itemNumber })
  @IsString()
  @MaxLength(FIELD_LIMITS.itemNumber)
  @Matches(ITEM_NUMBER_PATTERN)
  itemNumber: string;

  @ApiProperty({ example: 'A', maxLength: FIELD_LIMITS.revision })
  @IsString()
  @MaxLength(FIELD_LIMITS.revision)
  @Matches(REVISION_PATTERN)
  fromRevision: string;

  @ApiProperty({ example: 'B', maxLength: FIELD_LIMITS.revision })
  @IsString()
  @MaxLength(FIELD_LIMITS.revision)
  @Matches(REVISION_PATTERN)
  toRevision: string;

  @ApiProperty({ enum: DISPOSITIONS, example: 'use-up', description: 'What happens to stock and WIP of what the change removes' })
  @IsIn(DISPOSITIONS)
  disposition: Disposition;

  @ApiProperty({ type: [BomChangeDto], maxItems: LIST_LIMITS.bomChanges })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIST_LIMITS.bomChanges)
  @ValidateNested({ each: true })
  @Type(() => BomChangeDto)
  bomChanges: BomChangeDto[];

  // Routing changes ride beside the BOM changes; absent or empty: the new revision keeps the routing.
  @ApiPropertyOptional({ type: [OperationChangeDto], maxItems: ROUTING_OPERATIONS_MAX, description: "Changes to the item's routing (operations, work centres, standard times)" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ROUTING_OPERATIONS_MAX)
  @ValidateNested({ each: true })
  @Type(() => OperationChangeDto)
  operationChanges?: OperationChangeDto[];
}

/** A new item whose first revision the change releases (created in PLM before, still in work). */
export class NewItemDto {
  @ApiProperty({ example: 'SEAL-250', maxLength: FIELD_LIMITS.itemNumber })
  @IsString()
  @MaxLength(FIELD_LIMITS.itemNumber)
  @Matches(ITEM_NUMBER_PATTERN)
  itemNumber: string;

  @ApiProperty({ example: 'A', maxLength: FIELD_LIMITS.revision, description: 'The first revision, as POST /v1/items created it' })
  @IsString()
  @MaxLength(FIELD_LIMITS.revision)
  @Matches(REVISION_PATTERN)
  revision: string;
}

export const EFFECTIVITY_TYPES = ['date', 'serial', 'lot'] as const;
export type EffectivityType = (typeof EFFECTIVITY_TYPES)[number];
export const APPROVAL_DECISIONS = ['approved', 'rejected'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];
/** A serial or lot number as plants stamp them: letters, digits, dot, dash, underscore, slash. */
export const SERIAL_OR_LOT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;
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

  @ApiProperty({ example: '2026-12-01T00:00:00.000Z', description: 'The date from which the change may apply, for every type', maxLength: FIELD_LIMITS.isoDateTime })
  @MaxLength(FIELD_LIMITS.isoDateTime)
  @IsISO8601({ strict: true })
  startDate: string;

  @ApiPropertyOptional({ example: 'SN-1000', description: 'First serial number the change applies to; required when type is serial', maxLength: FIELD_LIMITS.serialOrLot })
  @ValidateIf((e: EffectivityDto) => e.type === 'serial' || e.serialFrom !== undefined)
  @IsString()
  @MaxLength(FIELD_LIMITS.serialOrLot)
  @Matches(SERIAL_OR_LOT_PATTERN)
  serialFrom?: string;

  @ApiPropertyOptional({ example: 'SN-1999', description: 'Last serial number (inclusive); absent: open-ended', maxLength: FIELD_LIMITS.serialOrLot })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_LIMITS.serialOrLot)
  @Matches(SERIAL_OR_LOT_PATTERN)
  serialTo?: string;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', maxLength: FIELD_LIMITS.serialOrLot },
    maxItems: LIST_LIMITS.lots,
    example: ['LOT-2026-48', 'LOT-2026-49'],
    description: 'The lots the change applies to; required, non-empty, when type is lot',
  })
  @ValidateIf((e: EffectivityDto) => e.type === 'lot' || e.lots !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIST_LIMITS.lots)
  @ArrayUnique()
  @MaxLength(FIELD_LIMITS.serialOrLot, { each: true })
  @Matches(SERIAL_OR_LOT_PATTERN, { each: true })
  lots?: string[];
}

/** One approver role's decision on a change, as PLM records it. */
export class ChangeApprovalDto {
  @ApiProperty({ example: 'quality', maxLength: FIELD_LIMITS.approverRole })
  role: string;

  @ApiProperty({ example: 'demo-approver', description: "Subject of the approver's token", maxLength: FIELD_LIMITS.principal })
  approver: string;

  @ApiProperty({ enum: APPROVAL_DECISIONS, example: 'approved' })
  decision: ApprovalDecision;

  @ApiProperty({ example: 'FKM seal qualified by quality.', nullable: true, type: String, maxLength: FIELD_LIMITS.text })
  comment: string | null;

  @ApiProperty({ example: '2026-11-20T08:30:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  decidedAt: string;
}

/** The body of recording an approver role's decision on a change. */
export class RecordChangeApprovalDto {
  @ApiProperty({ example: 'quality', description: 'One of the change\'s requiredApprovals', maxLength: FIELD_LIMITS.approverRole })
  @IsString()
  @MaxLength(FIELD_LIMITS.approverRole)
  @Matches(APPROVER_ROLE_PATTERN)
  role: string;

  @ApiProperty({ enum: APPROVAL_DECISIONS, example: 'approved' })
  @IsIn(APPROVAL_DECISIONS)
  decision: ApprovalDecision;

  @ApiPropertyOptional({ example: 'FKM seal qualified by quality.', maxLength: FIELD_LIMITS.text })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_LIMITS.text)
  comment?: string;
}

export class CreateEngineeringChangeDto {
  @ApiProperty({ example: 'Replace obsolete shaft seal', maxLength: FIELD_LIMITS.name })
  @IsString()
  @MaxLength(FIELD_LIMITS.name)
  title: string;

  @ApiPropertyOptional({ example: 'Supplier discontinued SEAL-200; SEAL-210 is form-fit-function compatible.', maxLength: FIELD_LIMITS.changeDescription })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_LIMITS.changeDescription)
  description?: string;

  @ApiPropertyOptional({ enum: CHANGE_PRIORITIES, example: 'high' })
  @IsOptional()
  @IsIn(CHANGE_PRIORITIES)
  priority?: ChangePriority;

  @ApiProperty({ type: 'array', items: { type: 'string', maxLength: FIELD_LIMITS.plantCode }, maxItems: LIST_LIMITS.targetPlants, example: ['P1', 'P2', 'P3'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIST_LIMITS.targetPlants)
  @ArrayUnique()
  @MaxLength(FIELD_LIMITS.plantCode, { each: true })
  @Matches(PLANT_CODE_PATTERN, { each: true })
  targetPlants: string[];

  @ApiProperty({ type: EffectivityDto })
  @ValidateNested()
  @Type(() => EffectivityDto)
  effectivity: EffectivityDto;

  @ApiProperty({ type: [AffectedItemDto], maxItems: LIST_LIMITS.affectedItems })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIST_LIMITS.affectedItems)
  @ValidateNested({ each: true })
  @Type(() => AffectedItemDto)
  affectedItems: AffectedItemDto[];

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', maxLength: FIELD_LIMITS.approverRole },
    maxItems: LIST_LIMITS.requiredApprovals,
    example: ['engineering', 'quality'],
    description: 'Approver roles that must approve before release; default none',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIST_LIMITS.requiredApprovals)
  @ArrayUnique()
  @MaxLength(FIELD_LIMITS.approverRole, { each: true })
  @Matches(APPROVER_ROLE_PATTERN, { each: true })
  requiredApprovals?: string[];

  @ApiPropertyOptional({
    type: [NewItemDto],
    maxItems: LIST_LIMITS.affectedItems,
    description: 'New items (created with POST /v1/items) whose first revision the change releases; default none',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIST_LIMITS.affectedItems)
  @ArrayUnique((n: NewItemDto) => n?.itemNumber)
  @ValidateNested({ each: true })
  @Type(() => NewItemDto)
  newItems?: NewItemDto[];
}

/** An engineering change order (ECO / change notice) as PLM holds it. */
export class EngineeringChangeDto {
  @ApiProperty({ example: 'ECN-000042', maxLength: FIELD_LIMITS.changeNumber })
  number: string;

  @ApiProperty({ example: 'Replace obsolete shaft seal', maxLength: FIELD_LIMITS.name })
  title: string;

  @ApiProperty({ example: 'Supplier discontinued SEAL-200.', nullable: true, type: String, maxLength: FIELD_LIMITS.changeDescription })
  description: string | null;

  @ApiProperty({ enum: CHANGE_STATES, example: 'RELEASED' })
  state: ChangeState;

  @ApiProperty({ enum: CHANGE_PRIORITIES, example: 'normal' })
  priority: ChangePriority;

  @ApiProperty({ type: 'array', items: { type: 'string', maxLength: FIELD_LIMITS.plantCode }, maxItems: LIST_LIMITS.targetPlants, example: ['P1', 'P2', 'P3'] })
  targetPlants: string[];

  @ApiProperty({ type: EffectivityDto })
  effectivity: EffectivityDto;

  @ApiProperty({ type: [AffectedItemDto], maxItems: LIST_LIMITS.affectedItems })
  affectedItems: AffectedItemDto[];

  @ApiProperty({ example: '2026-11-20T08:00:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  createdAt: string;

  @ApiPropertyOptional({ example: '2026-11-20T09:00:00.000Z', nullable: true, type: String, maxLength: FIELD_LIMITS.isoDateTime })
  releasedAt: string | null;

  /*
   * Optional in the type only because changes recorded before approvals existed (in events and
   * release rows) lack them; plm-system-api always sends both. Readers default them to [].
   */
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', maxLength: FIELD_LIMITS.approverRole },
    maxItems: LIST_LIMITS.requiredApprovals,
    example: ['engineering', 'quality'],
    description: 'Approver roles that must approve; always present from plm-system-api',
  })
  requiredApprovals?: string[];

  // PLM takes one decision per required role, so there are never more than requiredApprovals.
  @ApiPropertyOptional({
    type: [ChangeApprovalDto],
    maxItems: LIST_LIMITS.requiredApprovals,
    description: 'Decisions recorded so far, one per role; always present from plm-system-api',
  })
  approvals?: ChangeApprovalDto[];

  // Optional in the type for the same reason: changes recorded before new items existed lack it.
  @ApiPropertyOptional({
    type: [NewItemDto],
    maxItems: LIST_LIMITS.affectedItems,
    description: 'New items whose first revision the change releases; always present from plm-system-api',
  })
  newItems?: NewItemDto[];
}
