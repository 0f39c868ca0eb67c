import { LIST_LIMITS } from '@threadline/canonical';
import type { AffectedItemDto, WhereUsedDto, WorkOrderDto } from '@threadline/canonical';
import { assessPlantImpact, PlantImpactFacts, runOutDate, substituteCoverage, withinImpactLimits } from './impact-rules';

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

  it("lists the nearest paths ERP sent with ERP's total and per-item totals when ERP computed them, and neither when it did not", () => {
    const nearest: WhereUsedDto = { parentItemNumber: 'HOUSING-110', parentRevision: 'A', level: 1, quantityPer: 1, path: ['CASTING-111', 'HOUSING-110'] };
    const summary = [{ itemNumber: 'CASTING-111', paths: 1651, assemblies: 1650, topLevelAssemblies: 125, deepestLevel: 10 }];
    const impact = assessPlantImpact(someFacts({ whereUsed: [nearest], whereUsedTotal: 1651, whereUsedSummary: summary }));
    expect([impact.whereUsed, impact.whereUsedTotal, impact.whereUsedSummary]).toEqual([[nearest], 1651, summary]);
    const listed = assessPlantImpact(someFacts({ whereUsed: [nearest] }));
    expect([listed.whereUsedTotal, 'whereUsedSummary' in listed]).toEqual([1, false]);
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

describe('substitute stock: does the incoming component cover the open demand on the new revision', () => {
  const t = (n: number) => Date.parse(day(n));

  it('covers demands in start order with stock and receipts arrived by each start, up to the first it cannot', () => {
    const demands = [
      { at: t(10), quantity: 40 },
      { at: t(5), quantity: 20 },
      { at: t(20), quantity: 50 },
    ];
    expect(substituteCoverage(60, demands, [])).toEqual({ demand: 110, coveredQuantity: 60, coveredUntil: day(20), verdict: 'partly-covered' });
    // A receipt arriving before the last demand closes the gap; one arriving after it does not.
    expect(substituteCoverage(60, demands, [{ at: t(15), quantity: 50 }])).toEqual({ demand: 110, coveredQuantity: 110, coveredUntil: null, verdict: 'covered' });
    expect(substituteCoverage(60, demands, [{ at: t(25), quantity: 50 }]).verdict).toBe('partly-covered');
  });

  it('says not-covered when the first demand already lacks it, and no-demand when nothing builds the new revision', () => {
    expect(substituteCoverage(0, [{ at: t(3), quantity: 10 }], [{ at: t(4), quantity: 100 }])).toEqual({
      demand: 10,
      coveredQuantity: 0,
      coveredUntil: day(3),
      verdict: 'not-covered',
    });
    expect(substituteCoverage(100, [], [])).toEqual({ demand: 0, coveredQuantity: 0, coveredUntil: null, verdict: 'no-demand' });
  });

  it("per plant: the replacement's stock and open supply against open work orders starting on or after the effective date, at the old line's quantity", () => {
    const facts = someFacts({
      workOrders: [
        aWorkOrder({ number: 'W1', plannedStart: day(2) }),
        aWorkOrder({ number: 'W6', plannedStart: day(8), quantity: 10 }),
        aWorkOrder({ number: 'W7', plannedStart: day(12), quantity: 10, revision: 'B', status: 'CREATED' }),
        aWorkOrder({ number: 'W8', plannedStart: day(30), quantity: 10, status: 'COMPLETED' }),
      ],
      inventory: [
        { plant: 'P2', itemNumber: 'SEAL-210', location: '0001', lot: null, stockType: 'unrestricted', quantity: 25, unit: 'EA' },
        { plant: 'P2', itemNumber: 'SEAL-210', location: '0001', lot: null, stockType: 'blocked', quantity: 500, unit: 'EA' },
      ],
      purchaseOrders: [
        {
          number: '4500000031',
          plant: 'P2',
          supplierId: 'SUP-17',
          status: 'OPEN',
          lines: [{ line: 10, itemNumber: 'SEAL-210', quantity: 100, unit: 'EA', deliveryDate: day(14).slice(0, 10), receivedQuantity: 40 }],
        },
      ],
    });
    const [seal] = assessPlantImpact(facts).incomingComponents!;
    // W6 and W7 build B (2 seals each of 10 units): 40; 25 on hand covers W6 (20), not W7 by day 12 (the PO comes on day 14).
    expect(seal).toEqual({
      itemNumber: 'SEAL-210',
      replaces: ['SEAL-200'],
      usedIn: ['PUMP-100'],
      unit: 'EA',
      onHand: 25,
      onOrder: 60,
      openSupply: [{ number: '4500000031', line: 10, openQuantity: 60, deliveryDate: day(14).slice(0, 10) }],
      demand: 40,
      coveredQuantity: 20,
      coveredUntil: day(12),
      verdict: 'partly-covered',
    });
  });

  it('an added component takes its own quantity, and an impact without incoming components says so with an empty list', () => {
    const add: AffectedItemDto = { ...sealSwap(), bomChanges: [{ action: 'add', componentNumber: 'GASKET-9', quantity: 3, unit: 'EA' }] };
    const [gasket] = assessPlantImpact(someFacts({ affectedItems: [add] })).incomingComponents!;
    expect(gasket).toMatchObject({ itemNumber: 'GASKET-9', replaces: [], onHand: 0, demand: 30, coveredQuantity: 0, verdict: 'not-covered' });
    const remove: AffectedItemDto = { ...sealSwap(), bomChanges: [{ action: 'remove', componentNumber: 'SEAL-200' }] };
    expect(assessPlantImpact(someFacts({ affectedItems: [remove] })).incomingComponents).toEqual([]);
  });

  it('adds up the demand of every affected item that brings the component in, against one stock', () => {
    const valve: AffectedItemDto = { ...sealSwap(), itemNumber: 'VALVE-300' };
    const facts = someFacts({
      affectedItems: [sealSwap(), valve],
      oldBoms: {
        'PUMP-100': [{ findNumber: 40, componentNumber: 'SEAL-200', quantity: 2, unit: 'EA' }],
        'VALVE-300': [{ findNumber: 20, componentNumber: 'SEAL-200', quantity: 1, unit: 'EA' }],
      },
      workOrders: [aWorkOrder({ number: 'W6', plannedStart: day(8), quantity: 10 }), aWorkOrder({ number: 'W9', itemNumber: 'VALVE-300', plannedStart: day(9), quantity: 10 })],
      inventory: [{ plant: 'P2', itemNumber: 'SEAL-210', location: '0001', lot: null, stockType: 'unrestricted', quantity: 25, unit: 'EA' }],
      purchaseOrders: [],
    });
    const incoming = assessPlantImpact(facts).incomingComponents!;
    expect(incoming).toHaveLength(1);
    expect(incoming[0]).toMatchObject({ usedIn: ['PUMP-100', 'VALVE-300'], replaces: ['SEAL-200'], demand: 30, coveredQuantity: 20, coveredUntil: day(9), verdict: 'partly-covered' });
  });
});
