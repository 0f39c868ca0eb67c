import type { AffectedItemDto, JobDto, RoutingStepDto } from '@threadline/canonical';
import { applyOperationChanges, operationDifferences, routingChangedJobs } from './routing-impact.rules';

const OLD: RoutingStepDto[] = [
  { sequence: 10, description: 'Machining', workCenter: 'CNC', setupMinutes: 45, runMinutesPerUnit: 14 },
  { sequence: 20, description: 'Deburr and wash', workCenter: 'ASSY', setupMinutes: 0, runMinutesPerUnit: 5 },
];

const job = (id: string, itemNumber: string, dueDate: string, status = 'created'): JobDto =>
  ({ id, plant: 'P1', itemNumber, quantity: 10, status, priority: 1, dueDate, plannedStart: null, plannedEnd: null, lateHours: 0, operations: [] });

const item = (itemNumber: string, operationChanges?: AffectedItemDto['operationChanges']): AffectedItemDto => ({
  itemNumber,
  fromRevision: 'A',
  toRevision: 'B',
  disposition: 'use-up',
  bomChanges: [{ action: 'replace', componentNumber: 'X', quantity: 1 }],
  operationChanges,
});

describe('routing impact rules', () => {
  it('applies operation changes and names what differs: a work centre and run time changed, an operation added', () => {
    const next = applyOperationChanges(OLD, [
      { action: 'update', sequence: 20, workCenter: 'CNC', runMinutesPerUnit: 7 },
      { action: 'add', sequence: 30, description: 'Inspect', workCenter: 'TEST', setupMinutes: 5, runMinutesPerUnit: 2 },
    ]);
    expect(operationDifferences(OLD, next)).toEqual([
      { sequence: 20, change: 'changed', before: OLD[1], after: { ...OLD[1], workCenter: 'CNC', runMinutesPerUnit: 7 } },
      { sequence: 30, change: 'added', before: null, after: { sequence: 30, description: 'Inspect', workCenter: 'TEST', setupMinutes: 5, runMinutesPerUnit: 2 } },
    ]);
    expect(operationDifferences(OLD, applyOperationChanges(OLD, [{ action: 'remove', sequence: 10 }]))).toEqual([{ sequence: 10, change: 'removed', before: OLD[0], after: null }]);
  });

  it('names the not-started jobs of the item due on or after the effective date, by due date, with the differing operations', () => {
    const jobs = routingChangedJobs({
      affectedItems: [item('HOUSING-2051', [{ action: 'update', sequence: 20, workCenter: 'CNC' }]), item('PUMP-2050')],
      oldRoutings: { 'HOUSING-2051': OLD },
      effectiveFrom: '2026-12-15T00:00:00.000Z',
      jobs: [
        job('J3', 'HOUSING-2051', '2026-12-30T00:00:00.000Z'),
        job('J1', 'HOUSING-2051', '2026-12-14T23:00:00.000Z'),
        job('J2', 'HOUSING-2051', '2026-12-15T00:00:00.000Z', 'released'),
        job('J4', 'HOUSING-2051', '2026-12-20T00:00:00.000Z', 'in-progress'),
        job('J5', 'PUMP-2050', '2026-12-20T00:00:00.000Z'),
      ],
    });
    expect(jobs!.map((j) => [j.jobId, j.operations.map((o) => [o.sequence, o.change, o.after?.workCenter])])).toEqual([
      ['J2', [[20, 'changed', 'CNC']]],
      ['J3', [[20, 'changed', 'CNC']]],
    ]);
  });

  it('is absent when the change alters no routing, and empty when the changes leave the operations as they were', () => {
    expect(routingChangedJobs({ affectedItems: [item('HOUSING-2051')], oldRoutings: {}, effectiveFrom: '2026-12-15T00:00:00.000Z', jobs: [job('J1', 'HOUSING-2051', '2027-01-01T00:00:00.000Z')] })).toBeUndefined();
    expect(
      routingChangedJobs({
        affectedItems: [item('HOUSING-2051', [{ action: 'update', sequence: 20, workCenter: 'ASSY' }])],
        oldRoutings: { 'HOUSING-2051': OLD },
        effectiveFrom: '2026-12-15T00:00:00.000Z',
        jobs: [job('J1', 'HOUSING-2051', '2027-01-01T00:00:00.000Z')],
      }),
    ).toEqual([]);
  });
});
