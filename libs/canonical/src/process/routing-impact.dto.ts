import { ApiProperty } from '@nestjs/swagger';
import { FIELD_LIMITS } from '../field-limits';
import { ROUTING_OPERATIONS_MAX, RoutingStepDto } from '../plm/routing.dto';

export const OPERATION_DIFFERENCES = ['added', 'removed', 'changed'] as const;
export type OperationDifference = (typeof OPERATION_DIFFERENCES)[number];
/** Most jobs one plant's impact names as having their operations changed. */
export const IMPACT_ROUTING_JOBS_MAX = 1000;

/** One operation of the routing that differs between the old and the new revision. */
export class OperationDifferenceDto {
  @ApiProperty({ example: 20 })
  sequence: number;

  @ApiProperty({ enum: OPERATION_DIFFERENCES, example: 'changed' })
  change: OperationDifference;

  @ApiProperty({ type: RoutingStepDto, nullable: true, description: 'The operation on the old revision; null when added' })
  before: RoutingStepDto | null;

  @ApiProperty({ type: RoutingStepDto, nullable: true, description: 'The operation on the new revision; null when removed' })
  after: RoutingStepDto | null;
}

/** A scheduled job that will run the new revision's operations, with the operations that differ. */
export class JobRoutingImpactDto {
  @ApiProperty({ example: '1000004', maxLength: FIELD_LIMITS.identifier })
  jobId: string;

  @ApiProperty({ example: 'HOUSING-2051', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiProperty({ example: '2026-12-24T14:00:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  dueDate: string;

  @ApiProperty({ example: '2026-12-20T06:00:00.000Z', nullable: true, type: String, maxLength: FIELD_LIMITS.isoDateTime })
  plannedStart: string | null;

  @ApiProperty({ type: [OperationDifferenceDto], maxItems: ROUTING_OPERATIONS_MAX })
  operations: OperationDifferenceDto[];
}
