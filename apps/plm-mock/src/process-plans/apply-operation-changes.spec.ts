import { applyOperationChanges } from './apply-operation-changes';
import type { StoredOperationChange } from './operation-change.dto';

const PLAN = [
  { operationNumber: '0010', label: 'Machining', workCenter: 'CNC', setupTime: 45, runTime: 14 },
  { operationNumber: '0020', label: 'Deburr and wash', workCenter: 'ASSY', setupTime: 0, runTime: 5 },
];

function change(c: Partial<StoredOperationChange> & Pick<StoredOperationChange, 'action' | 'operationNumber'>): StoredOperationChange {
  return { label: null, workCenter: null, setupTime: null, runTime: null, ...c };
}

describe('applyOperationChanges', () => {
  it('updates only the fields an Update names and keeps the rest', () => {
    const next = applyOperationChanges('X A', PLAN, [change({ action: 'Update', operationNumber: '0020', workCenter: 'CNC', runTime: 7 })]);
    expect(next).toEqual([PLAN[0], { operationNumber: '0020', label: 'Deburr and wash', workCenter: 'CNC', setupTime: 0, runTime: 7 }]);
    expect(PLAN[1].workCenter).toBe('ASSY');
  });

  it('adds in operation-number order and removes', () => {
    const next = applyOperationChanges('X A', PLAN, [
      change({ action: 'Add', operationNumber: '0015', label: 'Inspect', workCenter: 'TEST', setupTime: 5, runTime: 2 }),
      change({ action: 'Remove', operationNumber: '0020' }),
    ]);
    expect(next.map((o) => o.operationNumber)).toEqual(['0010', '0015']);
  });

  it('with no changes answers a copy of the plan', () => {
    expect(applyOperationChanges('X A', PLAN, [])).toEqual(PLAN);
  });

  it.each([
    ['an Add of an existing operation', change({ action: 'Add', operationNumber: '0010', label: 'x', workCenter: 'CNC', setupTime: 0, runTime: 1 }), /already exists/],
    ['an Add missing a field', change({ action: 'Add', operationNumber: '0030', label: 'x', workCenter: 'CNC', setupTime: 0 }), /needs Label/],
    ['an Update of a missing operation', change({ action: 'Update', operationNumber: '0090', runTime: 1 }), /no operation 0090/],
    ['a Remove of a missing operation', change({ action: 'Remove', operationNumber: '0090' }), /no operation 0090/],
  ])('refuses %s', (_label, c, message) => {
    expect(() => applyOperationChanges('X A', PLAN, [c])).toThrow(message);
  });

  it('refuses a plan left without operations', () => {
    expect(() =>
      applyOperationChanges('X A', PLAN, [change({ action: 'Remove', operationNumber: '0010' }), change({ action: 'Remove', operationNumber: '0020' })]),
    ).toThrow(/no operations/);
  });
});
