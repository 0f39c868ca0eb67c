import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { FIELD_LIMITS } from '../field-limits';

/**
 * A work centre as engineering plans with it: plant-neutral (CNC, ASSY, TEST, ...). Each plant maps
 * it to its own work centres (ERP) and machines (scheduler); a plant that has none of a kind does
 * not know it.
 */
export const WORK_CENTER_PATTERN = /^[A-Z][A-Z0-9-]{0,19}$/;
export const WORK_CENTER_MAX = 20;
export const OPERATION_DESCRIPTION_MAX = 200;
/** Longest setup or run time of one operation, in minutes (a week). */
export const OPERATION_MINUTES_MAX = 10_080;
/** Most operations a routing carries through the platform. */
export const ROUTING_OPERATIONS_MAX = 99;

/** One step of a routing: where it runs and how long it takes. */
export class RoutingStepDto {
  @ApiProperty({ example: 20, description: 'Operation number (10, 20, ...): the order of the steps', minimum: 1, maximum: 9999 })
  @IsInt()
  @Min(1)
  @Max(9999)
  sequence: number;

  @ApiProperty({ example: 'Deburr and wash', maxLength: OPERATION_DESCRIPTION_MAX })
  @IsString()
  @MaxLength(OPERATION_DESCRIPTION_MAX)
  description: string;

  @ApiProperty({ example: 'ASSY', description: 'Plant-neutral work centre', maxLength: WORK_CENTER_MAX })
  @IsString()
  @MaxLength(WORK_CENTER_MAX)
  @Matches(WORK_CENTER_PATTERN)
  workCenter: string;

  @ApiProperty({ example: 0, description: 'Setup time in minutes', minimum: 0, maximum: OPERATION_MINUTES_MAX })
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(OPERATION_MINUTES_MAX)
  setupMinutes: number;

  @ApiProperty({ example: 5, description: 'Run time per unit in minutes', minimum: 0, maximum: OPERATION_MINUTES_MAX })
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(OPERATION_MINUTES_MAX)
  runMinutesPerUnit: number;
}

/** The routing (process plan) of one item revision, as engineering defines it. */
export class RoutingDto {
  @ApiProperty({ example: 'HOUSING-2051', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiProperty({ example: 'B', maxLength: FIELD_LIMITS.revision })
  revision: string;

  @ApiProperty({ type: [RoutingStepDto], maxItems: ROUTING_OPERATIONS_MAX, description: 'In sequence order' })
  operations: RoutingStepDto[];
}

export const OPERATION_CHANGE_ACTIONS = ['add', 'remove', 'update'] as const;
export type OperationChangeAction = (typeof OPERATION_CHANGE_ACTIONS)[number];

/**
 * A change to one operation of the item's routing: add (all fields), update (the fields it
 * names), remove (the sequence only).
 */
export class OperationChangeDto {
  @ApiProperty({ enum: OPERATION_CHANGE_ACTIONS, example: 'update' })
  @IsIn(OPERATION_CHANGE_ACTIONS)
  action: OperationChangeAction;

  @ApiProperty({ example: 20, minimum: 1, maximum: 9999 })
  @IsInt()
  @Min(1)
  @Max(9999)
  sequence: number;

  @ApiPropertyOptional({ example: 'Deburr and wash', maxLength: OPERATION_DESCRIPTION_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(OPERATION_DESCRIPTION_MAX)
  description?: string;

  @ApiPropertyOptional({ example: 'CNC', maxLength: WORK_CENTER_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(WORK_CENTER_MAX)
  @Matches(WORK_CENTER_PATTERN)
  workCenter?: string;

  @ApiPropertyOptional({ example: 10, minimum: 0, maximum: OPERATION_MINUTES_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(OPERATION_MINUTES_MAX)
  setupMinutes?: number;

  @ApiPropertyOptional({ example: 7, minimum: 0, maximum: OPERATION_MINUTES_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(OPERATION_MINUTES_MAX)
  runMinutesPerUnit?: number;
}
