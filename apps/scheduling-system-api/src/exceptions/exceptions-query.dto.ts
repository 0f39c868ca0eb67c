import { ApiPropertyOptional } from '@nestjs/swagger';
import { EXCEPTION_KINDS, ExceptionKind } from '@threadline/canonical';
import { PageQueryDto } from '@threadline/platform';
import { IsIn, IsOptional } from 'class-validator';

export class ExceptionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: EXCEPTION_KINDS, example: 'delay' })
  @IsOptional()
  @IsIn(EXCEPTION_KINDS)
  kind?: ExceptionKind;
}
