import { ApiPropertyOptional } from '@nestjs/swagger';
import { CHANGE_STATES, ChangeState, FIELD_LIMITS } from '@threadline/canonical';
import { PageQueryDto } from '@threadline/platform';
import { IsIn, IsISO8601, IsOptional, MaxLength } from 'class-validator';

export class ListEngineeringChangesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CHANGE_STATES, example: 'RELEASED' })
  @IsOptional()
  @IsIn(CHANGE_STATES)
  state?: ChangeState;

  @ApiPropertyOptional({
    example: '2026-11-20T00:00:00.000Z',
    description: 'Only changes released strictly after this instant, in release order: the change feed, for catching up on missed announcements',
    maxLength: FIELD_LIMITS.isoDateTime,
  })
  @IsOptional()
  @MaxLength(FIELD_LIMITS.isoDateTime)
  @IsISO8601({ strict: true })
  releasedSince?: string;
}
