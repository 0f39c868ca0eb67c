import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsNumber, IsOptional, IsPositive, IsString, Length, Matches, Max, MaxLength } from 'class-validator';
import { ITEM_NUMBER_PATTERN, REVISION_PATTERN, UNITS, Unit } from '../common';
import { FIELD_LIMITS, LIST_LIMITS } from '../field-limits';
import { WORK_ORDER_FLAGS, WorkOrderFlag } from './plant-item.dto';

/** A reference to what caused an ERP change (a change number, an exception id): printable, no outer blanks. */
// eslint-disable-next-line no-control-regex -- the pattern exists to refuse control characters
export const ERP_REFERENCE_PATTERN = /^[^\s\x00-\x1f\x7f](?:[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f])?$/;
export const CHANGE_NUMBER_PATTERN = /^[A-Z0-9-]{1,40}$/;

// ---- Work order flags and holds -------------------------------------------------------------

export class FlagWorkOrderDto {
  @ApiProperty({ enum: WORK_ORDER_FLAGS, example: 'ENGINEERING_CHANGE_REVIEW' })
  @IsIn(WORK_ORDER_FLAGS)
  flag: WorkOrderFlag;

  @ApiProperty({ example: 'ECN-000042', minLength: 1, maxLength: FIELD_LIMITS.erpReference, description: 'A change number or an exception id; the same flag and reference again changes nothing' })
  @IsString()
  @Length(1, FIELD_LIMITS.erpReference)
  @Matches(ERP_REFERENCE_PATTERN)
  reference: string;

  @ApiPropertyOptional({ example: 'Uses SEAL-200, replaced by SEAL-210 from 2027-01-04', maxLength: FIELD_LIMITS.flagNote })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_LIMITS.flagNote)
  note?: string;
}

export class HoldWorkOrderDto {
  @ApiProperty({ example: 'Quality hold: porosity found in housing castings', minLength: 1, maxLength: FIELD_LIMITS.holdReason })
  @IsString()
  @Length(1, FIELD_LIMITS.holdReason)
  @Matches(ERP_REFERENCE_PATTERN)
  reason: string;

  @ApiProperty({ example: 'EXC-000017', minLength: 1, maxLength: FIELD_LIMITS.erpReference })
  @IsString()
  @Length(1, FIELD_LIMITS.erpReference)
  @Matches(ERP_REFERENCE_PATTERN)
  reference: string;
}

export class ReleaseWorkOrderHoldDto {
  @ApiProperty({ example: 'EXC-000017', minLength: 1, maxLength: FIELD_LIMITS.erpReference, description: 'What releases the hold (the exception closed, the change reviewed)' })
  @IsString()
  @Length(1, FIELD_LIMITS.erpReference)
  @Matches(ERP_REFERENCE_PATTERN)
  reference: string;
}

// ---- Purchase requisitions ------------------------------------------------------------------

export const PURCHASE_REQUISITION_STATUSES = ['OPEN', 'ORDERED'] as const;
export type PurchaseRequisitionStatus = (typeof PURCHASE_REQUISITION_STATUSES)[number];

/** A request to buy an item for a plant by a date (SAP: purchase requisition item). */
export class PurchaseRequisitionDto {
  @ApiProperty({ example: '0010000001', maxLength: FIELD_LIMITS.erpDocumentNumber })
  number: string;

  @ApiProperty({ example: 'P1', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ example: 'SEAL-210', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiProperty({ example: 120 })
  quantity: number;

  @ApiProperty({ enum: UNITS, example: 'EA' })
  unit: Unit;

  @ApiProperty({ example: '2027-01-04T00:00:00.000Z', description: 'By day in the ERP: the UTC date at 00:00', maxLength: FIELD_LIMITS.isoDateTime })
  needDate: string;

  @ApiProperty({
    example: 'ECN-000042',
    description: 'What the requirement comes from (change number); one requisition per plant, item and reference',
    maxLength: FIELD_LIMITS.erpReference,
  })
  reference: string;

  @ApiProperty({ enum: PURCHASE_REQUISITION_STATUSES, example: 'OPEN', description: 'OPEN until purchasing turns it into a purchase order' })
  status: PurchaseRequisitionStatus;
}

export class CreatePurchaseRequisitionDto {
  @ApiProperty({ example: 'SEAL-210', maxLength: FIELD_LIMITS.itemNumber })
  @IsString()
  @MaxLength(FIELD_LIMITS.itemNumber)
  @Matches(ITEM_NUMBER_PATTERN)
  itemNumber: string;

  @ApiProperty({ example: 120, exclusiveMinimum: true, minimum: 0 })
  @Type(() => Number)
  @IsNumber({ maxDecimalPlaces: 3, allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(1_000_000_000)
  quantity: number;

  @ApiProperty({ enum: UNITS, example: 'EA' })
  @IsIn(UNITS)
  unit: Unit;

  @ApiProperty({ example: '2027-01-04T00:00:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  @MaxLength(FIELD_LIMITS.isoDateTime)
  @IsISO8601({ strict: true })
  needDate: string;

  @ApiProperty({ example: 'ECN-000042', minLength: 1, maxLength: FIELD_LIMITS.erpReference })
  @IsString()
  @Length(1, FIELD_LIMITS.erpReference)
  @Matches(ERP_REFERENCE_PATTERN)
  reference: string;
}

export class CreatePurchaseRequisitionResultDto {
  @ApiProperty({ type: PurchaseRequisitionDto })
  requisition: PurchaseRequisitionDto;

  @ApiProperty({ example: true, description: 'False when this plant, item and reference had been requested already' })
  created: boolean;
}

export class PurchaseRequisitionPageDto {
  @ApiProperty({ type: [PurchaseRequisitionDto], maxItems: LIST_LIMITS.page })
  items: PurchaseRequisitionDto[];

  @ApiPropertyOptional({ example: 'eyJza2lwIjo1MH0', nullable: true, type: String, description: 'Absent (null) on the last page', maxLength: FIELD_LIMITS.cursor })
  nextCursor: string | null;
}

// ---- Cost roll-up and costs -----------------------------------------------------------------

export class RunCostRollupDto {
  @ApiProperty({ example: 'PUMP-100', maxLength: FIELD_LIMITS.itemNumber })
  @IsString()
  @MaxLength(FIELD_LIMITS.itemNumber)
  @Matches(ITEM_NUMBER_PATTERN)
  itemNumber: string;

  @ApiProperty({ example: 'B', description: 'The revision whose BOM must be the one valid at validFrom', maxLength: FIELD_LIMITS.revision })
  @IsString()
  @MaxLength(FIELD_LIMITS.revision)
  @Matches(REVISION_PATTERN)
  revision: string;

  @ApiProperty({
    example: 'ECN-000042',
    description: 'Rolling up for the same change again returns the first result and changes nothing',
    maxLength: FIELD_LIMITS.changeNumber,
  })
  @IsString()
  @MaxLength(FIELD_LIMITS.changeNumber)
  @Matches(CHANGE_NUMBER_PATTERN)
  changeNumber: string;

  @ApiProperty({ example: '2027-01-04T00:00:00.000Z', description: 'Costing date and start of the future standard cost (by day)', maxLength: FIELD_LIMITS.isoDateTime })
  @MaxLength(FIELD_LIMITS.isoDateTime)
  @IsISO8601({ strict: true })
  validFrom: string;
}

/** A cost roll-up of an item's BOM valid at a date, recorded as its future standard cost. */
export class CostRollupDto {
  @ApiProperty({ example: 'P1', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ example: 'PUMP-100', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiProperty({ example: 'B', maxLength: FIELD_LIMITS.revision })
  revision: string;

  @ApiProperty({ example: 'ECN-000042', maxLength: FIELD_LIMITS.changeNumber })
  changeNumber: string;

  @ApiProperty({ example: 412.5, description: 'Standard cost per unit in force when the roll-up ran' })
  previousStandardCost: number;

  @ApiProperty({ example: 417, description: 'materialCost + nonMaterialCost: the future standard cost per unit' })
  rolledUpCost: number;

  @ApiProperty({ example: 375.06, description: 'Components of the BOM valid at validFrom, all levels: bought at standard cost, made ones rolled up' })
  materialCost: number;

  @ApiProperty({ example: 41.94, description: "The item's own activity and overhead share, kept from its standard cost" })
  nonMaterialCost: number;

  @ApiProperty({ example: 'EUR', maxLength: FIELD_LIMITS.currency })
  currency: string;

  @ApiProperty({ example: '2027-01-04T00:00:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  validFrom: string;
}

export class ItemCostDto {
  @ApiProperty({ example: 'P1', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ example: 'PUMP-100', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiProperty({ example: 412.5, description: 'Standard cost per unit in force now' })
  standardCost: number;

  @ApiProperty({ example: 'EUR', maxLength: FIELD_LIMITS.currency })
  currency: string;

  @ApiPropertyOptional({ example: 417, nullable: true, type: Number, description: 'Standard cost per unit from futureValidFrom on (a cost roll-up)' })
  futureStandardCost: number | null;

  @ApiPropertyOptional({ example: '2027-01-04T00:00:00.000Z', nullable: true, type: String, maxLength: FIELD_LIMITS.isoDateTime })
  futureValidFrom: string | null;
}

// ---- Where-used, routing, suppliers ---------------------------------------------------------

export class WhereUsedDto {
  @ApiProperty({ example: 'PUMP-100', maxLength: FIELD_LIMITS.itemNumber })
  parentItemNumber: string;

  @ApiProperty({ example: 'A', description: "Revision of the parent's BOM valid at the date asked", maxLength: FIELD_LIMITS.revision })
  parentRevision: string;

  @ApiProperty({ example: 2, description: '1 = direct parent, 2 = its parent, ...' })
  level: number;

  @ApiProperty({ example: 1, description: 'Quantity of the item per one unit of this parent, multiplied along the path' })
  quantityPer: number;

  // ERP's where-used walks BOMs of any depth; erp-system-api refuses (502) a path deeper than an explosion may go.
  @ApiProperty({
    example: ['CASTING-111', 'HOUSING-110', 'PUMP-100'],
    type: 'array',
    items: { type: 'string', maxLength: FIELD_LIMITS.itemNumber },
    maxItems: LIST_LIMITS.whereUsedPathItems,
    description: 'From the item up to this parent',
  })
  path: string[];
}

export class RoutingOperationDto {
  @ApiProperty({ example: 10 })
  sequence: number;

  @ApiProperty({ example: 'P1-ASSY', maxLength: FIELD_LIMITS.workCentre })
  workCentre: string;

  @ApiProperty({ example: 'Assembly', maxLength: FIELD_LIMITS.name })
  description: string;

  @ApiProperty({ example: 30 })
  setupMinutes: number;

  @ApiProperty({ example: 20 })
  runMinutesPerUnit: number;
}

export class SupplierDto {
  @ApiProperty({ example: '17300001', maxLength: FIELD_LIMITS.erpDocumentNumber })
  id: string;

  @ApiProperty({ example: 'Dichtungstechnik Weber GmbH', maxLength: FIELD_LIMITS.name })
  name: string;

  @ApiProperty({ example: 'DE', description: 'ISO 3166-1 alpha-2', maxLength: FIELD_LIMITS.country })
  country: string;
}

export class SupplierPageDto {
  @ApiProperty({ type: [SupplierDto], maxItems: LIST_LIMITS.page })
  items: SupplierDto[];

  @ApiPropertyOptional({ example: 'eyJhZnRlciI6IjE3MzAwMDAxIn0', nullable: true, type: String, description: 'Absent (null) on the last page', maxLength: FIELD_LIMITS.cursor })
  nextCursor: string | null;
}

// ---- Material availability changes ----------------------------------------------------------

export const MATERIAL_AVAILABILITY_CHANGE_REASONS = ['purchase-order-changed', 'goods-movement'] as const;
export type MaterialAvailabilityChangeReason = (typeof MATERIAL_AVAILABILITY_CHANGE_REASONS)[number];

/**
 * Something in ERP changed what is available of an item in a plant: a purchase order line changed
 * (its delivery date, quantity, a receipt) or a goods movement was posted. It says what changed,
 * not the new numbers: a consumer reads the item's current availability once for a burst of them.
 */
export class MaterialAvailabilityChangeDto {
  @ApiProperty({ example: 'P1', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ example: 'SEAL-200', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiProperty({ enum: MATERIAL_AVAILABILITY_CHANGE_REASONS, example: 'purchase-order-changed' })
  reason: MaterialAvailabilityChangeReason;

  @ApiProperty({ example: '4500000002/10', description: 'The ERP document: purchase order and line, or material document, year and item', maxLength: FIELD_LIMITS.identifier })
  document: string;

  @ApiProperty({ example: '2026-12-05T09:00:00.123Z', description: "ERP's time of the change (milliseconds)", maxLength: FIELD_LIMITS.isoDateTime })
  changedAt: string;
}
