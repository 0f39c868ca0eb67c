import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsPositive, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ITEM_NUMBER_PATTERN, UNITS, Unit } from '../common';
import { FIELD_LIMITS, LIST_LIMITS } from '../field-limits';

export class BomLineDto {
  @ApiProperty({ example: 10, description: 'Find number (position) in the parent' })
  @IsInt()
  @Min(1)
  @Max(9999)
  findNumber: number;

  @ApiProperty({ example: 'SEAL-200', maxLength: FIELD_LIMITS.itemNumber })
  @IsString()
  @MaxLength(FIELD_LIMITS.itemNumber)
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

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', maxLength: FIELD_LIMITS.referenceDesignator },
    maxItems: LIST_LIMITS.referenceDesignators,
    example: ['S1', 'S2'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIST_LIMITS.referenceDesignators)
  @IsString({ each: true })
  @MaxLength(FIELD_LIMITS.referenceDesignator, { each: true })
  referenceDesignators?: string[];
}

/** A single-level bill of materials of one item revision, as engineering designed it. */
export class BomDto {
  @ApiProperty({ example: 'PUMP-100', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiProperty({ example: 'B', maxLength: FIELD_LIMITS.revision })
  revision: string;

  // PLM does not cap a BOM, but no more lines than this can reach ERP or a scheduler (LIST_LIMITS.bomLines).
  @ApiProperty({ type: [BomLineDto], maxItems: LIST_LIMITS.bomLines })
  @ValidateNested({ each: true })
  @Type(() => BomLineDto)
  lines: BomLineDto[];
}
