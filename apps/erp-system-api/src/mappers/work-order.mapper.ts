import { WorkOrderDto, WorkOrderStatus } from '@threadline/canonical';
import { SapProductionOrder } from '../connector/s4hana-native';
import { parseSapDecimal, sapDateTime, unitToCanonical } from './sap-values';

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
  toCanonical(native: SapProductionOrder): WorkOrderDto {
    return {
      number: native.ManufacturingOrder,
      plant: native.ProductionPlant,
      itemNumber: native.Material,
      revision: native.MaterialRevisionLevel,
      quantity: parseSapDecimal(native.TotalQuantity),
      unit: unitToCanonical(native.ProductionUnit),
      status: status(native),
      plannedStart: sapDateTime(native.MfgOrderPlannedStartDate, native.MfgOrderPlannedStartTime),
      plannedEnd: sapDateTime(native.MfgOrderPlannedEndDate, native.MfgOrderPlannedEndTime),
    };
  },

  /** The canonical status as `$filter` clauses on A_ProductionOrder_2's flags. */
  statusFilter(wanted: WorkOrderStatus): string[] {
    return STATUS_FLAGS[wanted].map(([flag, value]) => `${flag} eq ${value}`);
  },
};
