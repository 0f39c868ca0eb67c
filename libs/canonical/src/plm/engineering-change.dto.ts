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

export class EffectivityDto {
  @ApiProperty({ enum: ['date'], example: 'date' })
  @IsIn(['date'])
  type: 'date';

  @ApiProperty({ example: '2026-12-01T00:00:00.000Z' })
  @IsISO8601({ strict: true })
  startDate: string;
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
}
