import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ITEM_NUMBER_PATTERN, UNITS, Unit } from '../common';
import { FIELD_LIMITS, LIST_LIMITS } from '../field-limits';

export const REVISION_STATES = ['IN_WORK', 'RELEASED', 'SUPERSEDED', 'OBSOLETE'] as const;
export type RevisionState = (typeof REVISION_STATES)[number];

/** ISA-95 MaterialDefinition: an item as engineering defines it. */
export class ItemDto {
  @ApiProperty({ example: 'PUMP-100', maxLength: FIELD_LIMITS.itemNumber })
  number: string;

  @ApiProperty({ example: 'Centrifugal pump assembly', maxLength: FIELD_LIMITS.name })
  name: string;

  @ApiProperty({ enum: UNITS, example: 'EA' })
  unit: Unit;

  @ApiProperty({ enum: ['make', 'buy'], example: 'make' })
  sourcing: 'make' | 'buy';

  @ApiProperty({ example: 'B', description: 'Latest released revision', nullable: true, type: String, maxLength: FIELD_LIMITS.revision })
  latestReleasedRevision: string | null;

  @ApiProperty({ type: () => [ItemRevisionDto], maxItems: LIST_LIMITS.itemRevisions })
  revisions: ItemRevisionDto[];
}

export class ItemRevisionDto {
  @ApiProperty({ example: 'PUMP-100', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiProperty({ example: 'B', maxLength: FIELD_LIMITS.revision })
  revision: string;

  @ApiProperty({ enum: REVISION_STATES, example: 'RELEASED' })
  state: RevisionState;

  @ApiPropertyOptional({ example: '2026-11-20T09:00:00.000Z', nullable: true, type: String, maxLength: FIELD_LIMITS.isoDateTime })
  releasedAt: string | null;

  @ApiPropertyOptional({ example: 'ECN-000042', nullable: true, type: String, description: 'Change that released this revision', maxLength: FIELD_LIMITS.changeNumber })
  changeNumber: string | null;
}

export const SOURCINGS = ['make', 'buy'] as const;
export type Sourcing = (typeof SOURCINGS)[number];

/**
 * A new item for PLM: its master data and, implicitly, its first revision (A, in work). A change
 * naming it in `newItems` releases that revision.
 */
export class CreateItemDto {
  @ApiProperty({ example: 'SEAL-250', maxLength: FIELD_LIMITS.itemNumber })
  @IsString()
  @MaxLength(FIELD_LIMITS.itemNumber)
  @Matches(ITEM_NUMBER_PATTERN)
  number: string;

  @ApiProperty({ example: 'Shaft seal, HNBR', maxLength: FIELD_LIMITS.name })
  @IsString()
  @MaxLength(FIELD_LIMITS.name)
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @ApiProperty({ enum: UNITS, example: 'EA' })
  @IsIn(UNITS)
  unit: Unit;

  @ApiProperty({ enum: SOURCINGS, example: 'buy' })
  @IsIn(SOURCINGS)
  sourcing: Sourcing;

  @ApiPropertyOptional({ example: 'Substitute for SEAL-200, HNBR compound', maxLength: FIELD_LIMITS.text, description: 'Kept by PLM where it has a place for it; not part of ItemDto' })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_LIMITS.text)
  description?: string;
}
