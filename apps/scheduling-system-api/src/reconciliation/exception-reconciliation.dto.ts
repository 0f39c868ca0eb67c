import { ApiProperty } from '@nestjs/swagger';
import { FIELD_LIMITS, LIST_LIMITS } from '@threadline/canonical';

export class PlantReconciliationDto {
  @ApiProperty({ example: 'P2', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ enum: ['reconciled', 'skipped'], example: 'reconciled', description: "`skipped`: the plant's scheduler did not answer; the next round tries again" })
  outcome: 'reconciled' | 'skipped';

  @ApiProperty({ example: 17, description: 'Current exceptions read from the scheduler' })
  checked: number;

  @ApiProperty({ example: 2, description: 'Of those, the ones no webhook had delivered: announced now, once' })
  announced: number;

  @ApiProperty({ example: null, nullable: true, type: String, maxLength: FIELD_LIMITS.message, description: 'Why the plant was skipped' })
  reason: string | null;
}

export class ExceptionReconciliationDto {
  @ApiProperty({ example: 2, description: 'Exceptions announced by this round, over all plants' })
  announced: number;

  @ApiProperty({ type: [PlantReconciliationDto], maxItems: LIST_LIMITS.plants })
  plants: PlantReconciliationDto[];
}
