import { LIST_LIMITS } from '@threadline/canonical';
import { toProblem } from '@threadline/platform';
import { SapProductionOrder } from '../connector/s4hana-native';
import { workOrderMapper } from './work-order.mapper';

/** As API_PRODUCTION_ORDER_2_SRV returns one A_ProductionOrder_2. */
function aProductionOrder(overrides: Partial<SapProductionOrder> = {}): SapProductionOrder {
  return {
    __metadata: {
      uri: "http://erp:4102/sap/opu/odata/sap/API_PRODUCTION_ORDER_2_SRV/A_ProductionOrder_2('1000003')",
      type: 'API_PRODUCTION_ORDER_2_SRV.A_ProductionOrder_2Type',
    },
    ManufacturingOrder: '1000003',
    Material: 'PUMP-100',
    ProductionPlant: 'P1',
    MaterialRevisionLevel: 'A',
    TotalQuantity: '30.000',
    ProductionUnit: 'PC',
    MfgOrderPlannedStartDate: '/Date(1796083200000)/',
    MfgOrderPlannedStartTime: 'PT06H00M00S',
    MfgOrderPlannedEndDate: '/Date(1796342400000)/',
    MfgOrderPlannedEndTime: 'PT14H00M00S',
    OrderIsReleased: true,
    OrderIsPartiallyConfirmed: false,
    OrderIsTechnicallyCompleted: false,
    OrderIsClosed: false,
    OrderIsDeleted: false,
    OrderIsLocked: false,
    ...overrides,
  };
}

describe('workOrderMapper', () => {
  it('maps a released production order to a canonical work order', () => {
    expect(workOrderMapper.toCanonical(aProductionOrder())).toEqual({
      number: '1000003',
      plant: 'P1',
      itemNumber: 'PUMP-100',
      revision: 'A',
      quantity: 30,
      unit: 'EA',
      status: 'RELEASED',
      plannedStart: '2026-12-01T06:00:00.000Z',
      plannedEnd: '2026-12-04T14:00:00.000Z',
      flags: [],
      holdReason: null,
    });
  });

  it('maps user statuses ECRV and QHLD to flags, oldest first, and leaves other user statuses out', () => {
    const status = (StatusCode: string, StatusReference: string, ms: number, StatusNoteText = '') => ({
      ManufacturingOrder: '1000003',
      StatusCode,
      StatusReference,
      StatusNoteText,
      StatusSetDateTime: `/Date(${ms}+0000)/`,
    });
    const order = workOrderMapper.toCanonical(
      aProductionOrder({
        to_ProductionOrderStatus: {
          results: [status('QHLD', 'EXC-000017', 1796090000000), status('ECRV', 'ECN-000042', 1796083200000, 'Uses SEAL-200'), status('ZPRT', 'X', 1796083200000)],
        },
      }),
    );
    expect(order.flags).toEqual([
      { flag: 'ENGINEERING_CHANGE_REVIEW', reference: 'ECN-000042', note: 'Uses SEAL-200', at: '2026-12-01T00:00:00.000Z' },
      { flag: 'QUALITY_HOLD', reference: 'EXC-000017', note: null, at: '2026-12-01T01:53:20.000Z' },
    ]);
  });

  it('maps as many flags as documented, and refuses (502) an order with more rather than drop some', () => {
    const flags = (count: number) => ({
      results: Array.from({ length: count }, (_, i) => ({
        ManufacturingOrder: '1000003',
        StatusCode: 'ECRV',
        StatusReference: `ECN-${String(i).padStart(6, '0')}`,
        StatusNoteText: '',
        StatusSetDateTime: `/Date(${1796083200000 + i * 1000}+0000)/`,
      })),
    });
    expect(workOrderMapper.toCanonical(aProductionOrder({ to_ProductionOrderStatus: flags(LIST_LIMITS.workOrderFlags) })).flags).toHaveLength(LIST_LIMITS.workOrderFlags);
    let refused: unknown;
    try {
      workOrderMapper.toCanonical(aProductionOrder({ to_ProductionOrderStatus: flags(LIST_LIMITS.workOrderFlags + 1) }));
    } catch (error) {
      refused = error;
    }
    expect(toProblem(refused)).toMatchObject({ status: 502, code: 'BACKEND_LIMIT_EXCEEDED', list: 'flags of work order 1000003', count: LIST_LIMITS.workOrderFlags + 1 });
  });

  it('gives the lock reason as holdReason only while the order is on hold', () => {
    const locked = { OrderIsLocked: true, OrderLockReason: 'Porosity in castings', OrderLockReference: 'EXC-000017' };
    expect(workOrderMapper.toCanonical(aProductionOrder(locked))).toMatchObject({ status: 'ON_HOLD', holdReason: 'Porosity in castings' });
    expect(workOrderMapper.toCanonical(aProductionOrder({ ...locked, OrderIsTechnicallyCompleted: true }))).toMatchObject({ status: 'COMPLETED', holdReason: null });
  });

  it('writes a flag as the user status to set, and a hold or its release as the lock', () => {
    expect(workOrderMapper.flagFromCanonical('1000003', { flag: 'QUALITY_HOLD', reference: 'EXC-000017', note: 'Porosity' })).toEqual({
      ManufacturingOrder: '1000003',
      StatusCode: 'QHLD',
      StatusReference: 'EXC-000017',
      StatusNoteText: 'Porosity',
    });
    expect(workOrderMapper.flagFromCanonical('1000003', { flag: 'ENGINEERING_CHANGE_REVIEW', reference: 'ECN-000042' })).toEqual({
      ManufacturingOrder: '1000003',
      StatusCode: 'ECRV',
      StatusReference: 'ECN-000042',
    });
    expect(workOrderMapper.holdFromCanonical({ reason: 'Porosity in castings', reference: 'EXC-000017' })).toEqual({
      OrderIsLocked: true,
      OrderLockReason: 'Porosity in castings',
      OrderLockReference: 'EXC-000017',
    });
    expect(workOrderMapper.holdFromCanonical(null)).toEqual({ OrderIsLocked: false });
  });

  it('round-trips a flag: what it writes reads back as the same flag', () => {
    const written = workOrderMapper.flagFromCanonical('1000003', { flag: 'QUALITY_HOLD', reference: 'EXC-9', note: 'n' });
    const read = workOrderMapper.toCanonical(
      aProductionOrder({ to_ProductionOrderStatus: { results: [{ StatusNoteText: '', ...written, StatusSetDateTime: '/Date(0+0000)/' }] } }),
    );
    expect(read.flags).toEqual([{ flag: 'QUALITY_HOLD', reference: 'EXC-9', note: 'n', at: '1970-01-01T00:00:00.000Z' }]);
  });

  it.each([
    [{ OrderIsReleased: false }, 'CREATED'],
    [{ OrderIsPartiallyConfirmed: true }, 'IN_PROGRESS'],
    [{ OrderIsPartiallyConfirmed: true, OrderIsLocked: true }, 'ON_HOLD'],
    [{ OrderIsPartiallyConfirmed: true, OrderIsTechnicallyCompleted: true }, 'COMPLETED'],
    [{ OrderIsTechnicallyCompleted: true, OrderIsClosed: true }, 'CLOSED'],
  ] as const)('derives the status from the SAP flags %o -> %s', (flags, status) => {
    expect(workOrderMapper.toCanonical(aProductionOrder(flags)).status).toBe(status);
  });

  it('writes each status as the $filter that selects exactly the orders mapped to it', () => {
    type Flag = 'OrderIsReleased' | 'OrderIsPartiallyConfirmed' | 'OrderIsLocked' | 'OrderIsTechnicallyCompleted' | 'OrderIsClosed';
    const flagCombos: Array<Pick<SapProductionOrder, Flag>> = [];
    for (let bits = 0; bits < 32; bits++) {
      flagCombos.push({
        OrderIsReleased: Boolean(bits & 1),
        OrderIsPartiallyConfirmed: Boolean(bits & 2),
        OrderIsLocked: Boolean(bits & 4),
        OrderIsTechnicallyCompleted: Boolean(bits & 8),
        OrderIsClosed: Boolean(bits & 16),
      });
    }
    for (const status of ['CREATED', 'RELEASED', 'IN_PROGRESS', 'ON_HOLD', 'COMPLETED', 'CLOSED'] as const) {
      const clauses = workOrderMapper.statusFilter(status).map((c) => c.split(' eq ') as [Flag, string]);
      for (const flags of flagCombos) {
        const selected = clauses.every(([flag, value]) => String(flags[flag]) === value);
        expect([status, flags, selected]).toEqual([status, flags, workOrderMapper.toCanonical(aProductionOrder(flags)).status === status]);
      }
    }
  });

  it('maps an order for the change feed with its last change time, and refuses one without', () => {
    const native = aProductionOrder({ LastChangeDateTime: '/Date(1796422365596+0000)/' });
    expect(workOrderMapper.changeToCanonical(native)).toEqual({ workOrder: workOrderMapper.toCanonical(native), changedAt: '2026-12-04T22:12:45.596Z' });
    expect(() => workOrderMapper.changeToCanonical(aProductionOrder())).toThrow(expect.objectContaining({ code: 'ERP_UNMAPPABLE_DATA' }));
  });
});
