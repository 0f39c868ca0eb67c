import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class ChangeNumberParam {
  @ApiProperty({ example: 'ECN-000042' })
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,39}$/)
  number: string;
}
