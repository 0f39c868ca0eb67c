import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AppError } from './errors/app-error';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;
/** Cursors are small (base64url of a key or two); a longer one is not one this API issued. */
export const MAX_CURSOR_LENGTH = 512;

export class PageQueryDto {
  @ApiPropertyOptional({ description: `Page size, at most ${MAX_PAGE_SIZE}`, example: 50, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page\'s `nextCursor`', maxLength: MAX_CURSOR_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_CURSOR_LENGTH)
  cursor?: string;
}

export class PageInfoDto {
  @ApiPropertyOptional({ description: 'Cursor for the next page; absent on the last page', nullable: true, type: String, maxLength: MAX_CURSOR_LENGTH })
  nextCursor: string | null;

  @ApiProperty({ example: 50, type: 'integer', format: 'int32', minimum: 1, maximum: MAX_PAGE_SIZE })
  limit: number;
}

/** Cursors are opaque to clients: base64url of a small JSON key. */
export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T>(cursor: string | undefined, isValid?: (value: unknown) => boolean): T | undefined {
  if (!cursor) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  // A cursor that decodes to the wrong shape is as foreign as one that does not decode: it must
  // never reach a query (where a bad timestamp would be a 500).
  if (value === undefined || (isValid && !isValid(value))) {
    throw new AppError('INVALID_CURSOR', 'The cursor is not one this API issued');
  }
  return value as T;
}

/**
 * The shape of a keyset cursor for decodeCursor: each named field a non-empty string, and `t`, when
 * named, an ISO 8601 instant.
 */
export function keysetCursor(...fields: string[]): (value: unknown) => boolean {
  return (value) =>
    typeof value === 'object' &&
    value !== null &&
    fields.every((f) => {
      const v = (value as Record<string, unknown>)[f];
      return typeof v === 'string' && v.length > 0 && v.length <= 200 && (f !== 't' || !Number.isNaN(Date.parse(v)));
    });
}
