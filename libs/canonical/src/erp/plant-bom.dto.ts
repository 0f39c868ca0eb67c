import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsISO8601, IsString, Matches, ValidateNested } from 'class-validator';
import { ITEM_NUMBER_PATTERN, REVISION_PATTERN } from '../common';
import { BomLineDto } from '../plm/bom.dto';

/** A plant's bill of materials as ERP applies it: one revision with its validity window. */
export class PlantBomDto {
  @ApiProperty({ example: 'P1' })
  plant: string;

  @ApiProperty({ example: 'PUMP-100' })
  itemNumber: string;

  @ApiProperty({ example: 'B' })
  revision: string;

  @ApiProperty({ example: '2026-12-01T00:00:00.000Z' })
  validFrom: string;

  @ApiPropertyOptional({ example: null, nullable: true, type: String, description: 'End of validity; open when null' })
  validTo: string | null;

  @ApiPropertyOptional({ example: 'ECN-000042', nullable: true, type: String })
  changeNumber: string | null;

  @ApiProperty({ type: [BomLineDto] })
  lines: BomLineDto[];
}

export class ApplyPlantBomDto {
  @ApiProperty({ example: 'PUMP-100' })
  @IsString()
  @Matches(ITEM_NUMBER_PATTERN)
  itemNumber: string;

  @ApiProperty({ example: 'B' })
  @IsString()
  @Matches(REVISION_PATTERN)
  revision: string;

  @ApiProperty({ example: 'ECN-000042', description: 'The change being applied; applying the same change twice changes nothing' })
  @IsString()
  @Matches(/^[A-Z0-9-]{1,40}$/)
  changeNumber: string;

  @ApiProperty({ example: '2026-12-01T00:00:00.000Z' })
  @IsISO8601({ strict: true })
  validFrom: string;

  @ApiProperty({ type: [BomLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => BomLineDto)
  lines: BomLineDto[];
}

export class ApplyPlantBomResultDto {
  @ApiProperty({ type: PlantBomDto })
  bom: PlantBomDto;

  @ApiProperty({ example: true, description: 'False when this change had already been applied' })
  created: boolean;
}
