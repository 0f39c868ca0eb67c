import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export class ProductionChangesQueryDto {
  @ApiProperty({ example: 'ECN-000042', description: 'The change whose records are looked up' })
  @IsString()
  @Matches(/^[A-Z0-9-]{1,40}$/)
  changeNumber: string;
}
