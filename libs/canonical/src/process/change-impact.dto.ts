import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { ExactlyOneOf } from '../exactly-one-of.validator';
import { FIELD_LIMITS, LIST_LIMITS } from '../field-limits';
import { DISPOSITIONS, Disposition, CreateEngineeringChangeDto } from '../plm/engineering-change.dto';
import { WhereUsedDto } from '../erp/erp-changes.dto';
import { ItemWhereUsedTotalsDto } from '../erp/where-used-summary.dto';
import { IMPACT_ROUTING_JOBS_MAX, JobRoutingImpactDto } from './routing-impact.dto';

export class WorkOrderImpactDto {
  @ApiProperty({ example: 5, description: 'Open work orders still on the outgoing revision' })
  total: number;

  @ApiProperty({ example: { RELEASED: 3, IN_PROGRESS: 2 }, description: 'Count per ERP status' })
  byStatus: Record<string, number>;

  // Capped in the process API (impact-rules.ts); `total` counts them all.
  @ApiProperty({
    type: 'array',
    items: { type: 'string', maxLength: FIELD_LIMITS.workOrderNumber },
    maxItems: LIST_LIMITS.impactWorkOrderNumbers,
    example: ['1000017', '1000018'],
    description: `The first ${LIST_LIMITS.impactWorkOrderNumbers} of these orders by number; \`total\` counts them all`,
  })
  numbers: string[];
}

export class OutgoingComponentImpactDto {
  @ApiProperty({ example: 'SEAL-200', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiProperty({ enum: DISPOSITIONS, example: 'use-up' })
  disposition: Disposition;

  @ApiProperty({ example: 'EA', maxLength: FIELD_LIMITS.unit })
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
    maxLength: FIELD_LIMITS.isoDateTime,
  })
  useUpDate: string | null;

  @ApiProperty({ example: 0, description: 'scrap: quantity written off' })
  scrapQuantity: number;

  @ApiPropertyOptional({ example: 0, nullable: true, type: Number, description: 'scrap: value written off at standard cost' })
  scrapValue: number | null;

  @ApiPropertyOptional({ example: 'EUR', nullable: true, type: String, maxLength: FIELD_LIMITS.currency })
  currency: string | null;

  @ApiProperty({ example: 'Consume 140 EA before switching; the change is effective from 2026-12-14.', maxLength: FIELD_LIMITS.message })
  action: string;
}

export class PurchaseOrderImpactDto {
  @ApiProperty({ example: '4500000012', maxLength: FIELD_LIMITS.erpDocumentNumber })
  number: string;

  @ApiProperty({ example: 10 })
  line: number;

  @ApiProperty({ example: 'SEAL-200', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiProperty({ example: 500 })
  openQuantity: number;

  @ApiProperty({ example: '2026-12-10', maxLength: FIELD_LIMITS.isoDate })
  deliveryDate: string;

  @ApiProperty({ enum: ['keep', 'reduce', 'cancel'], example: 'reduce' })
  suggestion: 'keep' | 'reduce' | 'cancel';

  @ApiProperty({ example: 120, description: 'Quantity to keep on order' })
  suggestedQuantity: number;
}

/** One open purchase order line of an incoming component: supply arriving by its delivery date. */
export class IncomingSupplyDto {
  @ApiProperty({ example: '4500000031', maxLength: FIELD_LIMITS.erpDocumentNumber })
  number: string;

  @ApiProperty({ example: 10 })
  line: number;

  @ApiProperty({ example: 200, description: 'Ordered and not yet received' })
  openQuantity: number;

  @ApiProperty({ example: '2026-12-10', maxLength: FIELD_LIMITS.isoDate })
  deliveryDate: string;
}

export const SUBSTITUTE_COVERAGE_VERDICTS = ['covered', 'partly-covered', 'not-covered', 'no-demand'] as const;
export type SubstituteCoverageVerdict = (typeof SUBSTITUTE_COVERAGE_VERDICTS)[number];

/**
 * Whether a component the change brings in (a replacement, or an added part) is there for the
 * work that will build the new revision in this plant: its stock and open supply against the open
 * work orders of the affected item that start once the change is effective.
 */
export class IncomingComponentImpactDto {
  @ApiProperty({ example: 'SEAL-210', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiProperty({
    type: 'array',
    items: { type: 'string', maxLength: FIELD_LIMITS.itemNumber },
    maxItems: LIST_LIMITS.impactOutgoingComponents,
    example: ['SEAL-200'],
    description: 'The outgoing components it replaces; empty for a component only added',
  })
  replaces: string[];

  @ApiProperty({
    type: 'array',
    items: { type: 'string', maxLength: FIELD_LIMITS.itemNumber },
    maxItems: LIST_LIMITS.affectedItems,
    example: ['VALVE-300'],
    description: 'The affected items whose new revision uses it: their demand is added up against one stock',
  })
  usedIn: string[];

  @ApiProperty({ example: 'EA', maxLength: FIELD_LIMITS.unit })
  unit: string;

  @ApiProperty({ example: 60, description: 'Unrestricted and quality-inspection stock in the plant' })
  onHand: number;

  @ApiProperty({ example: 200, description: 'Open purchase order quantity not yet received' })
  onOrder: number;

  @ApiProperty({
    type: [IncomingSupplyDto],
    maxItems: LIST_LIMITS.impactPurchaseOrders,
    description: `Its open purchase order lines by delivery date (the first ${LIST_LIMITS.impactPurchaseOrders})`,
  })
  openSupply: IncomingSupplyDto[];

  @ApiProperty({ example: 80, description: 'Open demand on the new revision: open work orders of the affected items starting on or after the effective date, times the quantity per unit' })
  demand: number;

  @ApiProperty({ example: 60, description: 'How much of that demand stock and supply cover, work order by work order in start order, up to the first one they cannot' })
  coveredQuantity: number;

  @ApiPropertyOptional({
    example: '2026-12-20T06:00:00.000Z',
    nullable: true,
    type: String,
    description: 'Covered until: the planned start of the first work order stock and supply arriving by then cannot cover; null when they cover all of the demand (or there is none)',
    maxLength: FIELD_LIMITS.isoDateTime,
  })
  coveredUntil: string | null;

  @ApiProperty({ enum: SUBSTITUTE_COVERAGE_VERDICTS, example: 'partly-covered' })
  verdict: SubstituteCoverageVerdict;
}

export class CostDeltaDto {
  @ApiProperty({ example: 'PUMP-100', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiPropertyOptional({ example: 1.8, nullable: true, type: Number, description: 'Per unit of the item; null when a component has no cost in this plant' })
  perUnit: number | null;

  @ApiPropertyOptional({ example: 'EUR', nullable: true, type: String, maxLength: FIELD_LIMITS.currency })
  currency: string | null;
}

/*
 * whereUsed, outgoingComponents, purchaseOrders and warnings grow with the plant's BOM structure and
 * open orders, so the process API keeps the first N of each (impact-rules.ts) and gives the full
 * count beside it. The counts are optional: releases assessed before they existed lack them.
 */
export class PlantImpactDto {
  @ApiProperty({ example: 'P2', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ example: '2026-12-08T00:00:00.000Z', description: 'When the change takes effect in this plant (after its frozen horizon)', maxLength: FIELD_LIMITS.isoDateTime })
  effectiveFrom: string;

  @ApiProperty({
    type: [WhereUsedDto],
    maxItems: LIST_LIMITS.impactWhereUsed,
    description:
      `Where-used paths in this plant of the affected items, at any level, nearest first (by level, then path): the first page ERP computes ` +
      `(${LIST_LIMITS.page} paths; impacts assessed before then hold up to ${LIST_LIMITS.impactWhereUsed}); \`whereUsedTotal\` counts them all and \`whereUsedSummary\` totals them per item`,
  })
  whereUsed: WhereUsedDto[];

  @ApiPropertyOptional({ example: 1, type: Number, description: 'How many where-used paths there are; more than `whereUsed` holds when it was cut' })
  whereUsedTotal?: number;

  @ApiPropertyOptional({
    type: [ItemWhereUsedTotalsDto],
    maxItems: LIST_LIMITS.affectedItems,
    description:
      "Per affected item, in the change's order: its where-used totals in this plant as ERP computes them (paths, distinct assemblies, top-level assemblies, deepest level); absent on impacts assessed before it existed",
  })
  whereUsedSummary?: ItemWhereUsedTotalsDto[];

  @ApiProperty({ type: WorkOrderImpactDto })
  workOrders: WorkOrderImpactDto;

  @ApiProperty({
    type: [OutgoingComponentImpactDto],
    maxItems: LIST_LIMITS.impactOutgoingComponents,
    description: `One per removed or replaced component of each affected item, in the change's order: the first ${LIST_LIMITS.impactOutgoingComponents}; \`outgoingComponentsTotal\` counts them all`,
  })
  outgoingComponents: OutgoingComponentImpactDto[];

  @ApiPropertyOptional({ example: 1, type: Number, description: 'How many outgoing components there are; more than `outgoingComponents` holds when it was cut' })
  outgoingComponentsTotal?: number;

  @ApiProperty({
    type: [PurchaseOrderImpactDto],
    maxItems: LIST_LIMITS.impactPurchaseOrders,
    description: `Open purchase order lines of the outgoing components, by component and delivery date: the first ${LIST_LIMITS.impactPurchaseOrders}; \`purchaseOrdersTotal\` counts them all`,
  })
  purchaseOrders: PurchaseOrderImpactDto[];

  @ApiPropertyOptional({ example: 1, type: Number, description: 'How many open purchase order lines there are; more than `purchaseOrders` holds when it was cut' })
  purchaseOrdersTotal?: number;

  @ApiPropertyOptional({
    example: 7,
    nullable: true,
    type: Number,
    description: 'Scheduled jobs of the affected items that are not finished; null when the plant\'s scheduler could not be reached',
  })
  scheduledJobs: number | null;

  @ApiPropertyOptional({
    type: [IncomingComponentImpactDto],
    maxItems: LIST_LIMITS.impactOutgoingComponents,
    description: "One per component the change brings in, in the change's order: whether its stock and open supply cover the open demand on the new revision (absent on releases assessed before it existed)",
  })
  incomingComponents?: IncomingComponentImpactDto[];

  @ApiPropertyOptional({
    type: [JobRoutingImpactDto],
    maxItems: IMPACT_ROUTING_JOBS_MAX,
    description:
      "Scheduled jobs of items whose routing the change alters that will run the new revision's operations (not started, due on or after effectiveFrom), each with the operations that differ; absent when the change alters no routing",
  })
  routingChangedJobs?: JobRoutingImpactDto[];

  // One per affected item.
  @ApiProperty({ type: [CostDeltaDto], maxItems: LIST_LIMITS.affectedItems })
  costDelta: CostDeltaDto[];

  @ApiProperty({
    type: 'array',
    items: { type: 'string', maxLength: FIELD_LIMITS.message },
    maxItems: LIST_LIMITS.impactWarnings,
    example: ['SEAL-210 has no standard cost in P3'],
    description: `Distinct warnings, an unreachable scheduler first: the first ${LIST_LIMITS.impactWarnings}; \`warningsTotal\` counts them all`,
  })
  warnings: string[];

  @ApiPropertyOptional({ example: 1, type: Number, description: 'How many distinct warnings there are; more than `warnings` holds when it was cut' })
  warningsTotal?: number;
}

export class ChangeImpactAssessmentDto {
  @ApiPropertyOptional({ example: 'ECN-000042', nullable: true, type: String, maxLength: FIELD_LIMITS.changeNumber })
  changeNumber: string | null;

  @ApiProperty({ example: '2026-11-26T09:00:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  assessedAt: string;

  // One per target plant of the change.
  @ApiProperty({ type: [PlantImpactDto], maxItems: LIST_LIMITS.targetPlants })
  plants: PlantImpactDto[];
}

/** Either an existing change in PLM (by number) or a proposed one: nothing is applied either way. */
export class ChangeImpactRequestDto {
  @ApiPropertyOptional({ example: 'ECN-000042', description: 'Assess a change PLM already holds (give this or `change`, not both)', maxLength: FIELD_LIMITS.changeNumber })
  @ValidateIf((request: ChangeImpactRequestDto) => request.changeNumber !== undefined || request.change === undefined)
  @ExactlyOneOf('change', { context: { code: 'IMPACT_REQUEST_INVALID' } })
  @IsString()
  @MaxLength(FIELD_LIMITS.changeNumber)
  @Matches(/^[A-Z0-9-]{1,40}$/)
  changeNumber?: string;

  @ApiPropertyOptional({ type: CreateEngineeringChangeDto, description: 'Or assess a proposed change before it exists in PLM' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CreateEngineeringChangeDto)
  change?: CreateEngineeringChangeDto;
}
