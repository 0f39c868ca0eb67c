import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import {
  EXCEPTION_CASE_STATES,
  EXCEPTION_KINDS,
  EXCEPTION_OWNERS,
  ExceptionCaseDto,
  ExceptionCaseState,
  ExceptionKind,
  ExceptionOwner,
  FIELD_LIMITS,
  PLANT_CODE_PATTERN,
} from '@threadline/canonical';
import { MAX_CURSOR_LENGTH, MAX_PAGE_SIZE, PageQueryDto } from '@threadline/platform';

export class ListExceptionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: EXCEPTION_CASE_STATES, example: 'OPEN' })
  @IsOptional()
  @IsIn(EXCEPTION_CASE_STATES)
  state?: ExceptionCaseState;

  @ApiPropertyOptional({ enum: EXCEPTION_OWNERS, example: 'engineering', description: 'A team\'s queue' })
  @IsOptional()
  @IsIn(EXCEPTION_OWNERS)
  owner?: ExceptionOwner;

  @ApiPropertyOptional({ example: 'P2', maxLength: FIELD_LIMITS.plantCode })
  @IsOptional()
  @MaxLength(FIELD_LIMITS.plantCode)
  @Matches(PLANT_CODE_PATTERN)
  plant?: string;

  @ApiPropertyOptional({ enum: EXCEPTION_KINDS, example: 'quality-hold' })
  @IsOptional()
  @IsIn(EXCEPTION_KINDS)
  kind?: ExceptionKind;

  @ApiPropertyOptional({ example: 'ECN-000042', maxLength: FIELD_LIMITS.changeNumber })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_LIMITS.changeNumber)
  @Matches(/^[A-Z0-9-]{1,40}$/)
  changeNumber?: string;
}

export class ExceptionCasePageDto {
  @ApiProperty({ type: [ExceptionCaseDto], maxItems: MAX_PAGE_SIZE })
  items: ExceptionCaseDto[];

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Cursor for the next page; null on the last page', maxLength: MAX_CURSOR_LENGTH, example: 'eyJ0IjoiMjAyNi0xMS0yNlQxMDowMDowMC4wMDBaIiwiaWQiOjQyfQ' })
  nextCursor: string | null;
}
