import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FIELD_LIMITS, LIST_LIMITS } from '../field-limits';
import { InventoryPositionDto, PurchaseOrderDto, WorkOrderDto } from './plant-item.dto';

/** Cursor-paginated lists of the ERP system API: pass `nextCursor` back as `cursor` for the next page. */
export class WorkOrderPageDto {
  @ApiProperty({ type: [WorkOrderDto], maxItems: LIST_LIMITS.page })
  items: WorkOrderDto[];

  @ApiPropertyOptional({ example: 'eyJhZnRlciI6IjEwMDAwMDMifQ', nullable: true, type: String, description: 'Absent (null) on the last page', maxLength: FIELD_LIMITS.cursor })
  nextCursor: string | null;
}

export class InventoryPositionPageDto {
  @ApiProperty({ type: [InventoryPositionDto], maxItems: LIST_LIMITS.page })
  items: InventoryPositionDto[];

  @ApiPropertyOptional({ example: 'eyJza2lwIjo1MH0', nullable: true, type: String, description: 'Absent (null) on the last page', maxLength: FIELD_LIMITS.cursor })
  nextCursor: string | null;
}

export class PurchaseOrderPageDto {
  @ApiProperty({ type: [PurchaseOrderDto], maxItems: LIST_LIMITS.page })
  items: PurchaseOrderDto[];

  @ApiPropertyOptional({ example: 'eyJhZnRlciI6IjQ1MDAwMDAwMDEifQ', nullable: true, type: String, description: 'Absent (null) on the last page', maxLength: FIELD_LIMITS.cursor })
  nextCursor: string | null;
}
