import { ApiPropertyOptional } from '@nestjs/swagger';
import { CHANGE_STATES, ChangeState } from '@threadline/canonical';
import { PageQueryDto } from '@threadline/platform';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';

export class ListEngineeringChangesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CHANGE_STATES, example: 'RELEASED' })
  @IsOptional()
  @IsIn(CHANGE_STATES)
  state?: ChangeState;

  @ApiPropertyOptional({
    example: '2026-11-20T00:00:00.000Z',
    description: 'Only changes released strictly after this instant, in release order: the change feed, for catching up on missed announcements',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  releasedSince?: string;
}
