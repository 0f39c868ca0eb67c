import { ApiProperty } from '@nestjs/swagger';
import { FIELD_LIMITS, LIST_LIMITS } from '@threadline/canonical';

export class WorkOrderFeedCursorDto {
  @ApiProperty({ example: '2026-11-20T09:00:00.123Z', format: 'date-time', description: "ERP's change time the feed has reached in the plant (milliseconds)", maxLength: FIELD_LIMITS.isoDateTime })
  changedAt: string;

  @ApiProperty({
    example: '1000017',
    nullable: true,
    type: String,
    maxLength: FIELD_LIMITS.workOrderNumber,
    description: 'Of the orders changed at that time, the last one announced, in number order; null: none of them yet',
  })
  orderNumber: string | null;
}

export class PlantFeedSyncDto {
  @ApiProperty({ example: 'P2', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ enum: ['synced', 'skipped'], example: 'synced', description: '`skipped`: ERP failed for this plant; the next sync continues from its cursor' })
  outcome: 'synced' | 'skipped';

  @ApiProperty({ example: 1, description: 'Work-order changes announced for the plant by this sync' })
  announced: number;

  @ApiProperty({ type: WorkOrderFeedCursorDto, nullable: true, description: 'Where the feed stands now; null before the first change' })
  cursor: WorkOrderFeedCursorDto | null;

  @ApiProperty({ example: null, nullable: true, type: String, maxLength: FIELD_LIMITS.message, description: 'Why the plant was skipped' })
  reason: string | null;
}

export class WorkOrderFeedSyncResultDto {
  @ApiProperty({ example: 1, description: 'Work-order changes announced by this sync, over all plants' })
  announced: number;

  @ApiProperty({ type: [PlantFeedSyncDto], maxItems: LIST_LIMITS.plants })
  plants: PlantFeedSyncDto[];
}
