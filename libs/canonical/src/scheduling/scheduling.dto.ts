import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsNumber, IsOptional, IsPositive, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ITEM_NUMBER_PATTERN, REVISION_PATTERN, UNITS, Unit } from '../common';
import { FIELD_LIMITS, LIST_LIMITS } from '../field-limits';

export class ResourceDto {
  @ApiProperty({ example: 'P1-CNC-01', maxLength: FIELD_LIMITS.identifier })
  id: string;

  @ApiProperty({ example: 'P1', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ example: 'CNC machining centre 1', maxLength: FIELD_LIMITS.name })
  name: string;

  @ApiProperty({ example: 1, description: 'Operations it can run at once' })
  capacity: number;

  @ApiPropertyOptional({ example: 'P1-2SHIFT', nullable: true, type: String, maxLength: FIELD_LIMITS.identifier })
  calendarId: string | null;
}

export class ComponentRequirementDto {
  @ApiProperty({ example: 'SEAL-210', maxLength: FIELD_LIMITS.itemNumber })
  @IsString()
  @MaxLength(FIELD_LIMITS.itemNumber)
  @Matches(ITEM_NUMBER_PATTERN)
  componentNumber: string;

  @ApiProperty({ example: 2 })
  @Type(() => Number)
  @IsNumber()
  @IsPositive()
  quantity: number;

  @ApiProperty({ enum: UNITS, example: 'EA' })
  @IsIn(UNITS)
  unit: Unit;

  @ApiPropertyOptional({
    enum: ['make', 'buy'],
    example: 'buy',
    description: "How engineering sources the component; a scheduler that does not know it yet plans a 'buy' one against stock and purchase orders",
  })
  @IsOptional()
  @IsIn(['make', 'buy'])
  sourcing?: 'make' | 'buy';
}

/** A production-effective engineering change pushed to one plant's scheduler. */
export class ApplyProductionChangeDto {
  @ApiProperty({ example: 'ECN-000042', maxLength: FIELD_LIMITS.changeNumber })
  @IsString()
  @MaxLength(FIELD_LIMITS.changeNumber)
  @Matches(/^[A-Z0-9-]{1,40}$/)
  changeNumber: string;

  @ApiProperty({ example: 'PUMP-100', maxLength: FIELD_LIMITS.itemNumber })
  @IsString()
  @MaxLength(FIELD_LIMITS.itemNumber)
  @Matches(ITEM_NUMBER_PATTERN)
  itemNumber: string;

  @ApiProperty({ example: 'B', maxLength: FIELD_LIMITS.revision })
  @IsString()
  @MaxLength(FIELD_LIMITS.revision)
  @Matches(REVISION_PATTERN)
  revision: string;

  @ApiProperty({ example: '2026-12-01T00:00:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  @MaxLength(FIELD_LIMITS.isoDateTime)
  @IsISO8601({ strict: true })
  effectiveFrom: string;

  @ApiProperty({ type: [ComponentRequirementDto], description: 'The complete component list of the new revision', maxItems: LIST_LIMITS.bomLines })
  @IsArray()
  @ArrayMaxSize(LIST_LIMITS.bomLines)
  @ValidateNested({ each: true })
  @Type(() => ComponentRequirementDto)
  components: ComponentRequirementDto[];
}

export class ProductionChangeDto {
  @ApiProperty({ example: 'P1', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ example: 'ECN-000042', maxLength: FIELD_LIMITS.changeNumber })
  changeNumber: string;

  @ApiProperty({ example: 'PUMP-100', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiProperty({ example: 'B', maxLength: FIELD_LIMITS.revision })
  revision: string;

  @ApiProperty({ example: '2026-12-01T00:00:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  effectiveFrom: string;

  @ApiPropertyOptional({
    example: null,
    nullable: true,
    type: String,
    description: 'Where the next change of the item takes over (a change on this change); null while none follows',
    maxLength: FIELD_LIMITS.isoDateTime,
  })
  effectiveTo?: string | null;

  // Production changes are written only through ApplyProductionChangeDto, which takes no more components.
  @ApiProperty({ type: [ComponentRequirementDto], maxItems: LIST_LIMITS.bomLines })
  components: ComponentRequirementDto[];

  @ApiProperty({ example: '2026-11-20T09:00:05.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  appliedAt: string;
}

/** A plan run's source is at most 300 characters, so it names at most this many triggers (one character and a comma each). */
const PLAN_RUN_TRIGGERS_LISTED = 150;

export class PlanRunDto {
  @ApiProperty({ example: '42', maxLength: FIELD_LIMITS.identifier })
  id: string;

  @ApiProperty({ example: 'P1', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ enum: ['running', 'finished', 'failed'], example: 'finished' })
  status: 'running' | 'finished' | 'failed';

  @ApiProperty({ example: '2026-11-20T09:00:05.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  startedAt: string;

  @ApiPropertyOptional({ example: '2026-11-20T09:00:05.300Z', nullable: true, type: String, maxLength: FIELD_LIMITS.isoDateTime })
  finishedAt: string | null;

  @ApiProperty({ example: 37 })
  jobsPlanned: number;

  @ApiProperty({ example: 2 })
  lateJobs: number;

  @ApiPropertyOptional({
    example: 'ECN-000042',
    nullable: true,
    type: String,
    description: 'Change that triggered this re-plan: the first, when one run re-planned for several (see triggers)',
    maxLength: FIELD_LIMITS.changeNumber,
  })
  trigger: string | null;

  @ApiPropertyOptional({
    example: ['ECN-000042', 'ECN-000043'],
    type: 'array',
    items: { type: 'string', maxLength: FIELD_LIMITS.changeNumber },
    maxItems: PLAN_RUN_TRIGGERS_LISTED,
    description:
      'Every change (or push) this run re-planned for, in arrival order: changes reaching a plant together share one run. ' +
      "As many as the scheduler's record of the run names (300 characters); triggerCount tells how many in all",
  })
  triggers?: string[];

  @ApiPropertyOptional({ example: 2, description: 'How many changes (or pushes) this run re-planned for, listed in triggers or not' })
  triggerCount?: number;
}

export class ApplyProductionChangeResultDto {
  @ApiProperty({ type: ProductionChangeDto })
  change: ProductionChangeDto;

  @ApiProperty({ type: PlanRunDto })
  planRun: PlanRunDto;

  @ApiProperty({ example: true, description: 'False when this change had already been applied' })
  created: boolean;
}

export class ScheduledOperationDto {
  @ApiProperty({ example: 10 })
  sequence: number;

  @ApiProperty({ example: 'P1-CNC-01', maxLength: FIELD_LIMITS.identifier })
  resourceId: string;

  @ApiProperty({ example: '2026-12-02T06:00:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  start: string;

  @ApiProperty({ example: '2026-12-02T08:30:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  end: string;
}

export class JobDto {
  @ApiProperty({ example: 'MO-1000017', maxLength: FIELD_LIMITS.identifier })
  id: string;

  @ApiProperty({ example: 'P1', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ example: 'PUMP-100', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiProperty({ example: 20 })
  quantity: number;

  @ApiProperty({ example: 'confirmed', maxLength: FIELD_LIMITS.shortCode })
  status: string;

  @ApiProperty({ example: 10, description: 'Lower runs first' })
  priority: number;

  @ApiProperty({ example: '2026-12-06T00:00:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  dueDate: string;

  @ApiPropertyOptional({ example: '2026-12-02T06:00:00.000Z', nullable: true, type: String, maxLength: FIELD_LIMITS.isoDateTime })
  plannedStart: string | null;

  @ApiPropertyOptional({ example: '2026-12-04T14:00:00.000Z', nullable: true, type: String, maxLength: FIELD_LIMITS.isoDateTime })
  plannedEnd: string | null;

  @ApiProperty({ example: 0, description: 'Hours past the due date in the current plan; 0 when on time' })
  lateHours: number;

  // One resource load per routing step; scheduling-system-api refuses (502) a job with more rather than cut it.
  @ApiProperty({ type: [ScheduledOperationDto], maxItems: LIST_LIMITS.jobOperations })
  operations: ScheduledOperationDto[];
}
