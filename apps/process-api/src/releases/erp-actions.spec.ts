import type { EngineeringChangeDto, WorkOrderDto } from '@threadline/canonical';
import { componentNeeds, erpActionsFor } from './erp-actions';

const change = (disposition: 'use-up' | 'scrap'): EngineeringChangeDto => ({
  number: 'ECN-7',
  title: 't',
  description: null,
  state: 'RELEASED',
  priority: 'normal',
  targetPlants: ['P1'],
  effectivity: { type: 'date', startDate: '2026-12-01T00:00:00.000Z' },
  affectedItems: [
    { itemNumber: 'PUMP-100', fromRevision: 'A', toRevision: 'B', disposition, bomChanges: [{ action: 'replace', componentNumber: 'SEAL-200', replacementNumber: 'SEAL-210' }] },
  ],
  createdAt: '2026-11-20T00:00:00.000Z',
  releasedAt: '2026-11-20T00:00:00.000Z',
});

const wo = (number: string, status: WorkOrderDto['status'], plannedStart: string, quantity = 10): WorkOrderDto => ({
  number,
  plant: 'P1',
  itemNumber: 'PUMP-100',
  revision: 'A',
  quantity,
  unit: 'EA',
  status,
  plannedStart,
  plannedEnd: plannedStart,
  flags: [],
  holdReason: null,
});

const input = (disposition: 'use-up' | 'scrap') => ({
  change: change(disposition),
  newBoms: { 'PUMP-100': { lines: [{ findNumber: 40, componentNumber: 'SEAL-210', quantity: 2, unit: 'EA' as const }] } },
  effectiveFrom: '2026-12-01T00:00:00.000Z',
  workOrders: [
    wo('W1', 'IN_PROGRESS', '2026-11-25T06:00:00.000Z'),
    wo('W2', 'RELEASED', '2026-12-03T06:00:00.000Z', 30),
    wo('W3', 'CREATED', '2026-12-10T06:00:00.000Z', 40),
    wo('W4', 'COMPLETED', '2026-11-01T06:00:00.000Z'),
  ],
  incomingStock: [{ plant: 'P1', itemNumber: 'SEAL-210', location: '0001', lot: null, stockType: 'unrestricted' as const, quantity: 50, unit: 'EA' as const }],
  incomingOrders: [],
});

describe('ERP actions of a change', () => {
  it('flags every open order on the outgoing revision and holds none for use-up', () => {
    const actions = erpActionsFor(input('use-up'));
    expect(actions.flags.map((f) => f.number)).toEqual(['W1', 'W2', 'W3']);
    expect(actions.holds).toEqual([]);
  });

  it('holds the not-started orders when the change writes stock off', () => {
    expect(erpActionsFor(input('scrap')).holds.map((h) => h.number)).toEqual(['W2', 'W3']);
  });

  it('requests the new component for orders from the effective date, net of stock, needed by the first of them', () => {
    // W2 and W3 start after the effective date: (30 + 40) x 2 = 140 needed, 50 on hand -> 90.
    expect(erpActionsFor(input('use-up')).requisitions).toEqual([
      { itemNumber: 'SEAL-210', quantity: 90, unit: 'EA', needDate: '2026-12-03T06:00:00.000Z', reference: 'ECN-7' },
    ]);
  });

  it('requests nothing when stock and open orders cover the need', () => {
    const covered = { ...input('use-up'), incomingOrders: [{ number: 'PO1', plant: 'P1', supplierId: 'S', status: 'OPEN' as const, lines: [{ line: 10, itemNumber: 'SEAL-210', quantity: 100, unit: 'EA' as const, deliveryDate: '2026-12-01', receivedQuantity: 0 }] }] };
    expect(erpActionsFor(covered).requisitions).toEqual([]);
  });

  it('names the new components the coming orders need, and none when no order starts from the effective date unstarted', () => {
    expect([...componentNeeds(input('use-up')).keys()]).toEqual(['SEAL-210']);
    const started = { ...input('use-up'), workOrders: input('use-up').workOrders.filter((o) => o.number === 'W1' || o.number === 'W4') };
    expect(componentNeeds(started).size).toBe(0);
    // Nothing needed: no stock or supply read, and no requisition either.
    expect(erpActionsFor({ ...started, incomingStock: [], incomingOrders: [] }).requisitions).toEqual([]);
  });
});
