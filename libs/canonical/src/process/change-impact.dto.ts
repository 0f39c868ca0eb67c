import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { DISPOSITIONS, Disposition, CreateEngineeringChangeDto } from '../plm/engineering-change.dto';
import { WhereUsedDto } from '../erp/erp-changes.dto';

export class WorkOrderImpactDto {
  @ApiProperty({ example: 5, description: 'Open work orders still on the outgoing revision' })
  total: number;

  @ApiProperty({ example: { RELEASED: 3, IN_PROGRESS: 2 }, description: 'Count per ERP status' })
  byStatus: Record<string, number>;

  @ApiProperty({ type: [String], example: ['1000017', '1000018'] })
  numbers: string[];
}

export class OutgoingComponentImpactDto {
  @ApiProperty({ example: 'SEAL-200' })
  itemNumber: string;

  @ApiProperty({ enum: DISPOSITIONS, example: 'use-up' })
  disposition: Disposition;

  @ApiProperty({ example: 'EA' })
  unit: string;

  @ApiProperty({ example: 140, description: 'Unrestricted and quality-inspection stock' })
  onHand: number;

  @ApiProperty({ example: 60, description: 'Required by open work orders on the outgoing revision' })
  allocated: number;

  @ApiProperty({ example: 500, description: 'Open purchase order quantity not yet received' })
  onOrder: number;

  @ApiPropertyOptional({
    example: '2026-12-14T06:00:00.000Z',
    nullable: true,
    type: String,
    description: 'use-up: when stock runs out at the current consumption rate, so when the change becomes effective; null when nothing consumes it',
  })
  useUpDate: string | null;

  @ApiProperty({ example: 0, description: 'scrap: quantity written off' })
  scrapQuantity: number;

  @ApiPropertyOptional({ example: 0, nullable: true, type: Number, description: 'scrap: value written off at standard cost' })
  scrapValue: number | null;

  @ApiPropertyOptional({ example: 'EUR', nullable: true, type: String })
  currency: string | null;

  @ApiProperty({ example: 'Consume 140 EA before switching; the change is effective from 2026-12-14.' })
  action: string;
}

export class PurchaseOrderImpactDto {
  @ApiProperty({ example: '4500000012' })
  number: string;

  @ApiProperty({ example: 10 })
  line: number;

  @ApiProperty({ example: 'SEAL-200' })
  itemNumber: string;

  @ApiProperty({ example: 500 })
  openQuantity: number;

  @ApiProperty({ example: '2026-12-10' })
  deliveryDate: string;

  @ApiProperty({ enum: ['keep', 'reduce', 'cancel'], example: 'reduce' })
  suggestion: 'keep' | 'reduce' | 'cancel';

  @ApiProperty({ example: 120, description: 'Quantity to keep on order' })
  suggestedQuantity: number;
}

export class CostDeltaDto {
  @ApiProperty({ example: 'PUMP-100' })
  itemNumber: string;

  @ApiPropertyOptional({ example: 1.8, nullable: true, type: Number, description: 'Per unit of the item; null when a component has no cost in this plant' })
  perUnit: number | null;

  @ApiPropertyOptional({ example: 'EUR', nullable: true, type: String })
  currency: string | null;
}

export class PlantImpactDto {
  @ApiProperty({ example: 'P2' })
  plant: string;

  @ApiProperty({ example: '2026-12-08T00:00:00.000Z', description: 'When the change takes effect in this plant (after its frozen horizon)' })
  effectiveFrom: string;

  @ApiProperty({ type: [WhereUsedDto], description: 'Every assembly in this plant that uses an affected item, at any level' })
  whereUsed: WhereUsedDto[];

  @ApiProperty({ type: WorkOrderImpactDto })
  workOrders: WorkOrderImpactDto;

  @ApiProperty({ type: [OutgoingComponentImpactDto] })
  outgoingComponents: OutgoingComponentImpactDto[];

  @ApiProperty({ type: [PurchaseOrderImpactDto] })
  purchaseOrders: PurchaseOrderImpactDto[];

  @ApiPropertyOptional({
    example: 7,
    nullable: true,
    type: Number,
    description: 'Scheduled jobs of the affected items that are not finished; null when the plant\'s scheduler could not be reached',
  })
  scheduledJobs: number | null;

  @ApiProperty({ type: [CostDeltaDto] })
  costDelta: CostDeltaDto[];

  @ApiProperty({ type: [String], example: ['SEAL-210 has no standard cost in P3'] })
  warnings: string[];
}

export class ChangeImpactAssessmentDto {
  @ApiPropertyOptional({ example: 'ECN-000042', nullable: true, type: String })
  changeNumber: string | null;

  @ApiProperty({ example: '2026-11-26T09:00:00.000Z' })
  assessedAt: string;

  @ApiProperty({ type: [PlantImpactDto] })
  plants: PlantImpactDto[];
}

/** Either an existing change in PLM (by number) or a proposed one: nothing is applied either way. */
export class ChangeImpactRequestDto {
  @ApiPropertyOptional({ example: 'ECN-000042', description: 'Assess a change PLM already holds' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9-]{1,40}$/)
  changeNumber?: string;

  @ApiPropertyOptional({ type: CreateEngineeringChangeDto, description: 'Or assess a proposed change before it exists in PLM' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CreateEngineeringChangeDto)
  change?: CreateEngineeringChangeDto;
}
