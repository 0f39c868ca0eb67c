import { FreppleProblem } from '../connector/frepple-records';
import { kindFromCanonical, readProblemDelivery, severityOf, toCanonical } from './schedule-exception.mapper';

/** A problem as scheduler-mock's output API and webhooks send it. */
function aProblem(overrides: Partial<FreppleProblem> = {}): FreppleProblem {
  return {
    id: 'P2-EXC-000017',
    entity: 'operation',
    name: 'quality hold',
    owner: '1000008',
    description: 'Leak test failed on 3 of 25 units; lot blocked',
    startdate: '2026-11-26T09:12:00',
    enddate: null,
    weight: 0,
    item: 'PUMP-100',
    resource: 'P2-TEST',
    operationplan_source: 'erp-load',
    active: true,
    created: '2026-11-26T09:12:00',
    ...overrides,
  };
}

describe('schedule exception mapper', () => {
  it('maps a quality hold on an ERP order, with the ERP work order number', () => {
    expect(toCanonical(aProblem(), 'P2')).toEqual({
      id: 'P2-EXC-000017',
      plant: 'P2',
      kind: 'quality-hold',
      severity: 'high',
      jobId: '1000008',
      workOrderNumber: '1000008',
      itemNumber: 'PUMP-100',
      resourceId: 'P2-TEST',
      detail: 'Leak test failed on 3 of 25 units; lot blocked',
      lateHours: null,
      raisedAt: '2026-11-26T09:12:00.000Z',
    });
  });

  it("maps a delay with its hours late; a scheduler-only order has no work order", () => {
    const late = toCanonical(aProblem({ name: 'late', entity: 'demand', owner: 'MO-P2-0006', weight: 18.5, resource: null, operationplan_source: 'initial-load' }), 'P2');
    expect(late).toMatchObject({ kind: 'delay', jobId: 'MO-P2-0006', workOrderNumber: null, lateHours: 18.5, severity: 'medium', resourceId: null });
  });

  it('maps shortages and overloads, which carry no lateHours', () => {
    expect(toCanonical(aProblem({ name: 'material shortage', weight: 336 }), 'P2')).toMatchObject({ kind: 'material-shortage', severity: 'high', lateHours: null });
    expect(toCanonical(aProblem({ name: 'overload', weight: 13.8 }), 'P2')).toMatchObject({ kind: 'resource-overload', severity: 'low', resourceId: 'P2-TEST' });
  });

  it('grades delays by hours late', () => {
    expect([2, 8, 47.9, 48].map((h) => severityOf('delay', h))).toEqual(['low', 'medium', 'medium', 'high']);
    expect([kindFromCanonical('delay'), kindFromCanonical('quality-hold')]).toEqual(['late', 'quality hold']);
  });

  it('reads a delivery tolerantly but refuses one without what it needs', () => {
    const delivery = { event: 'problem', plant: 'P2', problem: { ...aProblem(), futureField: 1 } };
    expect(readProblemDelivery(delivery).problem.id).toBe('P2-EXC-000017');
    expect(() => readProblemDelivery({ ...delivery, event: 'task' })).toThrow('event');
    expect(() => readProblemDelivery({ ...delivery, problem: { ...aProblem(), name: 'early' } })).toThrow('problem.name');
    expect(() => readProblemDelivery({ ...delivery, problem: { ...aProblem(), created: 'yesterday' } })).toThrow('problem.created');
    expect(() => readProblemDelivery(undefined)).toThrow('INVALID_WEBHOOK_PAYLOAD');
  });
});
