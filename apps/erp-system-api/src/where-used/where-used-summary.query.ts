import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FIELD_LIMITS, ITEM_NUMBER_PATTERN, LIST_LIMITS } from '@threadline/canonical';
import { defineErrorCodes, PageQueryDto } from '@threadline/platform';
import { Transform } from 'class-transformer';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsISO8601, IsOptional, Matches, MaxLength, ValidateBy } from 'class-validator';

export const WHERE_USED_ERRORS = defineErrorCodes({
  ITEM_LIST_TOO_LONG: {
    status: 400,
    title: 'Too many items',
    description: `\`items\` names more than ${LIST_LIMITS.affectedItems} items (as many as one engineering change affects); ask in several calls`,
  },
});

/** At most `max` entries; says nothing of a missing list (so that answers VALIDATION_FAILED, not ITEM_LIST_TOO_LONG). */
export function ItemListMaxSize(max: number): PropertyDecorator {
  return ValidateBy(
    { name: 'itemListMaxSize', validator: { validate: (value: unknown) => !Array.isArray(value) || value.length <= max, defaultMessage: () => `items must name at most ${max} items` } },
    { context: { code: 'ITEM_LIST_TOO_LONG' } },
  );
}

/**
 * The `items` query parameter of the per-plant reads for several items: a comma list in one
 * parameter (keeps the URL short and the order the caller chose) of 1 to 100 distinct item numbers.
 */
export function ItemListParam(example: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      example,
      type: String,
      maxLength: LIST_LIMITS.affectedItems * (FIELD_LIMITS.itemNumber + 1),
      description: `Item numbers, comma-separated: 1 to ${LIST_LIMITS.affectedItems} distinct ones (more: 400 ITEM_LIST_TOO_LONG)`,
    }),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value)),
    IsArray(),
    ArrayNotEmpty(),
    ItemListMaxSize(LIST_LIMITS.affectedItems),
    ArrayUnique(),
    MaxLength(FIELD_LIMITS.itemNumber, { each: true }),
    Matches(ITEM_NUMBER_PATTERN, { each: true }),
  );
}

export class WhereUsedSummaryQueryDto extends PageQueryDto {
  @ItemListParam('HOUSING-110,SEAL-200')
  items: string[];

  @ApiPropertyOptional({ example: '2027-01-04T00:00:00.000Z', description: 'The BOMs valid at this instant; default now', maxLength: FIELD_LIMITS.isoDateTime })
  @IsOptional()
  @MaxLength(FIELD_LIMITS.isoDateTime)
  @IsISO8601({ strict: true })
  at?: string;
}
