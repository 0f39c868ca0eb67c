import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { FIELD_LIMITS, LIST_LIMITS, WORK_ORDER_STATUSES } from '@threadline/canonical';
import { MAX_CURSOR_LENGTH, MAX_PAGE_SIZE, PageQueryDto } from '@threadline/platform';
import { QUERY_INVALID } from '../dashboards/dashboards.errors';
import { CURSOR_EXAMPLE, PlantFilter } from '../dashboards/dashboard-query';

export const IMPACTED_ORDER_KINDS = ['work-order', 'purchase-order'] as const;
export type ImpactedOrderKind = (typeof IMPACTED_ORDER_KINDS)[number];

export class ImpactedOrdersQueryDto extends PageQueryDto {
  @PlantFilter()
  plant?: string;

  @ApiPropertyOptional({ enum: IMPACTED_ORDER_KINDS, description: 'Only work orders, or only purchase order lines' })
  @IsOptional(QUERY_INVALID)
  @IsIn(IMPACTED_ORDER_KINDS, QUERY_INVALID)
  kind?: ImpactedOrderKind;
}

const COUNT = { type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647 } as const;

export class OrderCountDto {
  @ApiProperty({ ...COUNT, example: 812, description: 'Every order of this kind on the outgoing revision when the change was assessed' })
  total: number;

  @ApiProperty({
    ...COUNT,
    example: 812,
    description: 'How many of them this read model lists (the impact lists the first 1000 of each kind per plant); less than `total` when the list was cut',
  })
  listed: number;
}

export class WorkOrderCountDto extends OrderCountDto {
  @ApiProperty({
    ...COUNT,
    example: 809,
    description: "Of `total`, those still on the outgoing revision: less the listed orders ERP's change feed has since reported closed, completed or on another revision",
  })
  stillOnOldRevision: number;

  @ApiProperty({ example: { RELEASED: 3, IN_PROGRESS: 2 }, description: 'Open work orders per ERP status', type: 'object', additionalProperties: { type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647 } })
  byStatus: Record<string, number>;
}

export class PlantImpactedOrdersDto {
  @ApiProperty({ example: 'P2', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiPropertyOptional({ example: '2026-12-08T00:00:00.000Z', nullable: true, type: String, maxLength: FIELD_LIMITS.isoDateTime, description: 'When the change takes effect in this plant' })
  effectiveFrom: string | null;

  @ApiProperty({ example: '2026-11-26T09:00:02.000Z', maxLength: FIELD_LIMITS.isoDateTime, description: 'When the process API assessed the impact' })
  assessedAt: string;

  @ApiProperty({ type: WorkOrderCountDto })
  workOrders: WorkOrderCountDto;

  @ApiProperty({ type: OrderCountDto })
  purchaseOrders: OrderCountDto;
}

export class ImpactedOrderTotalsDto {
  @ApiProperty({ ...COUNT, example: 812 })
  workOrders: number;

  @ApiProperty({ ...COUNT, example: 3 })
  purchaseOrders: number;
}

export class ImpactedOrderDto {
  @ApiProperty({ example: 'P2', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ enum: IMPACTED_ORDER_KINDS, example: 'work-order' })
  kind: ImpactedOrderKind;

  @ApiProperty({ example: '1000008', maxLength: Math.max(FIELD_LIMITS.workOrderNumber, FIELD_LIMITS.erpDocumentNumber), description: 'The work order or purchase order number' })
  number: string;

  @ApiPropertyOptional({ example: 10, nullable: true, type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647, description: 'A purchase order line; null for a work order' })
  line: number | null;

  @ApiPropertyOptional({ example: 'SEAL-200', nullable: true, type: String, maxLength: FIELD_LIMITS.itemNumber, description: 'A purchase order line: the outgoing component ordered' })
  itemNumber: string | null;

  @ApiPropertyOptional({ example: 500, nullable: true, type: Number, minimum: 0, maximum: 1e12, description: 'A purchase order line: quantity not yet received' })
  openQuantity: number | null;

  @ApiPropertyOptional({ example: '2026-12-10', nullable: true, type: String, maxLength: FIELD_LIMITS.isoDate, description: 'A purchase order line: its delivery date' })
  deliveryDate: string | null;

  @ApiPropertyOptional({ enum: ['keep', 'reduce', 'cancel'], nullable: true, example: 'reduce', description: 'A purchase order line: what the impact suggests' })
  suggestion: 'keep' | 'reduce' | 'cancel' | null;

  @ApiPropertyOptional({ example: 120, nullable: true, type: Number, minimum: 0, maximum: 1e12, description: 'A purchase order line: the quantity to keep on order' })
  suggestedQuantity: number | null;

  @ApiPropertyOptional({
    enum: WORK_ORDER_STATUSES,
    nullable: true,
    example: 'RELEASED',
    description: "A work order: its status as ERP's change feed last reported it; null when the feed has not reported it since (as assessed)",
  })
  status: string | null;

  @ApiProperty({ example: true, description: 'Still on the outgoing revision (a purchase order line: always true)' })
  stillOnOldRevision: boolean;
}

export class ImpactedOrdersPageDto {
  @ApiProperty({ example: 'ECN-000042', maxLength: FIELD_LIMITS.changeNumber })
  changeNumber: string;

  @ApiProperty({ example: '2b1c9a9e-8f0c-4a57-9f69-2f8e0e4f7d11', maxLength: FIELD_LIMITS.uuid })
  releaseId: string;

  @ApiProperty({ type: [PlantImpactedOrdersDto], maxItems: LIST_LIMITS.targetPlants, description: 'Every plant of the change (or the one filtered), with its totals' })
  plants: PlantImpactedOrdersDto[];

  @ApiProperty({ type: ImpactedOrderTotalsDto, description: 'Sums of the plants above' })
  totals: ImpactedOrderTotalsDto;

  @ApiProperty({ type: [ImpactedOrderDto], maxItems: MAX_PAGE_SIZE, description: 'One page of the listed orders, by plant, kind, number and line' })
  items: ImpactedOrderDto[];

  @ApiPropertyOptional({ description: 'Cursor for the next page; null on the last page', nullable: true, type: String, maxLength: MAX_CURSOR_LENGTH, example: CURSOR_EXAMPLE })
  nextCursor: string | null;
}
