import { ApiPropertyOptional } from '@nestjs/swagger';
import { FIELD_LIMITS } from '@threadline/canonical';
import { PageQueryDto } from '@threadline/platform';
import { IsISO8601, IsOptional, MaxLength } from 'class-validator';

export class ListItemsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: '2026-11-20T00:00:00.000Z',
    description: 'Only items with a revision created or changed strictly after this instant',
    maxLength: FIELD_LIMITS.isoDateTime,
  })
  @IsOptional()
  @MaxLength(FIELD_LIMITS.isoDateTime)
  @IsISO8601({ strict: true })
  changedSince?: string;
}

export class ExplodedBomQueryDto {
  @ApiPropertyOptional({ example: '2026-12-01T00:00:00.000Z', description: 'Choose component revisions effective at this instant; default now', maxLength: FIELD_LIMITS.isoDateTime })
  @IsOptional()
  @MaxLength(FIELD_LIMITS.isoDateTime)
  @IsISO8601({ strict: true })
  at?: string;
}
