import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UNITS, Unit } from '../common';
import { ItemDto } from './item.dto';

/**
 * One line of a multi-level (exploded) BOM: a component reached from the top item through
 * `path`, with the revision that is effective at the requested time and its quantity per one
 * unit of the top item.
 */
export class ExplodedBomLineDto {
  @ApiProperty({ example: 2, description: 'Depth below the top item: 1 for its direct components' })
  level: number;

  @ApiProperty({ type: [String], example: ['PUMP-100', 'HOUSING-110', 'BOLT-M8'], description: 'Item numbers from the top item down to this component' })
  path: string[];

  @ApiProperty({ example: 20, description: 'Find number in the immediate parent' })
  findNumber: number;

  @ApiProperty({ example: 'BOLT-M8' })
  componentNumber: string;

  @ApiPropertyOptional({ example: 'A', nullable: true, type: String, description: 'Revision effective at the requested time; null when none is' })
  revision: string | null;

  @ApiProperty({ enum: ['make', 'buy'], example: 'buy', description: 'Make components are exploded further; buy components are leaves' })
  sourcing: 'make' | 'buy';

  @ApiProperty({ example: 4, description: 'Quantity in the immediate parent' })
  quantity: number;

  @ApiProperty({ example: 4, description: 'Quantity per one unit of the top item (the product of the quantities along the path)' })
  quantityPerTop: number;

  @ApiProperty({ enum: UNITS, example: 'EA' })
  unit: Unit;
}

/** A multi-level BOM, depth first in find-number order. */
export class ExplodedBomDto {
  @ApiProperty({ example: 'PUMP-100' })
  itemNumber: string;

  @ApiProperty({ example: 'A' })
  revision: string;

  @ApiProperty({ example: '2026-11-20T00:00:00.000Z', description: 'The time at which component revisions were chosen' })
  at: string;

  @ApiProperty({ example: 3, description: 'Deepest level reached' })
  depth: number;

  @ApiProperty({ type: [ExplodedBomLineDto] })
  lines: ExplodedBomLineDto[];
}

export const DOCUMENT_TYPES = ['specification', 'drawing', 'datasheet', 'test-procedure'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** A specification document of an item, as metadata; the file stays in PLM, at `url`. */
export class DocumentDto {
  @ApiProperty({ example: 'SPEC-PUMP-100' })
  number: string;

  @ApiProperty({ example: 'Performance specification, centrifugal pump' })
  name: string;

  @ApiProperty({ enum: DOCUMENT_TYPES, example: 'specification' })
  type: DocumentType;

  @ApiProperty({ example: 'A' })
  revision: string;

  @ApiProperty({ example: 'SPEC-PUMP-100_A.pdf' })
  fileName: string;

  @ApiProperty({ example: "http://127.0.0.1:4101/Windchill/servlet/odata/DocMgmt/Documents('OR:wt.doc.WTDocument:5001')/PrimaryContent", description: 'Where PLM serves the file' })
  url: string;
}

export class DocumentListDto {
  @ApiProperty({ example: 'PUMP-100' })
  itemNumber: string;

  @ApiProperty({ type: [DocumentDto] })
  items: DocumentDto[];
}

/** One page of items by item number; follow `nextCursor` until it is null. */
export class ItemPageDto {
  @ApiProperty({ type: [ItemDto] })
  items: ItemDto[];

  @ApiPropertyOptional({ example: 'eyJuIjoiUFVNUC0xMDAifQ', nullable: true, type: String, description: 'Cursor of the next page; null on the last page' })
  nextCursor: string | null;

  @ApiProperty({ example: 50, description: 'Page size used' })
  limit: number;
}
