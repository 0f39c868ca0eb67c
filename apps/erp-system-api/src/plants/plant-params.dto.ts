import { ApiProperty } from '@nestjs/swagger';
import { ITEM_NUMBER_PATTERN, PlantCodeParam } from '@threadline/canonical';
import { IsString, Matches } from 'class-validator';

export class PlantItemParam extends PlantCodeParam {
  @ApiProperty({ example: 'PUMP-100' })
  @IsString()
  @Matches(ITEM_NUMBER_PATTERN)
  itemNumber: string;
}
