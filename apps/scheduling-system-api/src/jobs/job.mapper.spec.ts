import { LIST_LIMITS } from '@threadline/canonical';
import { toProblem } from '@threadline/platform';
import { FreppleManufacturingOrder, FreppleOperationPlanResource } from '../connector/frepple-records';
import { fromCanonical, statusFromCanonical, statusToCanonical, toCanonical } from './job.mapper';

const order: FreppleManufacturingOrder = {
  reference: 'MO-P1-0006',
  operation: 'PUMP-100 @ P1',
  item: 'PUMP-100',
  quantity: 15,
  startdate: '2026-12-08T09:40:00',
  enddate: '2026-12-09T07:25:00',
  due: '2026-12-08T16:00:00',
  priority: 2,
  status: 'approved',
  delay: '15:25:00',
  source: 'erp-load',
};

const loads: FreppleOperationPlanResource[] = [
  {
    id: 88,
    operationplan: 'MO-P1-0006',
    operation: 'PUMP-100 @ P1 - 20 test',
    resource: 'P1-TEST',
    quantity: 1,
    startdate: '2026-12-08T15:50:00',
    enddate: '2026-12-09T07:25:00',
    status: 'approved',
  },
  {
    id: 87,
    operationplan: 'MO-P1-0006',
    operation: 'PUMP-100 @ P1 - 10 assembly',
    resource: 'P1-ASSY',
    quantity: 1,
    startdate: '2026-12-08T09:40:00',
    enddate: '2026-12-08T15:10:00',
    status: 'approved',
  },
  { id: 91, operationplan: 'MO-P1-0007', operation: 'X', resource: 'P1-CNC', quantity: 1, startdate: '2026-12-08T06:00:00', enddate: '2026-12-08T07:00:00', status: 'approved' },
];

const sequences: Record<string, number> = { 'PUMP-100 @ P1 - 10 assembly': 10, 'PUMP-100 @ P1 - 20 test': 20 };

describe('job mapper', () => {
  it('maps as many operations as documented, and refuses (502) a job with more rather than drop some', () => {
    const steps = (count: number) => Array.from({ length: count }, (_, i) => ({ ...loads[1], id: 1000 + i, operation: `step ${i + 1}` }));
    const sequenceOf = (op: string) => Number(op.slice('step '.length)) * 10;
    expect(toCanonical(order, steps(LIST_LIMITS.jobOperations), sequenceOf, 'P1').operations).toHaveLength(LIST_LIMITS.jobOperations);
    let refused: unknown;
    try {
      toCanonical(order, steps(LIST_LIMITS.jobOperations + 1), sequenceOf, 'P1');
    } catch (error) {
      refused = error;
    }
    expect(toProblem(refused)).toMatchObject({ status: 502, code: 'BACKEND_LIMIT_EXCEEDED', list: 'operations of job MO-P1-0006 in plant P1' });
  });

  it('maps a manufacturing order and its resource loads to a canonical job', () => {
    expect(toCanonical(order, loads, (op) => sequences[op], 'P1')).toEqual({
      id: 'MO-P1-0006',
      plant: 'P1',
      itemNumber: 'PUMP-100',
      quantity: 15,
      status: 'released',
      priority: 2,
      dueDate: '2026-12-08T16:00:00.000Z',
      plannedStart: '2026-12-08T09:40:00.000Z',
      plannedEnd: '2026-12-09T07:25:00.000Z',
      lateHours: 15.42,
      operations: [
        { sequence: 10, resourceId: 'P1-ASSY', start: '2026-12-08T09:40:00.000Z', end: '2026-12-08T15:10:00.000Z' },
        { sequence: 20, resourceId: 'P1-TEST', start: '2026-12-08T15:50:00.000Z', end: '2026-12-09T07:25:00.000Z' },
      ],
    });
  });

  it('reports an early order (negative delay) as 0 hours late, and an unplanned one without dates', () => {
    const early = toCanonical({ ...order, delay: '-1 02:00:00' }, [], () => 0, 'P1');
    expect(early.lateHours).toBe(0);
    const unplanned = toCanonical({ ...order, startdate: null, enddate: null, delay: null }, [], () => 0, 'P1');
    expect(unplanned).toMatchObject({ plannedStart: null, plannedEnd: null, lateHours: 0, operations: [] });
  });

  it('translates order states both ways', () => {
    expect(['proposed', 'approved', 'confirmed', 'completed', 'closed'].map((s) => statusToCanonical(s as never))).toEqual([
      'created',
      'released',
      'in-progress',
      'completed',
      'closed',
    ]);
    expect(statusFromCanonical('in-progress')).toBe('confirmed');
    expect(() => statusToCanonical('weird' as never)).toThrow(/unknown frePPLe order status/);
    // The scheduler is at fault, not the caller: a coded 502, not an unexpected 500.
    let thrown: unknown;
    try {
      statusToCanonical('weird' as never);
    } catch (error) {
      thrown = error;
    }
    expect(toProblem(thrown)).toMatchObject({ status: 502, code: 'SCHEDULER_UNMAPPED_VALUE', backend: 'frePPLe', nativeValue: 'weird' });
  });

  it('maps a canonical job back to a frePPLe manufacturing order', () => {
    const job = toCanonical(order, loads, (op) => sequences[op], 'P1');
    expect(fromCanonical(job, 'PUMP-100 @ P1')).toEqual({
      reference: 'MO-P1-0006',
      operation: 'PUMP-100 @ P1',
      quantity: 15,
      status: 'approved',
      priority: 2,
      due: '2026-12-08T16:00:00',
    });
  });
});
