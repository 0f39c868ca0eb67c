import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsNumber, IsOptional, IsPositive, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { UnitInput } from '../change-notices/change-notice.dto';
import { SOURCES } from '../native/windchill-enums';

/** Part numbers as this Windchill's numbering scheme accepts them. */
export const PART_NUMBER = /^[A-Z0-9][A-Z0-9._/-]{0,39}$/;

export class SourceInput {
  @ApiProperty({ enum: Object.keys(SOURCES), example: 'buy' })
  @IsIn(Object.keys(SOURCES))
  Value: string;

  @ApiPropertyOptional({ example: 'Buy', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  Display?: string;
}

export class UsedPartInput {
  @ApiProperty({ example: 'SEAL-210', maxLength: 40 })
  @IsString()
  @Matches(PART_NUMBER)
  Number: string;
}

/** A usage link created with the part (OData deep insert on the Uses navigation). */
export class PartUseInput {
  @ApiProperty({ example: '10', maxLength: 6, description: 'Find number: a positive integer, unique within the part' })
  @IsString()
  @Matches(/^[1-9][0-9]{0,5}$/)
  FindNumber: string;

  @ApiProperty({ example: 1 })
  @IsNumber()
  @IsPositive()
  Quantity: number;

  @ApiPropertyOptional({ type: UnitInput, description: 'Default: the used part\'s unit' })
  @IsOptional()
  @ValidateNested()
  @Type(() => UnitInput)
  Unit?: UnitInput;

  @ApiPropertyOptional({ example: 'S1,S2', nullable: true, type: String, maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  ReferenceDesignatorRange?: string | null;

  @ApiProperty({ type: UsedPartInput })
  @IsDefined()
  @ValidateNested()
  @Type(() => UsedPartInput)
  Uses: UsedPartInput;
}

/**
 * The body of POST ProdMgmt/Parts: a new part master with its first version (A.1, In Work), as
 * Windchill creates it. Make parts may bring their first structure inline (Uses).
 */
export class CreatePartInput {
  @ApiProperty({ example: 'SEAL-250', maxLength: 40 })
  @IsString()
  @Matches(PART_NUMBER)
  Number: string;

  @ApiProperty({ example: 'Shaft seal, HNBR', maxLength: 200 })
  @IsString()
  @MaxLength(200)
  @Matches(/\S/)
  Name: string;

  @ApiProperty({ type: UnitInput })
  @IsDefined()
  @ValidateNested()
  @Type(() => UnitInput)
  DefaultUnit: UnitInput;

  @ApiProperty({ type: SourceInput })
  @IsDefined()
  @ValidateNested()
  @Type(() => SourceInput)
  Source: SourceInput;

  @ApiPropertyOptional({ type: [PartUseInput], maxItems: 500, description: 'Make parts only: the first version\'s usage links' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => PartUseInput)
  Uses?: PartUseInput[];
}
