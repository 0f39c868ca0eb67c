import { Inject, Injectable } from '@nestjs/common';
import { FlagWorkOrderDto, HoldWorkOrderDto, LIST_LIMITS, ReleaseWorkOrderHoldDto, WorkOrderDto, WorkOrderStatus } from '@threadline/canonical';
import { AppError, defineErrorCodes, isBackendConflict } from '@threadline/platform';
import { ErpConnector } from '../connector/erp.connector';

export const WORK_ORDER_ERRORS = defineErrorCodes({
  WORK_ORDER_NOT_HOLDABLE: { status: 409, title: 'Conflict', description: 'The work order is finished (`workOrderStatus`) and cannot be put on hold' },
  WORK_ORDER_FLAG_LIMIT: { status: 409, title: 'Conflict', description: 'The work order has the most flags one order may have' },
});

type WorkOrderErrorCode = keyof typeof WORK_ORDER_ERRORS;

/** Finished orders cannot be held: there is nothing left to stop. */
const NOT_HOLDABLE: WorkOrderStatus[] = ['COMPLETED', 'CLOSED'];

export class WorkOrderNotHoldableError extends AppError<WorkOrderErrorCode> {
  constructor(order: WorkOrderDto) {
    super('WORK_ORDER_NOT_HOLDABLE', `Work order ${order.number} in plant ${order.plant} is ${order.status} and cannot be put on hold`, {
      workOrder: order.number,
      // Not `status`: that member of a problem document is the HTTP status.
      workOrderStatus: order.status,
    });
  }
}

/** An order holds at most LIST_LIMITS.workOrderFlags flags: what WorkOrderDto.flags documents. */
export class WorkOrderFlagLimitError extends AppError<WorkOrderErrorCode> {
  constructor(order: WorkOrderDto) {
    super('WORK_ORDER_FLAG_LIMIT', `Work order ${order.number} in plant ${order.plant} has ${order.flags.length} flags, the most one order may have`, {
      workOrder: order.number,
      limit: LIST_LIMITS.workOrderFlags,
    });
  }
}

/**
 * Flags and holds on work orders, each idempotent: the order is read first and a write is sent
 * only when it would change something. The ERP's own refusal of a duplicate flag (409) is the
 * backstop when two requests race; the order is then read again and returned.
 */
@Injectable()
export class ChangeWorkOrderService {
  constructor(@Inject(ErpConnector) private readonly erp: ErpConnector) {}

  async flag(plant: string, number: string, flag: FlagWorkOrderDto): Promise<WorkOrderDto> {
    const order = await this.erp.getWorkOrder(plant, number);
    if (order.flags.some((f) => f.flag === flag.flag && f.reference === flag.reference)) return order;
    // Refused before it is set, so reading the order never meets more flags than documented.
    if (order.flags.length >= LIST_LIMITS.workOrderFlags) throw new WorkOrderFlagLimitError(order);
    try {
      await this.erp.addWorkOrderFlag(number, flag);
    } catch (error) {
      if (!isBackendConflict(error)) throw error;
    }
    return this.erp.getWorkOrder(plant, number);
  }

  /** A held order stays as it is (first reason kept); a finished one is refused. */
  async hold(plant: string, number: string, hold: HoldWorkOrderDto): Promise<WorkOrderDto> {
    const order = await this.erp.getWorkOrder(plant, number);
    if (order.status === 'ON_HOLD') return order;
    if (NOT_HOLDABLE.includes(order.status)) throw new WorkOrderNotHoldableError(order);
    await this.erp.setWorkOrderHold(number, hold);
    return this.erp.getWorkOrder(plant, number);
  }

  /** The order goes back to the status its other state gives it (released, in progress, ...). */
  async releaseHold(plant: string, number: string, _release: ReleaseWorkOrderHoldDto): Promise<WorkOrderDto> {
    const order = await this.erp.getWorkOrder(plant, number);
    if (order.status !== 'ON_HOLD') return order;
    await this.erp.setWorkOrderHold(number, null);
    return this.erp.getWorkOrder(plant, number);
  }
}
