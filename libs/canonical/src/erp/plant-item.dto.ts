import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsString, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { ITEM_NUMBER_PATTERN, REVISION_PATTERN, UNITS, Unit } from '../common';
import { FIELD_LIMITS, LIST_LIMITS } from '../field-limits';

export class PlantDto {
  @ApiProperty({ example: 'P1', maxLength: FIELD_LIMITS.plantCode })
  code: string;

  @ApiProperty({ example: 'Plant 1 - Leipzig', maxLength: FIELD_LIMITS.name })
  name: string;

  @ApiProperty({ example: 'Europe/Berlin', maxLength: FIELD_LIMITS.timeZone })
  timeZone: string;
}

/** An item as one plant's ERP holds it. */
export class PlantItemDto {
  @ApiProperty({ example: 'P1', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ example: 'PUMP-100', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiProperty({ example: 'Centrifugal pump assembly', maxLength: FIELD_LIMITS.name })
  description: string;

  @ApiProperty({ example: 'A', description: 'Revision level ERP currently builds', maxLength: FIELD_LIMITS.revision })
  revision: string;

  // Additive: `revision` keeps meaning the level in force; a change on a change starts from this one.
  @ApiPropertyOptional({
    example: 'B',
    description: 'The latest revision level ERP holds for the item in the plant: the one in force, or one a change made valid from a future date (latestRevisionValidFrom)',
    maxLength: FIELD_LIMITS.revision,
  })
  latestRevision?: string;

  @ApiPropertyOptional({
    example: '2027-01-20T00:00:00.000Z',
    nullable: true,
    type: String,
    description: 'When latestRevision takes over; null when it is the revision in force',
    maxLength: FIELD_LIMITS.isoDateTime,
  })
  latestRevisionValidFrom?: string | null;

  @ApiProperty({ enum: UNITS, example: 'EA' })
  unit: Unit;

  @ApiProperty({ enum: ['make', 'buy'], example: 'make' })
  procurementType: 'make' | 'buy';

  @ApiPropertyOptional({ example: 125.5, nullable: true, type: Number, description: 'Standard cost per unit' })
  standardCost: number | null;

  @ApiPropertyOptional({ example: 'EUR', nullable: true, type: String, maxLength: FIELD_LIMITS.currency })
  currency: string | null;

  // Additive: the plant's planning data, as a created item carries it.
  @ApiPropertyOptional({ example: '101', description: 'MRP controller responsible for the item in the plant', maxLength: 3 })
  mrpController?: string;

  @ApiPropertyOptional({ enum: ['lot-for-lot', 'weekly', 'monthly'], example: 'lot-for-lot', description: 'Lot-sizing procedure of the plant\'s MRP' })
  lotSizing?: LotSizing;
}

export const LOT_SIZINGS = ['lot-for-lot', 'weekly', 'monthly'] as const;
export type LotSizing = (typeof LOT_SIZINGS)[number];
/** An MRP controller code: three letters or digits (S/4HANA's MRP controller key). */
export const MRP_CONTROLLER_PATTERN = /^[A-Z0-9]{3}$/;
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

/**
 * An item to be created in one plant's ERP: its master data (from PLM), how the plant procures
 * and plans it, and its valuation. Buy items need a standard price; make items start at the
 * given price or 0 until a cost roll-up sets one.
 */
export class CreatePlantItemDto {
  @ApiProperty({ example: 'SEAL-250', maxLength: FIELD_LIMITS.itemNumber })
  @IsString()
  @MaxLength(FIELD_LIMITS.itemNumber)
  @Matches(ITEM_NUMBER_PATTERN)
  itemNumber: string;

  @ApiProperty({ example: 'Shaft seal, HNBR', maxLength: 40, description: 'The ERP description (S/4HANA keeps 40 characters)' })
  @IsString()
  @MaxLength(40)
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @ApiProperty({ enum: UNITS, example: 'EA' })
  @IsIn(UNITS)
  unit: Unit;

  @ApiProperty({ enum: ['make', 'buy'], example: 'buy', description: 'How engineering sources the item (PLM)' })
  @IsIn(['make', 'buy'])
  sourcing: 'make' | 'buy';

  @ApiProperty({ enum: ['make', 'buy'], example: 'buy', description: 'How this plant procures it' })
  @IsIn(['make', 'buy'])
  procurementType: 'make' | 'buy';

  @ApiProperty({ example: '101', maxLength: 3, pattern: MRP_CONTROLLER_PATTERN.source })
  @IsString()
  @Matches(MRP_CONTROLLER_PATTERN)
  mrpController: string;

  @ApiProperty({ enum: LOT_SIZINGS, example: 'lot-for-lot' })
  @IsIn(LOT_SIZINGS)
  lotSizing: LotSizing;

  @ApiPropertyOptional({ example: 'A', maxLength: FIELD_LIMITS.revision, description: 'The revision the plant builds; default A (a new item\'s first revision)' })
  @IsOptional()
  @IsString()
  @Matches(REVISION_PATTERN)
  revision?: string;

  @ApiPropertyOptional({ example: 4.8, minimum: 0, description: 'Standard price per unit in `currency`; required for buy, default 0 for make' })
  @ValidateIf((o: CreatePlantItemDto) => o.procurementType === 'buy' || o.standardPrice !== undefined)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  standardPrice?: number;

  @ApiProperty({ example: 'EUR', maxLength: FIELD_LIMITS.currency, description: "The plant's currency (ISO 4217)" })
  @IsString()
  @Matches(CURRENCY_PATTERN)
  currency: string;
}

export const WORK_ORDER_STATUSES = ['CREATED', 'RELEASED', 'IN_PROGRESS', 'ON_HOLD', 'COMPLETED', 'CLOSED'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

export const PURCHASE_ORDER_STATUSES = ['OPEN', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CANCELLED'] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];

/** Orders with quantity still to arrive. */
export const OPEN_PURCHASE_ORDER_STATUSES: readonly PurchaseOrderStatus[] = ['OPEN', 'PARTIALLY_RECEIVED'];

/** Work still to be built: an engineering change can reach these orders. */
export const OPEN_WORK_ORDER_STATUSES: readonly WorkOrderStatus[] = ['CREATED', 'RELEASED', 'IN_PROGRESS', 'ON_HOLD'];

/** Orders whose material is not yet consumed: they can still be built to the new revision. */
export const NOT_STARTED_WORK_ORDER_STATUSES: readonly WorkOrderStatus[] = ['CREATED', 'RELEASED'];

export const WORK_ORDER_FLAGS = ['ENGINEERING_CHANGE_REVIEW', 'QUALITY_HOLD'] as const;
export type WorkOrderFlag = (typeof WORK_ORDER_FLAGS)[number];

/** A flag set on a work order: what to look at (an engineering change, a quality problem) and why. */
export class WorkOrderFlagDto {
  @ApiProperty({ enum: WORK_ORDER_FLAGS, example: 'ENGINEERING_CHANGE_REVIEW' })
  flag: WorkOrderFlag;

  @ApiProperty({ example: 'ECN-000042', description: 'What set the flag: a change number, an exception id', maxLength: FIELD_LIMITS.erpReference })
  reference: string;

  @ApiPropertyOptional({ example: 'Uses SEAL-200, replaced by SEAL-210 from 2027-01-04', nullable: true, type: String, maxLength: FIELD_LIMITS.flagNote })
  note: string | null;

  @ApiProperty({ example: '2026-11-26T10:15:00.000Z', description: 'When the flag was set', maxLength: FIELD_LIMITS.isoDateTime })
  at: string;
}

export class WorkOrderDto {
  @ApiProperty({ example: '1000017', maxLength: FIELD_LIMITS.workOrderNumber })
  number: string;

  @ApiProperty({ example: 'P1', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ example: 'PUMP-100', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiProperty({ example: 'A', maxLength: FIELD_LIMITS.revision })
  revision: string;

  @ApiProperty({ example: 20 })
  quantity: number;

  @ApiProperty({ enum: UNITS, example: 'EA' })
  unit: Unit;

  @ApiProperty({ enum: WORK_ORDER_STATUSES, example: 'RELEASED' })
  status: WorkOrderStatus;

  @ApiProperty({ example: '2026-12-02T06:00:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  plannedStart: string;

  @ApiProperty({ example: '2026-12-04T14:00:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  plannedEnd: string;

  // erp-system-api sets no more than this (409 WORK_ORDER_FLAG_LIMIT) and refuses (502) to read more set in ERP directly.
  @ApiProperty({
    type: [WorkOrderFlagDto],
    maxItems: LIST_LIMITS.workOrderFlags,
    description: 'Flags set on the order, oldest first; one per flag and reference',
  })
  flags: WorkOrderFlagDto[];

  @ApiPropertyOptional({ example: null, nullable: true, type: String, description: 'Why the order is on hold; null unless status is ON_HOLD', maxLength: FIELD_LIMITS.holdReason })
  holdReason: string | null;
}

export class InventoryPositionDto {
  @ApiProperty({ example: 'P1', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ example: 'SEAL-200', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiProperty({ example: '0001', maxLength: FIELD_LIMITS.storageLocation })
  location: string;

  @ApiPropertyOptional({ example: 'B2026-11', nullable: true, type: String, maxLength: FIELD_LIMITS.batch })
  lot: string | null;

  @ApiProperty({ enum: ['unrestricted', 'quality-inspection', 'blocked'], example: 'unrestricted' })
  stockType: 'unrestricted' | 'quality-inspection' | 'blocked';

  @ApiProperty({ example: 140 })
  quantity: number;

  @ApiProperty({ enum: UNITS, example: 'EA' })
  unit: Unit;
}

export class PurchaseOrderLineDto {
  @ApiProperty({ example: 10 })
  line: number;

  @ApiProperty({ example: 'SEAL-200', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiProperty({ example: 500 })
  quantity: number;

  @ApiProperty({ enum: UNITS, example: 'EA' })
  unit: Unit;

  @ApiProperty({ example: '2026-12-10', maxLength: FIELD_LIMITS.isoDate })
  deliveryDate: string;

  @ApiProperty({ example: 0 })
  receivedQuantity: number;
}

export class PurchaseOrderDto {
  @ApiProperty({ example: '4500000012', maxLength: FIELD_LIMITS.erpDocumentNumber })
  number: string;

  @ApiProperty({ example: 'P2', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ example: 'SUP-17', maxLength: FIELD_LIMITS.erpDocumentNumber })
  supplierId: string;

  @ApiProperty({ enum: PURCHASE_ORDER_STATUSES, example: 'OPEN' })
  status: PurchaseOrderStatus;

  // erp-system-api reads order items in windows of purchaseOrderLines; an order longer than that is cut at it.
  @ApiProperty({ type: [PurchaseOrderLineDto], maxItems: LIST_LIMITS.purchaseOrderLines })
  lines: PurchaseOrderLineDto[];
}
