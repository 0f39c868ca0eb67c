import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FIELD_LIMITS, LIST_LIMITS } from '../field-limits';
import { EngineeringChangeDto } from './engineering-change.dto';

/** One page of engineering changes; follow `nextCursor` until it is null. */
export class EngineeringChangePageDto {
  @ApiProperty({ type: [EngineeringChangeDto], maxItems: LIST_LIMITS.page })
  items: EngineeringChangeDto[];

  @ApiPropertyOptional({ example: 'eyJvIjoicmVsZWFzZWQiLCJuIjoiRUNOLTAwMDA0MiJ9', nullable: true, type: String, description: 'Cursor of the next page; null on the last page', maxLength: FIELD_LIMITS.cursor })
  nextCursor: string | null;

  @ApiProperty({ example: 50, description: 'Page size used' })
  limit: number;
}
