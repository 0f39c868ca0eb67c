import { ApiProperty } from '@nestjs/swagger';
import { FIELD_LIMITS, LIST_LIMITS } from '@threadline/canonical';

export class PlantAvailabilityFeedSyncDto {
  @ApiProperty({ example: 'P1', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ enum: ['synced', 'skipped'], example: 'synced', description: '`skipped`: ERP failed for this plant; the next sync continues from its cursor' })
  outcome: 'synced' | 'skipped';

  @ApiProperty({ example: 1, description: 'Availability changes announced for the plant by this sync' })
  announced: number;

  @ApiProperty({
    example: '2026-12-05T09:00:00.123Z',
    nullable: true,
    type: String,
    format: 'date-time',
    maxLength: FIELD_LIMITS.isoDateTime,
    description: "ERP's change time the feed has read up to in the plant; null when ERP failed before the first read",
  })
  cursor: string | null;

  @ApiProperty({ example: null, nullable: true, type: String, maxLength: FIELD_LIMITS.message, description: 'Why the plant was skipped' })
  reason: string | null;
}

export class MaterialAvailabilityFeedSyncResultDto {
  @ApiProperty({ example: 1, description: 'Availability changes announced by this sync, over all plants' })
  announced: number;

  @ApiProperty({ type: [PlantAvailabilityFeedSyncDto], maxItems: LIST_LIMITS.plants })
  plants: PlantAvailabilityFeedSyncDto[];
}
