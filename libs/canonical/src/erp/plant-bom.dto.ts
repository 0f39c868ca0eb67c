import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsISO8601, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ITEM_NUMBER_PATTERN, REVISION_PATTERN } from '../common';
import { FIELD_LIMITS, LIST_LIMITS } from '../field-limits';
import { BomLineDto } from '../plm/bom.dto';

/** A plant's bill of materials as ERP applies it: one revision with its validity window. */
export class PlantBomDto {
  @ApiProperty({ example: 'P1', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ example: 'PUMP-100', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiProperty({ example: 'B', maxLength: FIELD_LIMITS.revision })
  revision: string;

  @ApiProperty({ example: '2026-12-01T00:00:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  validFrom: string;

  @ApiPropertyOptional({ example: null, nullable: true, type: String, description: 'End of validity; open when null', maxLength: FIELD_LIMITS.isoDateTime })
  validTo: string | null;

  @ApiPropertyOptional({ example: 'ECN-000042', nullable: true, type: String, maxLength: FIELD_LIMITS.changeNumber })
  changeNumber: string | null;

  // New revisions reach ERP through ApplyPlantBomDto, which takes no more lines than this.
  @ApiProperty({ type: [BomLineDto], maxItems: LIST_LIMITS.bomLines })
  lines: BomLineDto[];
}

export class ApplyPlantBomDto {
  @ApiProperty({ example: 'PUMP-100', maxLength: FIELD_LIMITS.itemNumber })
  @IsString()
  @MaxLength(FIELD_LIMITS.itemNumber)
  @Matches(ITEM_NUMBER_PATTERN)
  itemNumber: string;

  @ApiProperty({ example: 'B', maxLength: FIELD_LIMITS.revision })
  @IsString()
  @MaxLength(FIELD_LIMITS.revision)
  @Matches(REVISION_PATTERN)
  revision: string;

  @ApiProperty({ example: 'ECN-000042', description: 'The change being applied; applying the same change twice changes nothing', maxLength: FIELD_LIMITS.changeNumber })
  @IsString()
  @MaxLength(FIELD_LIMITS.changeNumber)
  @Matches(/^[A-Z0-9-]{1,40}$/)
  changeNumber: string;

  @ApiProperty({ example: '2026-12-01T00:00:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  @MaxLength(FIELD_LIMITS.isoDateTime)
  @IsISO8601({ strict: true })
  validFrom: string;

  @ApiProperty({ type: [BomLineDto], maxItems: LIST_LIMITS.bomLines })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIST_LIMITS.bomLines)
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
