import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FIELD_LIMITS, LIST_LIMITS } from '../field-limits';
import { WhereUsedDto } from './erp-changes.dto';

/** Totals of one item's multi-level where-used in a plant, computed in ERP without listing the paths. */
export class ItemWhereUsedTotalsDto {
  @ApiProperty({ example: 'HOUSING-110', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiProperty({ example: 1651, type: Number, minimum: 0, description: 'Where-used paths (one per way the item goes into an assembly, at any level)' })
  paths: number;

  @ApiProperty({ example: 1650, type: Number, minimum: 0, description: 'Distinct assemblies on those paths' })
  assemblies: number;

  @ApiProperty({ example: 125, type: Number, minimum: 0, description: "Distinct assemblies on those paths that no BOM of the plant valid at `at` uses: the end items the item's change reaches" })
  topLevelAssemblies: number;

  @ApiProperty({ example: 10, type: Number, minimum: 0, description: 'The highest level on those paths (1 = direct parent); 0 when nothing uses the item' })
  deepestLevel: number;
}

/** A page of the where-used paths of several items together, nearest first, with how many there are. */
export class WhereUsedPathPageDto {
  @ApiProperty({ type: [WhereUsedDto], maxItems: LIST_LIMITS.page, description: "Nearest first: by level, then by the path read from the item up (code-point order); each path's first entry is the item it starts from" })
  items: WhereUsedDto[];

  @ApiPropertyOptional({ example: 'eyJza2lwIjoyMDB9', nullable: true, type: String, description: 'Absent (null) on the last page', maxLength: FIELD_LIMITS.cursor })
  nextCursor: string | null;

  @ApiProperty({ example: 1651, type: Number, minimum: 0, description: 'Paths of all the items asked, on every page' })
  total: number;
}

/** What an impact needs of the where-used of a change's items in one plant, in one answer. */
export class WhereUsedSummaryDto {
  @ApiProperty({ example: 'P1', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ example: '2027-01-04T00:00:00.000Z', description: 'The BOMs valid at this instant were walked', maxLength: FIELD_LIMITS.isoDateTime })
  at: string;

  // One per item asked, in the order asked.
  @ApiProperty({ type: [ItemWhereUsedTotalsDto], maxItems: LIST_LIMITS.affectedItems })
  items: ItemWhereUsedTotalsDto[];

  @ApiProperty({ type: WhereUsedPathPageDto })
  paths: WhereUsedPathPageDto;
}
