import type { AffectedItemDto, WorkOrderDto } from '@threadline/canonical';
import { assessPlantImpact, PlantImpactFacts, runOutDate } from './impact-rules';

const NOW = new Date('2026-11-26T00:00:00.000Z');
const day = (n: number): string => new Date(NOW.getTime() + n * 86_400_000).toISOString();

const sealSwap = (disposition: AffectedItemDto['disposition'] = 'use-up'): AffectedItemDto => ({
  itemNumber: 'PUMP-100',
  fromRevision: 'A',
  toRevision: 'B',
  disposition,
  bomChanges: [{ action: 'replace', componentNumber: 'SEAL-200', replacementNumber: 'SEAL-210' }],
});

const aWorkOrder = (overrides: Partial<WorkOrderDto>): WorkOrderDto => ({
  number: '1000001',
  plant: 'P2',
  itemNumber: 'PUMP-100',
  revision: 'A',
  quantity: 10,
  unit: 'EA',
  status: 'RELEASED',
  plannedStart: day(2),
  plannedEnd: day(3),
  flags: [],
  holdReason: null,
  ...overrides,
});

function someFacts(overrides: Partial<PlantImpactFacts> = {}): PlantImpactFacts {
  return {
    plant: 'P2',
    effectiveFrom: day(7),
    affectedItems: [sealSwap()],
    oldBoms: { 'PUMP-100': [{ findNumber: 40, componentNumber: 'SEAL-200', quantity: 2, unit: 'EA' }] },
    workOrders: [
      aWorkOrder({ number: 'W1', plannedStart: day(2) }),
      aWorkOrder({ number: 'W2', plannedStart: day(5), status: 'CREATED' }),
      aWorkOrder({ number: 'W3', plannedStart: day(9), status: 'IN_PROGRESS' }),
      aWorkOrder({ number: 'W4', status: 'COMPLETED' }),
      aWorkOrder({ number: 'W5', revision: 'B' }),
    ],
    inventory: [
      { plant: 'P2', itemNumber: 'SEAL-200', location: '0001', lot: null, stockType: 'unrestricted', quantity: 30, unit: 'EA' },
      { plant: 'P2', itemNumber: 'SEAL-200', location: '0001', lot: null, stockType: 'blocked', quantity: 99, unit: 'EA' },
    ],
    purchaseOrders: [
      {
        number: '4500000012',
        plant: 'P2',
        supplierId: 'SUP-17',
        status: 'OPEN',
        lines: [{ line: 10, itemNumber: 'SEAL-200', quantity: 500, unit: 'EA', deliveryDate: day(20).slice(0, 10), receivedQuantity: 0 }],
      },
    ],
    jobs: [],
    whereUsed: [],
    costs: { 'SEAL-200': { standardCost: 4.2, currency: 'CZK' }, 'SEAL-210': { standardCost: 5.1, currency: 'CZK' } },
    now: NOW,
    ...overrides,
  };
}

describe('change impact per plant', () => {
  it('counts the open work orders on the outgoing revision, by status', () => {
    const impact = assessPlantImpact(someFacts());
    expect(impact.workOrders).toEqual({ total: 3, byStatus: { RELEASED: 1, CREATED: 1, IN_PROGRESS: 1 }, numbers: ['W1', 'W2', 'W3'] });
  });

  it('use-up: finds the day usable stock runs out against open demand', () => {
    const [seal] = assessPlantImpact(someFacts()).outgoingComponents;
    // 30 usable (the blocked 99 do not count); W1 needs 20, W2 another 20 on day 5: stock runs out there.
    expect(seal).toMatchObject({ itemNumber: 'SEAL-200', onHand: 30, allocated: 60, onOrder: 500, scrapQuantity: 0 });
    expect(seal.useUpDate).toBe(day(5));
  });

  it('use-up: suggests reducing the open purchase order to what open work orders still need', () => {
    const [po] = assessPlantImpact(someFacts()).purchaseOrders;
    expect(po).toMatchObject({ number: '4500000012', openQuantity: 500, suggestion: 'reduce', suggestedQuantity: 30 });
  });

  it('scrap: writes the usable stock off at standard cost and cancels what is on order', () => {
    const impact = assessPlantImpact(someFacts({ affectedItems: [sealSwap('scrap')] }));
    expect(impact.outgoingComponents[0]).toMatchObject({ scrapQuantity: 30, scrapValue: 126, currency: 'CZK', useUpDate: null });
    expect(impact.purchaseOrders[0]).toMatchObject({ suggestion: 'cancel', suggestedQuantity: 0 });
  });

  it('computes the cost delta per unit, and warns when the new part is unknown in the plant', () => {
    expect(assessPlantImpact(someFacts()).costDelta).toEqual([{ itemNumber: 'PUMP-100', perUnit: 1.8, currency: 'CZK' }]);
    const missing = assessPlantImpact(someFacts({ costs: { 'SEAL-200': { standardCost: 4.2, currency: 'MXN' }, 'SEAL-210': null } }));
    expect(missing.costDelta[0].perUnit).toBeNull();
    expect(missing.warnings).toContain('SEAL-210 is not set up in ERP plant P2');
  });

  it('run-out date: after the last open order at the open demand rate when stock covers it all', () => {
    const at = NOW.getTime() + 10 * 86_400_000;
    // 100 on hand, 50 needed over 10 days: 5 a day, the other 50 last 10 more days.
    expect(runOutDate(100, [{ at, quantity: 50 }], [], NOW)).toBe(new Date(at + 10 * 86_400_000).toISOString());
    expect(runOutDate(100, [], [], NOW)).toBeNull();
  });
});
