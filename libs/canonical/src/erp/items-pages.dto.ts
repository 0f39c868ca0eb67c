import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FIELD_LIMITS } from '../field-limits';
import { InventoryPositionDto, PurchaseOrderDto, WorkOrderDto } from './plant-item.dto';

/**
 * The most entries a page of a several-items list of the ERP system API holds (open work orders,
 * stock, open purchase orders of up to 100 items): an impact reads a plant's in one call as a rule.
 */
export const ITEMS_PAGE_MAX_SIZE = 1000;

const NEXT_CURSOR = { example: 'eyJza2lwIjoxMDAwfQ', nullable: true, type: String, description: 'Absent (null) on the last page', maxLength: FIELD_LIMITS.cursor } as const;

/** A page of the open work orders of several items in a plant, with how many there are. */
export class OpenWorkOrderPageDto {
  @ApiProperty({ type: [WorkOrderDto], maxItems: ITEMS_PAGE_MAX_SIZE, description: 'By order number; each with the revision it builds' })
  items: WorkOrderDto[];

  @ApiPropertyOptional(NEXT_CURSOR)
  nextCursor: string | null;

  @ApiProperty({ example: 1240, type: Number, minimum: 0, description: 'Open work orders of all the items asked, on every page' })
  total: number;
}

/** A page of the stock positions of several items in a plant, with how many there are. */
export class ItemInventoryPageDto {
  @ApiProperty({ type: [InventoryPositionDto], maxItems: ITEMS_PAGE_MAX_SIZE, description: 'By item, storage location, lot and stock type' })
  items: InventoryPositionDto[];

  @ApiPropertyOptional(NEXT_CURSOR)
  nextCursor: string | null;

  @ApiProperty({ example: 12, type: Number, minimum: 0, description: 'Stock positions of all the items asked, on every page' })
  total: number;
}

/** A page of the open purchase orders of several items delivering to a plant, with how many there are. */
export class OpenPurchaseOrderPageDto {
  @ApiProperty({
    type: [PurchaseOrderDto],
    maxItems: ITEMS_PAGE_MAX_SIZE,
    description:
      'By order number, then item: one entry per order and item asked, holding that item\'s lines, its status from those lines (as the list of one item answers it); only OPEN and PARTIALLY_RECEIVED ones',
  })
  items: PurchaseOrderDto[];

  @ApiPropertyOptional(NEXT_CURSOR)
  nextCursor: string | null;

  @ApiProperty({ example: 3, type: Number, minimum: 0, description: 'Entries of all the items asked, on every page' })
  total: number;
}
