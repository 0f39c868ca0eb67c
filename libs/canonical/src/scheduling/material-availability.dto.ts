import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsISO8601, IsNumber, IsOptional, IsPositive, IsString, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { ITEM_NUMBER_PATTERN } from '../common';
import { FIELD_LIMITS, LIST_LIMITS } from '../field-limits';
import { PlanRunDto } from './scheduling.dto';

/** Open supply of a component: a purchase order line's open quantity and when it arrives. */
export class MaterialSupplyDto {
  @ApiProperty({ example: '4500000002/10', description: 'What the supply is: purchase order number and line', maxLength: FIELD_LIMITS.identifier })
  @IsString()
  @MaxLength(FIELD_LIMITS.identifier)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9/._-]*$/)
  reference: string;

  @ApiProperty({ example: 250, description: 'Open quantity, in the component unit', minimum: 0, exclusiveMinimum: true })
  @Type(() => Number)
  @IsNumber()
  @IsPositive()
  quantity: number;

  @ApiProperty({ example: '2026-12-10T00:00:00.000Z', description: 'When it is expected in the plant (the delivery date)', maxLength: FIELD_LIMITS.isoDateTime })
  @MaxLength(FIELD_LIMITS.isoDateTime)
  @IsISO8601({ strict: true })
  availableFrom: string;
}

/** One component's availability in the plant: unrestricted stock now plus what is on order. */
export class ComponentAvailabilityDto {
  @ApiProperty({ example: 'SEAL-200', maxLength: FIELD_LIMITS.itemNumber })
  @IsString()
  @MaxLength(FIELD_LIMITS.itemNumber)
  @Matches(ITEM_NUMBER_PATTERN)
  componentNumber: string;

  @ApiProperty({ example: 140, description: 'Unrestricted stock on hand', minimum: 0 })
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  onHand: number;

  @ApiProperty({ type: [MaterialSupplyDto], description: 'Every open supply: replaces what the scheduler held for the component', maxItems: LIST_LIMITS.purchaseOrderLines })
  @IsArray()
  @ArrayMaxSize(LIST_LIMITS.purchaseOrderLines)
  @ValidateNested({ each: true })
  @Type(() => MaterialSupplyDto)
  supplies: MaterialSupplyDto[];
}

/** The material availability of some (or all) components of one plant, as ERP had it at `asOf`. */
export class MaterialAvailabilityDto {
  @ApiProperty({ example: '2026-12-05T09:00:00.000Z', description: 'When the numbers were read', maxLength: FIELD_LIMITS.isoDateTime })
  @MaxLength(FIELD_LIMITS.isoDateTime)
  @IsISO8601({ strict: true })
  asOf: string;

  @ApiPropertyOptional({ example: 'erp-change', description: 'What the push is (an ERP change, a reconciliation): the re-plan carries it as its trigger', maxLength: FIELD_LIMITS.changeNumber })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_LIMITS.changeNumber)
  @Matches(/^[a-z0-9-]+$/)
  trigger?: string;

  @ApiProperty({ type: [ComponentAvailabilityDto], maxItems: LIST_LIMITS.bomLines })
  @IsArray()
  @ArrayMaxSize(LIST_LIMITS.bomLines)
  @ValidateNested({ each: true })
  @Type(() => ComponentAvailabilityDto)
  components: ComponentAvailabilityDto[];
}

export class MaterialAvailabilityResultDto {
  @ApiProperty({ example: 'P1', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ example: '2026-12-05T09:00:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  asOf: string;

  @ApiProperty({ example: ['SEAL-200'], description: 'Components whose stock and supply the scheduler now holds', type: 'array', items: { type: 'string', maxLength: FIELD_LIMITS.itemNumber }, maxItems: LIST_LIMITS.bomLines })
  applied: string[];

  @ApiProperty({ example: ['PUMP-CASE-9'], description: 'Components the plant scheduler does not plan: left out', type: 'array', items: { type: 'string', maxLength: FIELD_LIMITS.itemNumber }, maxItems: LIST_LIMITS.bomLines })
  unknown: string[];

  @ApiPropertyOptional({ type: PlanRunDto, nullable: true, description: 'The re-plan with the new availability; null when nothing was applied' })
  planRun: PlanRunDto | null;
}
