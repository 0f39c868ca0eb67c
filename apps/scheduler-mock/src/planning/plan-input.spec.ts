import { buildScheduleInput, PlantModel } from './plan-input';

const NOW = new Date('2026-12-07T00:00:00Z');

function aModel(overrides: Partial<PlantModel> = {}): PlantModel {
  const weekdays = { monday: true, tuesday: true, wednesday: true, thursday: true, friday: true, saturday: false, sunday: false };
  return {
    timeZone: 'Europe/Prague',
    calendars: [{ name: 'P2-1SHIFT', defaultvalue: 0 }],
    buckets: [{ calendar: 'P2-1SHIFT', startdate: null, enddate: null, value: 1, priority: 10, ...weekdays, starttime: '06:00:00', endtime: '14:00:00' }],
    resources: [
      { name: 'P2-ASSY', maximum: 1, available: 'P2-1SHIFT', type: 'default' },
      { name: 'P2-TEST', maximum: 1, available: 'P2-1SHIFT', type: 'default' },
    ],
    items: [
      { name: 'PUMP-100', category: 'make' },
      { name: 'SEAL-200', category: 'buy' },
      { name: 'SEAL-210', category: 'buy' },
    ],
    buffers: [{ item: 'SEAL-200', onhand: 30 }],
    operations: [
      { name: 'PUMP-100 @ P2', type: 'routing', owner: null, priority: 1, duration: 0, duration_per: 0 },
      { name: 'PUMP-100 @ P2 - 20 test', type: 'time_per', owner: 'PUMP-100 @ P2', priority: 20, duration: 600, duration_per: 900 },
      { name: 'PUMP-100 @ P2 - 10 assembly', type: 'time_per', owner: 'PUMP-100 @ P2', priority: 10, duration: 1800, duration_per: 1200 },
    ],
    operationResources: [
      { operation: 'PUMP-100 @ P2 - 10 assembly', resource: 'P2-ASSY', priority: 1 },
      { operation: 'PUMP-100 @ P2 - 20 test', resource: 'P2-TEST', priority: 1 },
    ],
    operationMaterials: [
      { operation: 'PUMP-100 @ P2', item: 'SEAL-200', quantity: -2, type: 'start', effective_start: null, effective_end: null },
      { operation: 'PUMP-100 @ P2', item: 'PUMP-100', quantity: 1, type: 'end', effective_start: null, effective_end: null },
    ],
    orders: [
      { reference: 'MO-P2-0001', operation: 'PUMP-100 @ P2', quantity: 10, priority: 1, due: new Date('2026-12-10T00:00:00Z'), startdate: null },
      { reference: 'MO-P2-0002', operation: 'PUMP-100 @ P2', quantity: 10, priority: 2, due: new Date('2026-12-11T00:00:00Z'), startdate: null },
    ],
    ...overrides,
  };
}

describe('buildScheduleInput', () => {
  it('expands a routing into its steps in sequence, with setup and run minutes and their resources', () => {
    const input = buildScheduleInput(aModel(), { now: NOW, purchaseLeadTimeDays: 14 });
    expect(input.orders[0].steps).toEqual([
      { operation: 'PUMP-100 @ P2 - 10 assembly', sequence: 10, setupMinutes: 30, runMinutesPerUnit: 20, resources: ['P2-ASSY'] },
      { operation: 'PUMP-100 @ P2 - 20 test', sequence: 20, setupMinutes: 10, runMinutesPerUnit: 15, resources: ['P2-TEST'] },
    ]);
    expect(input.resources.find((r) => r.name === 'P2-ASSY')!.calendar!.isWorking(Date.parse('2026-12-07T06:00:00Z'))).toBe(true);
  });

  it('runs the routing steps effective when the order is built: a routing change moves the test to another resource from its date', () => {
    const effective = new Date('2026-12-10T12:00:00Z');
    const base = aModel();
    const input = buildScheduleInput(
      aModel({
        resources: [...base.resources, { name: 'P2-TEST2', maximum: 1, available: 'P2-1SHIFT', type: 'default' }],
        operations: [
          base.operations[0],
          { ...base.operations[1], effective_end: effective },
          base.operations[2],
          { name: 'PUMP-100 @ P2 - 20 test (ECN-1)', type: 'time_per', owner: 'PUMP-100 @ P2', priority: 20, duration: 600, duration_per: 420, effective_start: effective },
        ],
        operationResources: [...base.operationResources, { operation: 'PUMP-100 @ P2 - 20 test (ECN-1)', resource: 'P2-TEST2', priority: 1 }],
      }),
      { now: NOW, purchaseLeadTimeDays: 14 },
    );
    // MO-P2-0001 is due before the change (old test), MO-P2-0002 after it (new test: 7 minutes on P2-TEST2).
    expect(input.orders.find((o) => o.reference === 'MO-P2-0001')!.steps.map((s) => [s.sequence, s.resources[0], s.runMinutesPerUnit])).toEqual([
      [10, 'P2-ASSY', 20],
      [20, 'P2-TEST', 15],
    ]);
    expect(input.orders.find((o) => o.reference === 'MO-P2-0002')!.steps.map((s) => [s.sequence, s.resources[0], s.runMinutesPerUnit])).toEqual([
      [10, 'P2-ASSY', 20],
      [20, 'P2-TEST2', 7],
    ]);
  });

  it('allocates purchased stock in dispatch order and delays the order that runs short', () => {
    // 30 seals: the first order takes 20; the second needs 20 and finds 10.
    const input = buildScheduleInput(aModel(), { now: NOW, purchaseLeadTimeDays: 14 });
    expect(input.orders.find((o) => o.reference === 'MO-P2-0001')!.materialsAvailableAt).toBeUndefined();
    expect(input.orders.find((o) => o.reference === 'MO-P2-0002')!.materialsAvailableAt).toEqual(new Date('2026-12-21T00:00:00Z'));
  });

  it('consumes the component effective at the order start: a change switches from SEAL-200 to SEAL-210', () => {
    const effective = new Date('2026-12-01T00:00:00Z');
    const model = aModel({
      operationMaterials: [
        { operation: 'PUMP-100 @ P2', item: 'SEAL-200', quantity: -2, type: 'start', effective_start: null, effective_end: effective },
        { operation: 'PUMP-100 @ P2', item: 'SEAL-210', quantity: -2, type: 'start', effective_start: effective, effective_end: null },
      ],
      buffers: [{ item: 'SEAL-200', onhand: 1000 }],
    });
    const input = buildScheduleInput(model, { now: NOW, purchaseLeadTimeDays: 14 });
    // No SEAL-210 in stock: both orders wait, although SEAL-200 is plentiful.
    expect(input.orders.every((o) => o.materialsAvailableAt?.toISOString() === '2026-12-21T00:00:00.000Z')).toBe(true);
  });

  it('without purchase orders a short order waits the lead time, as before ERP fed supply; with them it waits for the covering one', () => {
    const supply = new Date('2026-12-09T00:00:00Z');
    const model = aModel({ purchaseOrders: [{ reference: '4500000002/00010', item: 'SEAL-200', quantity: 10, enddate: supply }] });
    const input = buildScheduleInput(model, { now: NOW, purchaseLeadTimeDays: 14 });
    const second = input.orders.find((o) => o.reference === 'MO-P2-0002')!;
    // 10 left on hand + 10 arriving on 9 Dec cover the second order's 20.
    expect(second.materialsAvailableAt).toEqual(supply);
    expect(second.materialWaits).toEqual([{ item: 'SEAL-200', availableAt: supply, supply: '4500000002/00010' }]);
    expect(input.orders.find((o) => o.reference === 'MO-P2-0001')!.materialWaits).toBeUndefined();
  });

  it('a purchase order moved later moves the release of the order it covers with it', () => {
    const later = new Date('2027-01-15T00:00:00Z');
    const model = aModel({ purchaseOrders: [{ reference: '4500000002/00010', item: 'SEAL-200', quantity: 10, enddate: later }] });
    const input = buildScheduleInput(model, { now: NOW, purchaseLeadTimeDays: 14 });
    expect(input.orders.find((o) => o.reference === 'MO-P2-0002')!.materialsAvailableAt).toEqual(later);
  });
});
