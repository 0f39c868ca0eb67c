import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { EngineeringReleaseDto, FIELD_LIMITS, RELEASE_STATES, ReleaseState } from '@threadline/canonical';
import { MAX_CURSOR_LENGTH, MAX_PAGE_SIZE, PageQueryDto } from '@threadline/platform';

export class ListReleasesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'ECN-000042', description: 'Only the release of this change', maxLength: FIELD_LIMITS.changeNumber })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_LIMITS.changeNumber)
  @Matches(/^[A-Z0-9-]{1,40}$/)
  changeNumber?: string;

  @ApiPropertyOptional({ enum: RELEASE_STATES, example: 'ROLLING_OUT' })
  @IsOptional()
  @IsIn(RELEASE_STATES)
  state?: ReleaseState;
}

export class ReleasePageDto {
  @ApiProperty({ type: [EngineeringReleaseDto], maxItems: MAX_PAGE_SIZE })
  items: EngineeringReleaseDto[];

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Cursor for the next page; null on the last page', maxLength: MAX_CURSOR_LENGTH, example: 'eyJ0IjoiMjAyNi0xMS0yNlQxMDowMDowMC4wMDBaIiwiaWQiOjQyfQ' })
  nextCursor: string | null;
}
