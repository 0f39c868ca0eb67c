import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsPositive, IsString, Matches, MaxLength } from 'class-validator';

/** Canonical objects are versioned with the API; a breaking change makes a v2. */
export const CANONICAL_VERSION = 'v1';

export const PLANT_CODE_PATTERN = /^[A-Z0-9]{2,8}$/;
export const ITEM_NUMBER_PATTERN = /^[A-Z0-9][A-Z0-9._-]{0,39}$/;
export const REVISION_PATTERN = /^[A-Z]{1,2}$/;

/** Units of measure (UN/CEFACT rec. 20 codes where one exists). */
export const UNITS = ['EA', 'KG', 'G', 'M', 'MM', 'L', 'M2', 'SET'] as const;
export type Unit = (typeof UNITS)[number];

export class QuantityDto {
  @ApiProperty({ example: 2 })
  @Type(() => Number)
  @IsNumber()
  @IsPositive()
  value: number;

  @ApiProperty({ enum: UNITS, example: 'EA' })
  @IsIn(UNITS)
  unit: Unit;
}

export class PlantCodeParam {
  @ApiProperty({ example: 'P1' })
  @IsString()
  @MaxLength(8)
  @Matches(PLANT_CODE_PATTERN)
  plant: string;
}
