import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsISO8601, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ITEM_NUMBER_PATTERN, REVISION_PATTERN } from '../common';
import { FIELD_LIMITS } from '../field-limits';
import { ROUTING_OPERATIONS_MAX, RoutingStepDto } from '../plm/routing.dto';
import { PlanRunDto } from './scheduling.dto';

/** A change's routing for one item in one plant's scheduler: jobs starting from effectiveFrom run these operations. */
export class ApplySchedulerRoutingDto {
  @ApiProperty({ example: 'ECN-000042', maxLength: FIELD_LIMITS.changeNumber })
  @IsString()
  @MaxLength(FIELD_LIMITS.changeNumber)
  @Matches(/^[A-Z0-9-]{1,40}$/)
  changeNumber: string;

  @ApiProperty({ example: 'HOUSING-2051', maxLength: FIELD_LIMITS.itemNumber })
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

  @ApiProperty({ type: [RoutingStepDto], maxItems: ROUTING_OPERATIONS_MAX })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROUTING_OPERATIONS_MAX)
  @ValidateNested({ each: true })
  @Type(() => RoutingStepDto)
  operations: RoutingStepDto[];
}

export class SchedulerRoutingOperationDto extends RoutingStepDto {
  @ApiProperty({ type: 'array', items: { type: 'string', maxLength: FIELD_LIMITS.identifier }, maxItems: 20, example: ['P3-CNC-1', 'P3-CNC-2'], description: 'Resources the operation may run on, preferred first' })
  resources: string[];
}

/** The operations a change brought to an item's routing in a plant's scheduler. */
export class SchedulerRoutingDto {
  @ApiProperty({ example: 'P3', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ example: 'HOUSING-2051', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiProperty({ example: 'ECN-000042', maxLength: FIELD_LIMITS.changeNumber })
  changeNumber: string;

  @ApiProperty({ example: 'B', maxLength: FIELD_LIMITS.revision })
  revision: string;

  @ApiProperty({ example: '2026-12-01T00:00:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  effectiveFrom: string;

  @ApiProperty({ example: null, nullable: true, type: String, description: 'Where a later change takes over; null: open', maxLength: FIELD_LIMITS.isoDateTime })
  effectiveTo: string | null;

  @ApiProperty({ type: [SchedulerRoutingOperationDto], maxItems: ROUTING_OPERATIONS_MAX })
  operations: SchedulerRoutingOperationDto[];
}

export class ApplySchedulerRoutingResultDto {
  @ApiProperty({ type: SchedulerRoutingDto })
  routing: SchedulerRoutingDto;

  @ApiProperty({ type: PlanRunDto, description: 'The plan run after the routing was applied (the latest one for a repeat)' })
  planRun: PlanRunDto;

  @ApiProperty({ example: true })
  created: boolean;
}
