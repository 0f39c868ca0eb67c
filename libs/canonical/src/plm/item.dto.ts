import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UNITS, Unit } from '../common';

export const REVISION_STATES = ['IN_WORK', 'RELEASED', 'SUPERSEDED', 'OBSOLETE'] as const;
export type RevisionState = (typeof REVISION_STATES)[number];

/** ISA-95 MaterialDefinition: an item as engineering defines it. */
export class ItemDto {
  @ApiProperty({ example: 'PUMP-100' })
  number: string;

  @ApiProperty({ example: 'Centrifugal pump assembly' })
  name: string;

  @ApiProperty({ enum: UNITS, example: 'EA' })
  unit: Unit;

  @ApiProperty({ enum: ['make', 'buy'], example: 'make' })
  sourcing: 'make' | 'buy';

  @ApiProperty({ example: 'B', description: 'Latest released revision', nullable: true, type: String })
  latestReleasedRevision: string | null;

  @ApiProperty({ type: () => [ItemRevisionDto] })
  revisions: ItemRevisionDto[];
}

export class ItemRevisionDto {
  @ApiProperty({ example: 'PUMP-100' })
  itemNumber: string;

  @ApiProperty({ example: 'B' })
  revision: string;

  @ApiProperty({ enum: REVISION_STATES, example: 'RELEASED' })
  state: RevisionState;

  @ApiPropertyOptional({ example: '2026-11-20T09:00:00.000Z', nullable: true, type: String })
  releasedAt: string | null;

  @ApiPropertyOptional({ example: 'ECN-000042', nullable: true, type: String, description: 'Change that released this revision' })
  changeNumber: string | null;
}
