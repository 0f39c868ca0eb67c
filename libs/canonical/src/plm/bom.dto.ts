import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsPositive, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ITEM_NUMBER_PATTERN, UNITS, Unit } from '../common';

export class BomLineDto {
  @ApiProperty({ example: 10, description: 'Find number (position) in the parent' })
  @IsInt()
  @Min(1)
  @Max(9999)
  findNumber: number;

  @ApiProperty({ example: 'SEAL-200' })
  @IsString()
  @Matches(ITEM_NUMBER_PATTERN)
  componentNumber: string;

  @ApiProperty({ example: 2 })
  @Type(() => Number)
  @IsNumber()
  @IsPositive()
  quantity: number;

  @ApiProperty({ enum: UNITS, example: 'EA' })
  @IsIn(UNITS)
  unit: Unit;

  @ApiPropertyOptional({ type: [String], example: ['S1', 'S2'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  referenceDesignators?: string[];
}

/** A single-level bill of materials of one item revision, as engineering designed it. */
export class BomDto {
  @ApiProperty({ example: 'PUMP-100' })
  itemNumber: string;

  @ApiProperty({ example: 'B' })
  revision: string;

  @ApiProperty({ type: [BomLineDto] })
  @ValidateNested({ each: true })
  @Type(() => BomLineDto)
  lines: BomLineDto[];
}
