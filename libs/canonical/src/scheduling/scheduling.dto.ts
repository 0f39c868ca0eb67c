import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsNumber, IsPositive, IsString, Matches, ValidateNested } from 'class-validator';
import { ITEM_NUMBER_PATTERN, REVISION_PATTERN, UNITS, Unit } from '../common';

export class ResourceDto {
  @ApiProperty({ example: 'P1-CNC-01' })
  id: string;

  @ApiProperty({ example: 'P1' })
  plant: string;

  @ApiProperty({ example: 'CNC machining centre 1' })
  name: string;

  @ApiProperty({ example: 1, description: 'Operations it can run at once' })
  capacity: number;

  @ApiPropertyOptional({ example: 'P1-2SHIFT', nullable: true, type: String })
  calendarId: string | null;
}

export class ComponentRequirementDto {
  @ApiProperty({ example: 'SEAL-210' })
  @IsString()
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
}

/** A production-effective engineering change pushed to one plant's scheduler. */
export class ApplyProductionChangeDto {
  @ApiProperty({ example: 'ECN-000042' })
  @IsString()
  @Matches(/^[A-Z0-9-]{1,40}$/)
  changeNumber: string;

  @ApiProperty({ example: 'PUMP-100' })
  @IsString()
  @Matches(ITEM_NUMBER_PATTERN)
  itemNumber: string;

  @ApiProperty({ example: 'B' })
  @IsString()
  @Matches(REVISION_PATTERN)
  revision: string;

  @ApiProperty({ example: '2026-12-01T00:00:00.000Z' })
  @IsISO8601({ strict: true })
  effectiveFrom: string;

  @ApiProperty({ type: [ComponentRequirementDto], description: 'The complete component list of the new revision' })
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => ComponentRequirementDto)
  components: ComponentRequirementDto[];
}

export class ProductionChangeDto {
  @ApiProperty({ example: 'P1' })
  plant: string;

  @ApiProperty({ example: 'ECN-000042' })
  changeNumber: string;

  @ApiProperty({ example: 'PUMP-100' })
  itemNumber: string;

  @ApiProperty({ example: 'B' })
  revision: string;

  @ApiProperty({ example: '2026-12-01T00:00:00.000Z' })
  effectiveFrom: string;

  @ApiProperty({ type: [ComponentRequirementDto] })
  components: ComponentRequirementDto[];

  @ApiProperty({ example: '2026-11-20T09:00:05.000Z' })
  appliedAt: string;
}

export class PlanRunDto {
  @ApiProperty({ example: '42' })
  id: string;

  @ApiProperty({ example: 'P1' })
  plant: string;

  @ApiProperty({ enum: ['running', 'finished', 'failed'], example: 'finished' })
  status: 'running' | 'finished' | 'failed';

  @ApiProperty({ example: '2026-11-20T09:00:05.000Z' })
  startedAt: string;

  @ApiPropertyOptional({ example: '2026-11-20T09:00:05.300Z', nullable: true, type: String })
  finishedAt: string | null;

  @ApiProperty({ example: 37 })
  jobsPlanned: number;

  @ApiProperty({ example: 2 })
  lateJobs: number;

  @ApiPropertyOptional({ example: 'ECN-000042', nullable: true, type: String, description: 'Change that triggered this re-plan' })
  trigger: string | null;
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

  @ApiProperty({ example: 'P1-CNC-01' })
  resourceId: string;

  @ApiProperty({ example: '2026-12-02T06:00:00.000Z' })
  start: string;

  @ApiProperty({ example: '2026-12-02T08:30:00.000Z' })
  end: string;
}

export class JobDto {
  @ApiProperty({ example: 'MO-1000017' })
  id: string;

  @ApiProperty({ example: 'P1' })
  plant: string;

  @ApiProperty({ example: 'PUMP-100' })
  itemNumber: string;

  @ApiProperty({ example: 20 })
  quantity: number;

  @ApiProperty({ example: 'confirmed' })
  status: string;

  @ApiProperty({ example: 10, description: 'Lower runs first' })
  priority: number;

  @ApiProperty({ example: '2026-12-06T00:00:00.000Z' })
  dueDate: string;

  @ApiPropertyOptional({ example: '2026-12-02T06:00:00.000Z', nullable: true, type: String })
  plannedStart: string | null;

  @ApiPropertyOptional({ example: '2026-12-04T14:00:00.000Z', nullable: true, type: String })
  plannedEnd: string | null;

  @ApiProperty({ example: 0, description: 'Hours past the due date in the current plan; 0 when on time' })
  lateHours: number;

  @ApiProperty({ type: [ScheduledOperationDto] })
  operations: ScheduledOperationDto[];
}
