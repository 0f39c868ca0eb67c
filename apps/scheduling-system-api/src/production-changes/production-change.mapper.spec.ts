import { ApplyProductionChangeDto } from '@threadline/canonical';
import { FreppleOperationMaterial } from '../connector/frepple-records';
import { fromCanonical, toCanonical } from './production-change.mapper';

const ROUTING = 'PUMP-100 @ P2';

function record(id: number, item: string, quantity: number, overrides: Partial<FreppleOperationMaterial> = {}): FreppleOperationMaterial {
  return {
    id,
    operation: ROUTING,
    item,
    quantity,
    type: quantity < 0 ? 'start' : 'end',
    effective_start: null,
    effective_end: null,
    revision: 'A',
    source: 'initial-load',
    lastmodified: '2026-11-02T07:00:00',
    ...overrides,
  };
}

/** PUMP-100 revision A at P2, as frePPLe holds it. */
const revisionA: FreppleOperationMaterial[] = [
  record(31, 'HOUSING-110', -1),
  record(32, 'IMPELLER-120', -1),
  record(33, 'SHAFT-130', -1),
  record(34, 'SEAL-200', -2),
  record(35, 'MOTOR-140', -1),
  record(36, 'BOLT-M8', -8),
  record(37, 'PUMP-100', 1),
  // Already ended by an older change: not touched again.
  record(30, 'SEAL-190', -2, { effective_end: '2025-06-01T00:00:00' }),
];

const changeB: ApplyProductionChangeDto = {
  changeNumber: 'ECN-000042',
  itemNumber: 'PUMP-100',
  revision: 'B',
  effectiveFrom: '2026-12-01T00:00:00.000Z',
  components: [
    { componentNumber: 'HOUSING-110', quantity: 1, unit: 'EA' },
    { componentNumber: 'IMPELLER-120', quantity: 1, unit: 'EA' },
    { componentNumber: 'SHAFT-130', quantity: 1, unit: 'EA' },
    { componentNumber: 'SEAL-210', quantity: 2, unit: 'EA' },
    { componentNumber: 'MOTOR-140', quantity: 1, unit: 'EA' },
    { componentNumber: 'BOLT-M8', quantity: 8, unit: 'EA' },
  ],
};

describe('production change mapper', () => {
  it('ends every component valid at the effectivity date and starts the new list with the change as source', () => {
    const writes = fromCanonical(changeB, ROUTING, revisionA);
    expect(writes.slice(0, 6)).toEqual([31, 32, 33, 34, 35, 36].map((id) => ({ id, effective_end: '2026-12-01T00:00:00' })));
    expect(writes.slice(6)).toHaveLength(6);
    expect(writes[9]).toEqual({
      operation: ROUTING,
      item: 'SEAL-210',
      quantity: -2,
      type: 'start',
      effective_start: '2026-12-01T00:00:00',
      effective_end: null,
      revision: 'B',
      source: 'ECN-000042',
    });
    // The product output record (positive quantity) and already-ended records stay as they are.
    expect(writes.some((w) => 'id' in w && (w.id === 37 || w.id === 30))).toBe(false);
  });

  it('leaves records that only start after the effectivity date alone', () => {
    const later = record(50, 'SEAL-220', -2, { effective_start: '2027-03-01T00:00:00', source: 'ECN-000099' });
    const writes = fromCanonical(changeB, ROUTING, [...revisionA, later]);
    expect(writes.some((w) => 'id' in w && w.id === 50)).toBe(false);
  });

  it('rebuilds the change from the records that carry its number', () => {
    const written = fromCanonical(changeB, ROUTING, revisionA)
      .filter((w): w is Exclude<typeof w, { effective_end: string }> => 'item' in w)
      .map((w, i) => ({ ...w, id: 100 + i, lastmodified: '2026-11-20T09:00:05' }) as FreppleOperationMaterial);
    expect(toCanonical(written, { plant: 'P2', itemNumber: 'PUMP-100', unitOf: () => 'EA' })).toEqual({
      plant: 'P2',
      changeNumber: 'ECN-000042',
      itemNumber: 'PUMP-100',
      revision: 'B',
      effectiveFrom: '2026-12-01T00:00:00.000Z',
      effectiveTo: null,
      components: changeB.components,
      appliedAt: '2026-11-20T09:00:05.000Z',
    });
  });

  describe('a change on a change: B from Dec 1, then C from Dec 11', () => {
    const changeC: ApplyProductionChangeDto = {
      ...changeB,
      changeNumber: 'ECN-000043',
      revision: 'C',
      effectiveFrom: '2026-12-11T00:00:00.000Z',
      components: changeB.components.filter((c) => c.componentNumber !== 'BOLT-M8'),
    };
    const stored = (writes: ReturnType<typeof fromCanonical>, firstId: number, holding: FreppleOperationMaterial[]): FreppleOperationMaterial[] => {
      const ended = holding.map((r) => {
        const end = writes.find((w) => 'id' in w && w.id === r.id && !('item' in w));
        return end ? { ...r, effective_end: end.effective_end } : r;
      });
      const added = writes
        .filter((w): w is Exclude<typeof w, { effective_end: string }> => 'item' in w)
        .map((w, i) => ({ ...w, id: firstId + i, lastmodified: '2026-11-20T09:00:05' }) as FreppleOperationMaterial);
      return [...ended, ...added];
    };

    it("applying C ends B's records at C's date and leaves A's alone: B keeps its window, C runs from its date", () => {
      const afterB = stored(fromCanonical(changeB, ROUTING, revisionA), 100, revisionA);
      const afterC = stored(fromCanonical(changeC, ROUTING, afterB), 200, afterB);
      const unitOf = () => 'EA' as const;
      const b = toCanonical(afterC.filter((r) => r.source === 'ECN-000042'), { plant: 'P2', itemNumber: 'PUMP-100', unitOf });
      const c = toCanonical(afterC.filter((r) => r.source === 'ECN-000043'), { plant: 'P2', itemNumber: 'PUMP-100', unitOf });
      expect([b.effectiveFrom, b.effectiveTo, b.components.length]).toEqual(['2026-12-01T00:00:00.000Z', '2026-12-11T00:00:00.000Z', 6]);
      expect([c.effectiveFrom, c.effectiveTo, c.components.length]).toEqual(['2026-12-11T00:00:00.000Z', null, 5]);
      // A's records still end where B starts.
      expect(afterC.filter((r) => r.source === 'initial-load' && r.quantity < 0 && r.id !== 30).every((r) => r.effective_end === '2026-12-01T00:00:00')).toBe(true);
    });

    it('a list written after a later one (out of order) ends where the later one starts, so the two never overlap', () => {
      const afterC = stored(fromCanonical(changeC, ROUTING, revisionA), 200, revisionA);
      const bWrites = fromCanonical(changeB, ROUTING, afterC);
      const bRecords = bWrites.filter((w) => 'item' in w);
      expect(bRecords.every((w) => w.effective_end === '2026-12-11T00:00:00')).toBe(true);
    });
  });
});
