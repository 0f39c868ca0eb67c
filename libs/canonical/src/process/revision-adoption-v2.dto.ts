import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FIELD_LIMITS, LIST_LIMITS } from '../field-limits';
import { PlantAdoptionDto, ReleasedItemDto } from './engineering-release.dto';

export class AdoptionSummaryDto {
  @ApiProperty({ example: 2 })
  adopted: number;

  @ApiProperty({ example: 3 })
  total: number;

  @ApiProperty({ example: 66.7, description: 'Share of target plants that have adopted, in percent (one decimal)' })
  percent: number;
}

/**
 * v2 of the revision-adoption row: the counts are grouped in `adoption`, and lists are paged.
 * v1 (flat `plantsAdopted`/`plantsTotal`, unpaged) is deprecated.
 */
export class RevisionAdoptionV2Dto {
  @ApiProperty({ example: 'ECN-000042', maxLength: FIELD_LIMITS.changeNumber })
  changeNumber: string;

  @ApiProperty({ example: '2b1c9a9e-8f0c-4a57-9f69-2f8e0e4f7d11', maxLength: FIELD_LIMITS.uuid })
  releaseId: string;

  @ApiProperty({ example: 'Replace obsolete shaft seal', maxLength: FIELD_LIMITS.name })
  title: string;

  @ApiProperty({ type: [ReleasedItemDto], maxItems: LIST_LIMITS.affectedItems })
  items: ReleasedItemDto[];

  @ApiProperty({ example: 'ROLLING_OUT', maxLength: FIELD_LIMITS.shortCode })
  releaseState: string;

  @ApiProperty({ type: AdoptionSummaryDto })
  adoption: AdoptionSummaryDto;

  // The change's target plants (a plant heard from is one of them).
  @ApiProperty({ type: [PlantAdoptionDto], maxItems: LIST_LIMITS.targetPlants })
  plants: PlantAdoptionDto[];

  @ApiProperty({ example: '2026-11-20T09:00:04.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  updatedAt: string;
}

export class RevisionAdoptionV2PageDto {
  @ApiProperty({ type: [RevisionAdoptionV2Dto], maxItems: LIST_LIMITS.page })
  items: RevisionAdoptionV2Dto[];

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Cursor of the next page; null on the last page', maxLength: FIELD_LIMITS.cursor, example: 'eyJ0IjoiMjAyNi0xMS0yNlQxMDowMDowMC4wMDBaIiwiaWQiOjQyfQ' })
  nextCursor: string | null;
}
