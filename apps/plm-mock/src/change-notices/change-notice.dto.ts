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
  ValidateNested,
} from 'class-validator';
import { OperationChangeInput } from '../process-plans/operation-change.dto';
import { DISPOSITIONS, EFFECTIVITY_TYPES, PRIORITIES, REVIEW_VOTES, UNITS } from '../native/windchill-enums';

const SERIAL_OR_LOT = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;
const REVIEW_ROLE = /^[a-z][a-z0-9-]{0,39}$/;

/** The lengths and counts this Windchill accepts on input (the patterns above bound some of them too). */
const LIMITS = {
  number: 40,
  version: 2,
  name: 200,
  description: 4000,
  /** Display is ignored on input; Windchill's display labels are a few words. */
  display: 100,
  serialOrLot: 40,
  reviewRole: 40,
  reviewer: 200,
  comments: 2000,
  /** ISO 8601 date-time, with fractions and an offset. */
  dateTime: 35,
  /** Up to 50 plant codes of up to 8 characters, comma-separated. */
  targetPlants: 50 * 8 + 49,
  affectedObjects: 100,
  bomChanges: 500,
  lotNumbers: 100,
  reviewRoles: 20,
} as const;

/*
 * The request bodies of the simulated Windchill, in its own (PascalCase, enum-object) dialect.
 * Windchill takes enumerated values as `{ "Value": "..." }` and ignores `Display` on input.
 */

export class DispositionInput {
  @ApiProperty({ enum: Object.keys(DISPOSITIONS), example: 'USE_UP' })
  @IsIn(Object.keys(DISPOSITIONS))
  Value: string;

  @ApiPropertyOptional({ example: 'Use Up', maxLength: LIMITS.display })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.display)
  Display?: string;
}

export class PriorityInput {
  @ApiProperty({ enum: Object.keys(PRIORITIES), example: 'HIGH' })
  @IsIn(Object.keys(PRIORITIES))
  Value: string;

  @ApiPropertyOptional({ example: 'High', maxLength: LIMITS.display })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.display)
  Display?: string;
}

export class UnitInput {
  @ApiProperty({ enum: Object.keys(UNITS), example: 'ea' })
  @IsIn(Object.keys(UNITS))
  Value: string;

  @ApiPropertyOptional({ example: 'each', maxLength: LIMITS.display })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.display)
  Display?: string;
}

export class EffectivityTypeInput {
  @ApiProperty({ enum: Object.keys(EFFECTIVITY_TYPES), example: 'SERIAL_NUMBER' })
  @IsIn(Object.keys(EFFECTIVITY_TYPES))
  Value: string;

  @ApiPropertyOptional({ example: 'Serial Number', maxLength: LIMITS.display })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.display)
  Display?: string;
}

export class VoteInput {
  @ApiProperty({ enum: Object.keys(REVIEW_VOTES), example: 'APPROVE' })
  @IsIn(Object.keys(REVIEW_VOTES))
  Value: string;

  @ApiPropertyOptional({ example: 'Approve', maxLength: LIMITS.display })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.display)
  Display?: string;
}

/** Serial-number effectivity: units Start..End (End null: open-ended). */
export class SerialNumberRangeInput {
  @ApiProperty({ example: 'SN-1000', maxLength: LIMITS.serialOrLot })
  @IsString()
  @MaxLength(LIMITS.serialOrLot)
  @Matches(SERIAL_OR_LOT)
  Start: string;

  @ApiPropertyOptional({ example: 'SN-1999', nullable: true, type: String, maxLength: LIMITS.serialOrLot })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.serialOrLot)
  @Matches(SERIAL_OR_LOT)
  End?: string | null;
}

export const BOM_CHANGE_ACTIONS = ['Add', 'Remove', 'Replace'] as const;
export type BomChangeAction = (typeof BOM_CHANGE_ACTIONS)[number];

/** A redline on the affected part's structure; applied when the notice is released. */
export class BomChangeInput {
  @ApiProperty({ enum: BOM_CHANGE_ACTIONS, example: 'Replace' })
  @IsIn(BOM_CHANGE_ACTIONS)
  Action: BomChangeAction;

  @ApiProperty({ example: 'SEAL-200', maxLength: LIMITS.number })
  @IsString()
  @MaxLength(LIMITS.number)
  ComponentNumber: string;

  @ApiPropertyOptional({
    example: 'SEAL-210',
    nullable: true,
    type: String,
    description: 'Replace: the part taking its place; null keeps the part (a quantity change)',
    maxLength: LIMITS.number,
  })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.number)
  ReplacementNumber?: string | null;

  @ApiPropertyOptional({ example: 2, nullable: true, type: Number })
  @IsOptional()
  @IsNumber()
  @IsPositive()
  Quantity?: number | null;

  @ApiPropertyOptional({ type: UnitInput, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => UnitInput)
  Unit?: UnitInput | null;
}

export class AffectedObjectInput {
  @ApiProperty({ example: 'PUMP-100', maxLength: LIMITS.number })
  @IsString()
  @MaxLength(LIMITS.number)
  Number: string;

  @ApiPropertyOptional({
    example: 'A',
    maxLength: LIMITS.version,
    nullable: true,
    type: String,
    description: 'The version revised; null or absent names a new part, whose In Work version ToVersion the notice releases',
  })
  @IsOptional()
  @MaxLength(LIMITS.version)
  @Matches(/^[A-Z]{1,2}$/)
  FromVersion?: string | null;

  @ApiProperty({ example: 'B', maxLength: LIMITS.version })
  @MaxLength(LIMITS.version)
  @Matches(/^[A-Z]{1,2}$/)
  ToVersion: string;

  @ApiPropertyOptional({ type: DispositionInput, nullable: true, description: 'Required when FromVersion is set' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DispositionInput)
  OnOrderDisposition?: DispositionInput | null;

  @ApiPropertyOptional({ type: DispositionInput, nullable: true, description: 'Required when FromVersion is set' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DispositionInput)
  WIPDisposition?: DispositionInput | null;

  @ApiPropertyOptional({ type: DispositionInput, nullable: true, description: 'Required when FromVersion is set' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DispositionInput)
  FinishedDisposition?: DispositionInput | null;

  @ApiPropertyOptional({ type: [BomChangeInput], maxItems: LIMITS.bomChanges, description: 'Default none; a new part takes none' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.bomChanges)
  @ValidateNested({ each: true })
  @Type(() => BomChangeInput)
  BOMChanges?: BomChangeInput[];

  @ApiPropertyOptional({ type: [OperationChangeInput], maxItems: LIMITS.bomChanges, description: "Redlines on the part's process plan; default none; a new part takes none" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.bomChanges)
  @ValidateNested({ each: true })
  @Type(() => OperationChangeInput)
  OperationChanges?: OperationChangeInput[];
}

export class CreateChangeNoticeInput {
  @ApiProperty({ example: 'Replace obsolete shaft seal', maxLength: LIMITS.name })
  @IsString()
  @MaxLength(LIMITS.name)
  Name: string;

  @ApiPropertyOptional({ example: 'Supplier discontinued SEAL-200.', nullable: true, type: String, maxLength: LIMITS.description })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.description)
  Description?: string | null;

  @ApiPropertyOptional({ type: PriorityInput })
  @IsOptional()
  @ValidateNested()
  @Type(() => PriorityInput)
  Priority?: PriorityInput;

  @ApiProperty({ example: '2026-12-01T00:00:00Z', description: 'Need date: the effectivity start of the change', maxLength: LIMITS.dateTime })
  @MaxLength(LIMITS.dateTime)
  @IsISO8601({ strict: true })
  NeedDate: string;

  @ApiPropertyOptional({ type: EffectivityTypeInput, description: 'Default DATE: effective from NeedDate' })
  @IsOptional()
  @ValidateNested()
  @Type(() => EffectivityTypeInput)
  EffectivityType?: EffectivityTypeInput;

  @ApiPropertyOptional({ type: SerialNumberRangeInput, nullable: true, description: 'Required with EffectivityType SERIAL_NUMBER' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SerialNumberRangeInput)
  SerialNumberRange?: SerialNumberRangeInput | null;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', maxLength: LIMITS.serialOrLot },
    maxItems: LIMITS.lotNumbers,
    nullable: true,
    example: ['LOT-2026-48'],
    description: 'Required, non-empty, with EffectivityType LOT_NUMBER',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.lotNumbers)
  @ArrayUnique()
  @MaxLength(LIMITS.serialOrLot, { each: true })
  @Matches(SERIAL_OR_LOT, { each: true })
  LotNumbers?: string[] | null;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', maxLength: LIMITS.reviewRole },
    maxItems: LIMITS.reviewRoles,
    example: ['engineering', 'quality'],
    description: 'Roles whose review vote the notice needs',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.reviewRoles)
  @ArrayUnique()
  @MaxLength(LIMITS.reviewRole, { each: true })
  @Matches(REVIEW_ROLE, { each: true })
  ReviewRoles?: string[];

  @ApiProperty({ example: 'P1,P2,P3', description: 'Custom soft attribute: comma-separated plant codes', maxLength: LIMITS.targetPlants })
  @MaxLength(LIMITS.targetPlants)
  @Matches(/^[A-Z0-9]{2,8}(,[A-Z0-9]{2,8}){0,49}$/)
  TargetPlants: string;

  @ApiProperty({ type: [AffectedObjectInput], maxItems: LIMITS.affectedObjects })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.affectedObjects)
  @ValidateNested({ each: true })
  @Type(() => AffectedObjectInput)
  AffectedObjects: AffectedObjectInput[];
}

/** The body of the bound action PTC.ChangeMgmt.RecordReview: one role's vote on the notice. */
export class RecordReviewInput {
  @ApiProperty({ example: 'quality', description: 'One of the notice\'s ReviewRoles', maxLength: LIMITS.reviewRole })
  @IsString()
  @MaxLength(LIMITS.reviewRole)
  @Matches(REVIEW_ROLE)
  Role: string;

  @ApiProperty({ example: 'jdoe', description: 'Who voted (the reviewer\'s user name)', maxLength: LIMITS.reviewer })
  @IsString()
  @MaxLength(LIMITS.reviewer)
  Reviewer: string;

  @ApiProperty({ type: VoteInput })
  @ValidateNested()
  @Type(() => VoteInput)
  Vote: VoteInput;

  @ApiPropertyOptional({ example: 'FKM seal qualified.', nullable: true, type: String, maxLength: LIMITS.comments })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.comments)
  Comments?: string | null;
}
