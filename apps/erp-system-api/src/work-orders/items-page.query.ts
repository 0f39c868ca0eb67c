import { ApiPropertyOptional } from '@nestjs/swagger';
import { ITEMS_PAGE_MAX_SIZE, LIST_LIMITS } from '@threadline/canonical';
import { MAX_CURSOR_LENGTH } from '@threadline/platform';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ItemListParam } from '../where-used/where-used-summary.query';

/**
 * Several items' list in one call (open work orders, stock, open purchase orders): up to 100 items
 * (one change's), pages up to ITEMS_PAGE_MAX_SIZE so that an impact reads a plant's in one call.
 */
export class ItemsPageQueryDto {
  @ItemListParam('PUMP-100,SEAL-200')
  items: string[];

  @ApiPropertyOptional({ description: `Page size, at most ${ITEMS_PAGE_MAX_SIZE}`, example: ITEMS_PAGE_MAX_SIZE, minimum: 1, maximum: ITEMS_PAGE_MAX_SIZE, default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(ITEMS_PAGE_MAX_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: "Opaque cursor from the previous page's `nextCursor`", maxLength: MAX_CURSOR_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_CURSOR_LENGTH)
  cursor?: string;
}

/** The page size when none is asked: a system API page's usual bound. */
export const ITEMS_PAGE_DEFAULT_SIZE = LIST_LIMITS.page;
