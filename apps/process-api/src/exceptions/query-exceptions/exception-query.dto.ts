import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import {
  EXCEPTION_CASE_STATES,
  EXCEPTION_KINDS,
  EXCEPTION_OWNERS,
  ExceptionCaseDto,
  ExceptionCaseState,
  ExceptionKind,
  ExceptionOwner,
  PLANT_CODE_PATTERN,
} from '@threadline/canonical';
import { PageQueryDto } from '@threadline/platform';

export class ListExceptionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: EXCEPTION_CASE_STATES, example: 'OPEN' })
  @IsOptional()
  @IsIn(EXCEPTION_CASE_STATES)
  state?: ExceptionCaseState;

  @ApiPropertyOptional({ enum: EXCEPTION_OWNERS, example: 'engineering', description: 'A team\'s queue' })
  @IsOptional()
  @IsIn(EXCEPTION_OWNERS)
  owner?: ExceptionOwner;

  @ApiPropertyOptional({ example: 'P2' })
  @IsOptional()
  @Matches(PLANT_CODE_PATTERN)
  plant?: string;

  @ApiPropertyOptional({ enum: EXCEPTION_KINDS, example: 'quality-hold' })
  @IsOptional()
  @IsIn(EXCEPTION_KINDS)
  kind?: ExceptionKind;

  @ApiPropertyOptional({ example: 'ECN-000042' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9-]{1,40}$/)
  changeNumber?: string;
}

export class ExceptionCasePageDto {
  @ApiProperty({ type: [ExceptionCaseDto] })
  items: ExceptionCaseDto[];

  @ApiPropertyOptional({ nullable: true, type: String })
  nextCursor: string | null;
}
