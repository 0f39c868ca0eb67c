import { ODataError } from '../odata/odata-error';
import { BomLineRow } from '../parts/part.repository';
import { applyBomChanges } from './apply-bom-changes';
import { StoredBomChange } from './change-notice.odata';

const PUMP_A: BomLineRow[] = [
  { find_number: 10, child_number: 'HOUSING-110', quantity: 1, unit: 'ea', reference_designators: null },
  { find_number: 40, child_number: 'SEAL-200', quantity: 2, unit: 'ea', reference_designators: 'S1,S2' },
  { find_number: 60, child_number: 'BOLT-M8', quantity: 8, unit: 'ea', reference_designators: null },
];

function change(overrides: Partial<StoredBomChange>): StoredBomChange {
  return { action: 'Replace', componentNumber: 'SEAL-200', replacementNumber: 'SEAL-210', quantity: null, unit: null, ...overrides };
}

describe('applyBomChanges', () => {
  it('replaces a component in place, keeping find number, quantity and reference designators', () => {
    const result = applyBomChanges('PUMP-100 A', PUMP_A, [change({})]);
    expect(result.map((l) => l.child_number)).toEqual(['HOUSING-110', 'SEAL-210', 'BOLT-M8']);
    expect(result[1]).toEqual({ find_number: 40, child_number: 'SEAL-210', quantity: 2, unit: 'ea', reference_designators: 'S1,S2' });
  });

  it('changes only the quantity when a replace names no replacement', () => {
    const result = applyBomChanges('PUMP-100 A', PUMP_A, [change({ componentNumber: 'BOLT-M8', replacementNumber: null, quantity: 10 })]);
    expect(result.find((l) => l.child_number === 'BOLT-M8')?.quantity).toBe(10);
  });

  it('adds after the last find number and removes lines', () => {
    const result = applyBomChanges('PUMP-100 A', PUMP_A, [
      change({ action: 'Add', componentNumber: 'SEAL-210', replacementNumber: null, quantity: 1 }),
      change({ action: 'Remove', componentNumber: 'SEAL-200', replacementNumber: null }),
    ]);
    expect(result.map((l) => [l.find_number, l.child_number])).toEqual([
      [10, 'HOUSING-110'],
      [60, 'BOLT-M8'],
      [70, 'SEAL-210'],
    ]);
  });

  it('leaves the input untouched', () => {
    applyBomChanges('PUMP-100 A', PUMP_A, [change({})]);
    expect(PUMP_A[1].child_number).toBe('SEAL-200');
  });

  it('refuses redlines that do not fit the structure', () => {
    expect(() => applyBomChanges('PUMP-100 A', PUMP_A, [change({ componentNumber: 'SEAL-999' })])).toThrow(ODataError);
    expect(() => applyBomChanges('PUMP-100 A', PUMP_A, [change({ action: 'Add', componentNumber: 'BOLT-M8', quantity: 1 })])).toThrow(/already used/);
    expect(() => applyBomChanges('PUMP-100 A', PUMP_A, [change({ action: 'Add', componentNumber: 'NEW-1', quantity: null })])).toThrow(/needs a Quantity/);
    expect(() => applyBomChanges('PUMP-100 A', PUMP_A, [change({ replacementNumber: 'BOLT-M8' })])).toThrow(/already used/);
  });
});
