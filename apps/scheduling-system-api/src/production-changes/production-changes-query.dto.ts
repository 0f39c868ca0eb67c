import { ApiProperty } from '@nestjs/swagger';
import { FIELD_LIMITS } from '@threadline/canonical';
import { IsString, Matches, MaxLength } from 'class-validator';

export class ProductionChangesQueryDto {
  @ApiProperty({ example: 'ECN-000042', description: 'The change whose records are looked up', maxLength: FIELD_LIMITS.changeNumber })
  @IsString()
  @MaxLength(FIELD_LIMITS.changeNumber)
  @Matches(/^[A-Z0-9-]{1,40}$/)
  changeNumber: string;
}
