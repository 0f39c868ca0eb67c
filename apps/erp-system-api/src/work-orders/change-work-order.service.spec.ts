import { FlagWorkOrderDto, LIST_LIMITS, WorkOrderDto, WorkOrderFlagDto } from '@threadline/canonical';
import { toProblem } from '@threadline/platform';
import { ErpConnector } from '../connector/erp.connector';
import { ChangeWorkOrderService, WorkOrderFlagLimitError } from './change-work-order.service';

function anOrder(flagCount: number): WorkOrderDto {
  const flags: WorkOrderFlagDto[] = Array.from({ length: flagCount }, (_, i) => ({
    flag: 'ENGINEERING_CHANGE_REVIEW',
    reference: `ECN-${String(i).padStart(6, '0')}`,
    note: null,
    at: new Date(Date.UTC(2026, 10, 1, 0, 0, i)).toISOString(),
  }));
  return {
    number: '1000003',
    plant: 'P1',
    itemNumber: 'PUMP-100',
    revision: 'A',
    quantity: 30,
    unit: 'EA',
    status: 'RELEASED',
    plannedStart: '2026-12-01T06:00:00.000Z',
    plannedEnd: '2026-12-04T14:00:00.000Z',
    flags,
    holdReason: null,
  };
}

/** An in-memory ERP holding one order; adding a flag appends it as S/4HANA would. */
function fakeErp(order: WorkOrderDto) {
  const erp = {
    getWorkOrder: jest.fn(async () => structuredClone(order)),
    addWorkOrderFlag: jest.fn(async (_number: string, flag: FlagWorkOrderDto) => {
      order.flags.push({ flag: flag.flag, reference: flag.reference, note: flag.note ?? null, at: new Date().toISOString() });
    }),
  };
  return { erp, service: new ChangeWorkOrderService(erp as unknown as ErpConnector) };
}

describe('ChangeWorkOrderService.flag: at most LIST_LIMITS.workOrderFlags flags per order', () => {
  const review = (reference: string): FlagWorkOrderDto => ({ flag: 'ENGINEERING_CHANGE_REVIEW', reference });

  it('sets the last flag that fits', async () => {
    const { erp, service } = fakeErp(anOrder(LIST_LIMITS.workOrderFlags - 1));
    const order = await service.flag('P1', '1000003', review('ECN-999999'));
    expect(order.flags).toHaveLength(LIST_LIMITS.workOrderFlags);
    expect(erp.addWorkOrderFlag).toHaveBeenCalledTimes(1);
  });

  it('refuses one more with 409 WORK_ORDER_FLAG_LIMIT and writes nothing to ERP', async () => {
    const { erp, service } = fakeErp(anOrder(LIST_LIMITS.workOrderFlags));
    const refused = service.flag('P1', '1000003', review('ECN-999999'));
    await expect(refused).rejects.toBeInstanceOf(WorkOrderFlagLimitError);
    await expect(refused.catch(toProblem)).resolves.toMatchObject({ status: 409, code: 'WORK_ORDER_FLAG_LIMIT' });
    expect(erp.addWorkOrderFlag).not.toHaveBeenCalled();
  });

  it('still answers a flag the full order already has (the same flag and reference changes nothing)', async () => {
    const { erp, service } = fakeErp(anOrder(LIST_LIMITS.workOrderFlags));
    const order = await service.flag('P1', '1000003', review('ECN-000007'));
    expect(order.flags).toHaveLength(LIST_LIMITS.workOrderFlags);
    expect(erp.addWorkOrderFlag).not.toHaveBeenCalled();
  });
});
