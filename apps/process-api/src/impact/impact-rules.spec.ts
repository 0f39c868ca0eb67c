import { LIST_LIMITS } from '@threadline/canonical';
import type { AffectedItemDto, WhereUsedDto, WorkOrderDto } from '@threadline/canonical';
import { assessPlantImpact, PlantImpactFacts, runOutDate, withinImpactLimits } from './impact-rules';

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

  it('lists at most the documented number of open work orders, the lowest numbers, while total counts them all', () => {
    const count = LIST_LIMITS.impactWorkOrderNumbers + 250;
    // Numbered downwards, so the kept ones are chosen by number, not by the order ERP sent them in.
    const orders = Array.from({ length: count }, (_, i) => aWorkOrder({ number: String(2_000_000 - i) }));
    const impact = assessPlantImpact(someFacts({ workOrders: orders }));
    expect(impact.workOrders.total).toBe(count);
    expect(impact.workOrders.byStatus).toEqual({ RELEASED: count });
    expect(impact.workOrders.numbers).toHaveLength(LIST_LIMITS.impactWorkOrderNumbers);
    expect(impact.workOrders.numbers[0]).toBe(String(2_000_000 - count + 1));
    expect(impact.workOrders.numbers).toEqual([...impact.workOrders.numbers].sort());
    // The use-up still weighs every open order, not only the listed ones.
    expect(impact.outgoingComponents[0].allocated).toBe(count * 10 * 2);
  });

  it('keeps the nearest where-used paths when there are more than documented, with whereUsedTotal counting them all', () => {
    const use = (level: number, i: number): WhereUsedDto => ({
      parentItemNumber: `ASSY-${level}-${i}`,
      parentRevision: 'A',
      level,
      quantityPer: 1,
      path: ['PUMP-100', ...Array.from({ length: level }, (_, l) => `ASSY-${l + 1}-${i}`)],
    });
    const deep = Array.from({ length: LIST_LIMITS.impactWhereUsed }, (_, i) => use(3, i));
    const direct = Array.from({ length: 10 }, (_, i) => use(1, i));
    const impact = assessPlantImpact(someFacts({ whereUsed: [...deep, ...direct] }));
    expect(impact.whereUsedTotal).toBe(LIST_LIMITS.impactWhereUsed + 10);
    expect(impact.whereUsed).toHaveLength(LIST_LIMITS.impactWhereUsed);
    expect(impact.whereUsed.slice(0, 10).map((w) => w.level)).toEqual(Array(10).fill(1));
    // Within a level by path: the same input in another order gives the same list.
    expect(assessPlantImpact(someFacts({ whereUsed: [...direct, ...deep].reverse() })).whereUsed).toEqual(impact.whereUsed);
  });

  it('brings an impact stored before the caps within the limits when it is read back, totals counting everything', () => {
    const stored = assessPlantImpact(someFacts());
    const old = {
      ...stored,
      whereUsed: Array.from({ length: LIST_LIMITS.impactWhereUsed + 5 }, (_, i) => ({ parentItemNumber: `A-${i}`, parentRevision: 'A', level: 1, quantityPer: 1, path: ['PUMP-100', `A-${i}`] })),
      workOrders: { ...stored.workOrders, numbers: Array.from({ length: LIST_LIMITS.impactWorkOrderNumbers + 1 }, (_, i) => String(1_000_000 + i)) },
      warnings: Array.from({ length: LIST_LIMITS.impactWarnings + 2 }, (_, i) => `warning ${i}`),
      whereUsedTotal: undefined,
      warningsTotal: undefined,
    };
    const read = withinImpactLimits(old);
    expect(read.whereUsed).toHaveLength(LIST_LIMITS.impactWhereUsed);
    expect(read.whereUsed[0].parentItemNumber).toBe('A-0');
    expect(read.whereUsedTotal).toBe(LIST_LIMITS.impactWhereUsed + 5);
    expect(read.workOrders.numbers).toHaveLength(LIST_LIMITS.impactWorkOrderNumbers);
    expect(read.warnings).toHaveLength(LIST_LIMITS.impactWarnings);
    expect(read.warningsTotal).toBe(LIST_LIMITS.impactWarnings + 2);
    // An impact within the limits is unchanged.
    expect(withinImpactLimits(stored)).toEqual(stored);
  });

  it('gives the totals beside uncut lists too', () => {
    const impact = assessPlantImpact(someFacts());
    expect(impact).toMatchObject({ whereUsedTotal: 0, outgoingComponentsTotal: 1, purchaseOrdersTotal: 1, warningsTotal: 0 });
  });

  it('keeps the warning that the scheduler was not reached first, so a cut list of warnings still has it', () => {
    const many = Array.from({ length: LIST_LIMITS.impactWarnings + 5 }, (_, i) => `NEW-${String(i).padStart(3, '0')}`);
    const affected: AffectedItemDto = { ...sealSwap(), bomChanges: many.map((n) => ({ action: 'add', componentNumber: n, quantity: 1, unit: 'EA' })) };
    const impact = assessPlantImpact(someFacts({ affectedItems: [affected], costs: {}, jobsUnavailable: 'scheduling-system-api answered 503' }));
    expect(impact.scheduledJobs).toBeNull();
    expect(impact.warnings).toHaveLength(LIST_LIMITS.impactWarnings);
    expect(impact.warnings[0]).toBe('scheduled jobs not assessed: scheduling-system-api answered 503');
    // Each new part is both not set up and without cost: two distinct warnings each, plus the scheduler's.
    expect(impact.warningsTotal).toBe(1 + 2 * many.length);
  });

  it('run-out date: after the last open order at the open demand rate when stock covers it all', () => {
    const at = NOW.getTime() + 10 * 86_400_000;
    // 100 on hand, 50 needed over 10 days: 5 a day, the other 50 last 10 more days.
    expect(runOutDate(100, [{ at, quantity: 50 }], [], NOW)).toBe(new Date(at + 10 * 86_400_000).toISOString());
    expect(runOutDate(100, [], [], NOW)).toBeNull();
  });
});
