import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
  @ApiProperty({ example: 'ECN-000042' })
  changeNumber: string;

  @ApiProperty({ example: '2b1c9a9e-8f0c-4a57-9f69-2f8e0e4f7d11' })
  releaseId: string;

  @ApiProperty({ example: 'Replace obsolete shaft seal' })
  title: string;

  @ApiProperty({ type: [ReleasedItemDto] })
  items: ReleasedItemDto[];

  @ApiProperty({ example: 'ROLLING_OUT' })
  releaseState: string;

  @ApiProperty({ type: AdoptionSummaryDto })
  adoption: AdoptionSummaryDto;

  @ApiProperty({ type: [PlantAdoptionDto] })
  plants: PlantAdoptionDto[];

  @ApiProperty({ example: '2026-11-20T09:00:04.000Z' })
  updatedAt: string;
}

export class RevisionAdoptionV2PageDto {
  @ApiProperty({ type: [RevisionAdoptionV2Dto] })
  items: RevisionAdoptionV2Dto[];

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Cursor of the next page; null on the last page' })
  nextCursor: string | null;
}
