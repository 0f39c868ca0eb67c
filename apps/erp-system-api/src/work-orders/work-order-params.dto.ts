import { ApiProperty } from '@nestjs/swagger';
import { PlantCodeParam } from '@threadline/canonical';
import { IsString, Matches } from 'class-validator';

export class WorkOrderParam extends PlantCodeParam {
  @ApiProperty({ example: '1000003', description: 'The work order (production order) number' })
  @IsString()
  @Matches(/^[0-9A-Z]{1,12}$/)
  number: string;
}
