import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { EngineeringReleaseDto, RELEASE_STATES, ReleaseState } from '@threadline/canonical';
import { PageQueryDto } from '@threadline/platform';

export class ListReleasesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'ECN-000042', description: 'Only the release of this change' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9-]{1,40}$/)
  changeNumber?: string;

  @ApiPropertyOptional({ enum: RELEASE_STATES, example: 'ROLLING_OUT' })
  @IsOptional()
  @IsIn(RELEASE_STATES)
  state?: ReleaseState;
}

export class ReleasePageDto {
  @ApiProperty({ type: [EngineeringReleaseDto] })
  items: EngineeringReleaseDto[];

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Cursor for the next page; null on the last page' })
  nextCursor: string | null;
}
