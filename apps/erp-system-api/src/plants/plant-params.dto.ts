import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FIELD_LIMITS, ITEM_NUMBER_PATTERN, PlantCodeParam } from '@threadline/canonical';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ItemListParam } from '../where-used/where-used-summary.query';

export class PlantItemParam extends PlantCodeParam {
  @ApiProperty({ example: 'PUMP-100' })
  @IsString()
  @Matches(ITEM_NUMBER_PATTERN)
  itemNumber: string;
}

export class WhereUsedQueryDto {
  @ApiPropertyOptional({ example: '2027-01-04T00:00:00.000Z', description: 'The BOMs valid at this instant; default now', maxLength: FIELD_LIMITS.isoDateTime })
  @IsOptional()
  @MaxLength(FIELD_LIMITS.isoDateTime)
  @IsISO8601({ strict: true })
  at?: string;
}

export class PlantItemsQueryDto {
  @ItemListParam('PUMP-100,SEAL-210')
  items: string[];
}
