import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UNITS, Unit } from '../common';
import { FIELD_LIMITS, LIST_LIMITS } from '../field-limits';
import { ItemDto } from './item.dto';

/**
 * One line of a multi-level (exploded) BOM: a component reached from the top item through
 * `path`, with the revision that is effective at the requested time and its quantity per one
 * unit of the top item.
 */
export class ExplodedBomLineDto {
  @ApiProperty({ example: 2, description: 'Depth below the top item: 1 for its direct components' })
  level: number;

  // The top item plus one item per level, and plm-system-api explodes no deeper than explodedBomDepth.
  @ApiProperty({
    type: 'array',
    items: { type: 'string', maxLength: FIELD_LIMITS.itemNumber },
    maxItems: LIST_LIMITS.explodedBomDepth + 1,
    example: ['PUMP-100', 'HOUSING-110', 'BOLT-M8'],
    description: 'Item numbers from the top item down to this component',
  })
  path: string[];

  @ApiProperty({ example: 20, description: 'Find number in the immediate parent' })
  findNumber: number;

  @ApiProperty({ example: 'BOLT-M8', maxLength: FIELD_LIMITS.itemNumber })
  componentNumber: string;

  @ApiPropertyOptional({ example: 'A', nullable: true, type: String, description: 'Revision effective at the requested time; null when none is', maxLength: FIELD_LIMITS.revision })
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
  @ApiProperty({ example: 'PUMP-100', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiProperty({ example: 'A', maxLength: FIELD_LIMITS.revision })
  revision: string;

  @ApiProperty({ example: '2026-11-20T00:00:00.000Z', description: 'The time at which component revisions were chosen', maxLength: FIELD_LIMITS.isoDateTime })
  at: string;

  @ApiProperty({ example: 3, description: 'Deepest level reached' })
  depth: number;

  // plm-system-api answers 422 (BOM_TOO_LARGE) rather than return more.
  @ApiProperty({ type: [ExplodedBomLineDto], maxItems: LIST_LIMITS.explodedBomLines })
  lines: ExplodedBomLineDto[];
}

export const DOCUMENT_TYPES = ['specification', 'drawing', 'datasheet', 'test-procedure'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** A specification document of an item, as metadata; the file stays in PLM, at `url`. */
export class DocumentDto {
  @ApiProperty({ example: 'SPEC-PUMP-100', maxLength: FIELD_LIMITS.identifier })
  number: string;

  @ApiProperty({ example: 'Performance specification, centrifugal pump', maxLength: FIELD_LIMITS.name })
  name: string;

  @ApiProperty({ enum: DOCUMENT_TYPES, example: 'specification' })
  type: DocumentType;

  @ApiProperty({ example: 'A', maxLength: FIELD_LIMITS.revision })
  revision: string;

  @ApiProperty({ example: 'SPEC-PUMP-100_A.pdf', maxLength: FIELD_LIMITS.fileName })
  fileName: string;

  @ApiProperty({ example: "http://127.0.0.1:4101/Windchill/servlet/odata/DocMgmt/Documents('OR:wt.doc.WTDocument:5001')/PrimaryContent", description: 'Where PLM serves the file', maxLength: FIELD_LIMITS.url })
  url: string;
}

export class DocumentListDto {
  @ApiProperty({ example: 'PUMP-100', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  // plm-system-api refuses (502) an item referencing more documents rather than cut the list.
  @ApiProperty({ type: [DocumentDto], maxItems: LIST_LIMITS.itemDocuments })
  items: DocumentDto[];
}

/** One page of items by item number; follow `nextCursor` until it is null. */
export class ItemPageDto {
  @ApiProperty({ type: [ItemDto], maxItems: LIST_LIMITS.page })
  items: ItemDto[];

  @ApiPropertyOptional({ example: 'eyJuIjoiUFVNUC0xMDAifQ', nullable: true, type: String, description: 'Cursor of the next page; null on the last page', maxLength: FIELD_LIMITS.cursor })
  nextCursor: string | null;

  @ApiProperty({ example: 50, description: 'Page size used' })
  limit: number;
}
