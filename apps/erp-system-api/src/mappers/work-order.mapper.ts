import { HoldWorkOrderDto, LIST_LIMITS, WorkOrderDto, WorkOrderFlag, WorkOrderFlagDto, WorkOrderStatus } from '@threadline/canonical';
import { assertWithinLimit } from '@threadline/platform';
import { SapProductionOrder, SapProductionOrderLockPatch, SapProductionOrderStatus, SapProductionOrderStatusCreate } from '../connector/s4hana-native';
import { ErpMappingError } from './mapping-error';
import { parseSapDate, parseSapDecimal, sapDateTime, unitToCanonical } from './sap-values';

/** Canonical flags as user statuses of status profile PP000001. */
const FLAG_TO_USER_STATUS: Record<WorkOrderFlag, string> = { ENGINEERING_CHANGE_REVIEW: 'ECRV', QUALITY_HOLD: 'QHLD' };
const USER_STATUS_TO_FLAG = Object.fromEntries(Object.entries(FLAG_TO_USER_STATUS).map(([flag, code]) => [code, flag as WorkOrderFlag]));

function flagToCanonical(status: SapProductionOrderStatus): WorkOrderFlagDto | undefined {
  const flag = USER_STATUS_TO_FLAG[status.StatusCode];
  // Other user statuses belong to other processes; they are not flags of this model.
  if (!flag) return undefined;
  return { flag, reference: status.StatusReference, note: status.StatusNoteText || null, at: parseSapDate(status.StatusSetDateTime).toISOString() };
}

/**
 * SAP keeps an order's state as independent system-status flags; the canonical status is the
 * first that applies, in this order: closed, technically completed, locked, partially
 * confirmed, released. `statusFilter` is the same rule written as an OData filter.
 */
function status(native: SapProductionOrder): WorkOrderStatus {
  if (native.OrderIsClosed) return 'CLOSED';
  if (native.OrderIsTechnicallyCompleted) return 'COMPLETED';
  if (native.OrderIsLocked) return 'ON_HOLD';
  if (native.OrderIsReleased) return native.OrderIsPartiallyConfirmed ? 'IN_PROGRESS' : 'RELEASED';
  return 'CREATED';
}

const STATUS_FLAGS: Record<WorkOrderStatus, Array<[string, boolean]>> = {
  CLOSED: [['OrderIsClosed', true]],
  COMPLETED: [
    ['OrderIsClosed', false],
    ['OrderIsTechnicallyCompleted', true],
  ],
  ON_HOLD: [
    ['OrderIsClosed', false],
    ['OrderIsTechnicallyCompleted', false],
    ['OrderIsLocked', true],
  ],
  IN_PROGRESS: [
    ['OrderIsClosed', false],
    ['OrderIsTechnicallyCompleted', false],
    ['OrderIsLocked', false],
    ['OrderIsReleased', true],
    ['OrderIsPartiallyConfirmed', true],
  ],
  RELEASED: [
    ['OrderIsClosed', false],
    ['OrderIsTechnicallyCompleted', false],
    ['OrderIsLocked', false],
    ['OrderIsReleased', true],
    ['OrderIsPartiallyConfirmed', false],
  ],
  CREATED: [
    ['OrderIsClosed', false],
    ['OrderIsTechnicallyCompleted', false],
    ['OrderIsLocked', false],
    ['OrderIsReleased', false],
  ],
};

export const workOrderMapper = {
  /** A_ProductionOrder_2, read with $expand=to_ProductionOrderStatus (without it: no flags). */
  toCanonical(native: SapProductionOrder): WorkOrderDto {
    const canonicalStatus = status(native);
    const flags = (native.to_ProductionOrderStatus?.results ?? [])
      .map(flagToCanonical)
      .filter((f): f is WorkOrderFlagDto => f !== undefined)
      .sort((a, b) => a.at.localeCompare(b.at) || a.flag.localeCompare(b.flag) || a.reference.localeCompare(b.reference));
    // This API sets no more (ChangeWorkOrderService); more set in ERP directly is refused, not cut.
    assertWithinLimit(flags, LIST_LIMITS.workOrderFlags, `flags of work order ${native.ManufacturingOrder}`);
    return {
      number: native.ManufacturingOrder,
      plant: native.ProductionPlant,
      itemNumber: native.Material,
      revision: native.MaterialRevisionLevel,
      quantity: parseSapDecimal(native.TotalQuantity),
      unit: unitToCanonical(native.ProductionUnit),
      status: canonicalStatus,
      plannedStart: sapDateTime(native.MfgOrderPlannedStartDate, native.MfgOrderPlannedStartTime),
      plannedEnd: sapDateTime(native.MfgOrderPlannedEndDate, native.MfgOrderPlannedEndTime),
      flags,
      holdReason: canonicalStatus === 'ON_HOLD' ? native.OrderLockReason || null : null,
    };
  },

  /** An order with its last change time, for the change feed; an order without one cannot be placed in it. */
  changeToCanonical(native: SapProductionOrder): { workOrder: WorkOrderDto; changedAt: string } {
    if (!native.LastChangeDateTime) throw new ErpMappingError(`work order ${native.ManufacturingOrder} has no LastChangeDateTime`, native.LastChangeDateTime ?? null);
    return { workOrder: workOrderMapper.toCanonical(native), changedAt: parseSapDate(native.LastChangeDateTime).toISOString() };
  },

  /** A flag as the user status to set on the order. */
  flagFromCanonical(orderNumber: string, flag: { flag: WorkOrderFlag; reference: string; note?: string | null }): SapProductionOrderStatusCreate {
    return {
      ManufacturingOrder: orderNumber,
      StatusCode: FLAG_TO_USER_STATUS[flag.flag],
      StatusReference: flag.reference,
      ...(flag.note ? { StatusNoteText: flag.note } : {}),
    };
  },

  /** A hold is SAP's lock (system status LKD); releasing it unlocks, and the other flags decide the status again. */
  holdFromCanonical(hold: HoldWorkOrderDto | null): SapProductionOrderLockPatch {
    return hold ? { OrderIsLocked: true, OrderLockReason: hold.reason, OrderLockReference: hold.reference } : { OrderIsLocked: false };
  },

  /** The canonical status as `$filter` clauses on A_ProductionOrder_2's flags. */
  statusFilter(wanted: WorkOrderStatus): string[] {
    return STATUS_FLAGS[wanted].map(([flag, value]) => `${flag} eq ${value}`);
  },
};
