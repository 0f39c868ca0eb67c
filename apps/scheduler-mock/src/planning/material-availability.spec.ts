import { allocateMaterial, poolFor } from './material-availability';

const NOW = new Date('2026-12-07T00:00:00Z');
const LEAD = new Date('2026-12-21T00:00:00Z');
const day = (d: number) => new Date(NOW.getTime() + d * 86_400_000);

describe('material availability', () => {
  const pos = [
    { reference: 'PO-B', item: 'SEAL-200', quantity: 50, enddate: day(10) },
    { reference: 'PO-A', item: 'SEAL-200', quantity: 20, enddate: day(3) },
    { reference: 'PO-X', item: 'BOLT-M8', quantity: 999, enddate: day(1) },
  ];

  it('pools one item: on hand summed over buffers, its purchase orders by arrival', () => {
    const pool = poolFor('SEAL-200', [{ item: 'SEAL-200', onhand: 10 }, { item: 'SEAL-200', onhand: 5 }, { item: 'BOLT-M8', onhand: 1 }], pos);
    expect(pool.onhand).toBe(15);
    expect(pool.supplies.map((s) => s.reference)).toEqual(['PO-A', 'PO-B']);
  });

  it('takes stock first, then waits for the purchase order that completes the quantity', () => {
    const pool = poolFor('SEAL-200', [{ item: 'SEAL-200', onhand: 10 }], pos);
    expect(allocateMaterial(pool, 8, NOW, LEAD)).toBeUndefined();
    // 2 on hand + 20 from PO-A + 8 from PO-B: available when PO-B arrives.
    expect(allocateMaterial(pool, 30, NOW, LEAD)).toEqual({ item: 'SEAL-200', availableAt: day(10), supply: 'PO-B' });
    expect(pool.onhand).toBe(0);
    expect(pool.supplies).toEqual([{ reference: 'PO-B', remaining: 42, arrival: day(10) }]);
  });

  it('waits the purchase lead time and takes nothing when stock and everything on order fall short', () => {
    const pool = poolFor('SEAL-200', [{ item: 'SEAL-200', onhand: 10 }], pos);
    expect(allocateMaterial(pool, 100, NOW, LEAD)).toEqual({ item: 'SEAL-200', availableAt: LEAD, supply: null });
    // Left for a smaller order after it.
    expect(allocateMaterial(pool, 25, NOW, LEAD)).toEqual({ item: 'SEAL-200', availableAt: day(3), supply: 'PO-A' });
  });

  it('counts an overdue purchase order as arriving now', () => {
    const pool = poolFor('SEAL-200', [], [{ reference: 'PO-LATE', item: 'SEAL-200', quantity: 5, enddate: day(-2) }]);
    expect(allocateMaterial(pool, 5, NOW, LEAD)).toEqual({ item: 'SEAL-200', availableAt: NOW, supply: 'PO-LATE' });
  });
});
