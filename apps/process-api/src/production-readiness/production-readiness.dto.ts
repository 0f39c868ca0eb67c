import { ApiProperty } from '@nestjs/swagger';
import { FIELD_LIMITS, LIST_LIMITS } from '@threadline/canonical';

export class ReconciliationStartedDto {
  @ApiProperty({ example: ['P1', 'P2', 'P3'], type: 'array', items: { type: 'string', maxLength: FIELD_LIMITS.plantCode }, maxItems: LIST_LIMITS.plants, description: 'The plants whose full material availability is being pushed to their scheduler' })
  plants: string[];
}

export class MaterialPushDto {
  @ApiProperty({ example: 'P1', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ enum: ['changes', 'reconciliation'], example: 'changes', description: '`changes`: items ERP announced changed (a burst is one push); `reconciliation`: everything ERP has for the plant' })
  kind: 'changes' | 'reconciliation';

  @ApiProperty({ example: 2, description: 'Components read from ERP and pushed' })
  components: number;

  @ApiProperty({ example: 2, description: 'Of them, those the plant scheduler plans' })
  applied: number;

  @ApiProperty({ example: 0, description: 'Of them, those the plant scheduler does not plan (left out)' })
  unknown: number;

  @ApiProperty({ example: '42', nullable: true, type: String, maxLength: FIELD_LIMITS.identifier, description: 'The re-plan the push caused; null when nothing was applied' })
  planRunId: string | null;

  @ApiProperty({ example: '2026-12-05T09:00:03.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  pushedAt: string;
}

/** Newest first: the last PUSH_HISTORY of a plant. */
export const PUSH_HISTORY = 50;

export class MaterialPushListDto {
  @ApiProperty({ type: [MaterialPushDto], maxItems: PUSH_HISTORY })
  items: MaterialPushDto[];
}
