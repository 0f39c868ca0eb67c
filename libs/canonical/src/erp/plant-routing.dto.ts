import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsISO8601, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ITEM_NUMBER_PATTERN } from '../common';
import { FIELD_LIMITS } from '../field-limits';
import { ROUTING_OPERATIONS_MAX, RoutingStepDto, WORK_CENTER_MAX } from '../plm/routing.dto';

/** A work centre of a plant, with the plant-neutral kind engineering's routings name. */
export class PlantWorkCenterDto {
  @ApiProperty({ example: 'CNC', description: 'Plant-neutral work centre (as routings name it)', maxLength: WORK_CENTER_MAX })
  workCenter: string;

  @ApiProperty({ example: 'P3-CNC1', description: "The plant's own work centre in ERP", maxLength: FIELD_LIMITS.workCentre })
  plantWorkCenter: string;

  @ApiProperty({ example: 'CNC machining', maxLength: FIELD_LIMITS.name })
  description: string;
}

/** A change's routing for one item in one plant, valid from a date. */
export class ApplyPlantRoutingDto {
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

  @ApiProperty({ example: '2026-12-01T00:00:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  @MaxLength(FIELD_LIMITS.isoDateTime)
  @IsISO8601({ strict: true })
  validFrom: string;

  @ApiProperty({ type: [RoutingStepDto], maxItems: ROUTING_OPERATIONS_MAX })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROUTING_OPERATIONS_MAX)
  @ValidateNested({ each: true })
  @Type(() => RoutingStepDto)
  operations: RoutingStepDto[];
}

export class PlantRoutingOperationDto extends RoutingStepDto {
  @ApiProperty({ example: 'P3-CNC1', description: 'The plant work centre ERP runs the operation on', maxLength: FIELD_LIMITS.workCentre })
  plantWorkCenter: string;
}

/** One version of an item's routing in a plant. */
export class PlantRoutingDto {
  @ApiProperty({ example: 'P3', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ example: 'HOUSING-2051', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiProperty({ example: 'ECN-000042', nullable: true, type: String, description: 'Null for a routing not created by a change', maxLength: FIELD_LIMITS.changeNumber })
  changeNumber: string | null;

  @ApiProperty({ example: '2026-12-01T00:00:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  validFrom: string;

  @ApiProperty({ example: null, nullable: true, type: String, description: 'Null: open-ended', maxLength: FIELD_LIMITS.isoDateTime })
  validTo: string | null;

  @ApiProperty({ type: [PlantRoutingOperationDto], maxItems: ROUTING_OPERATIONS_MAX })
  operations: PlantRoutingOperationDto[];
}

export class ApplyPlantRoutingResultDto {
  @ApiProperty({ type: PlantRoutingDto })
  routing: PlantRoutingDto;

  @ApiProperty({ example: true, description: 'False when this change had been applied already (nothing changed)' })
  created: boolean;
}
