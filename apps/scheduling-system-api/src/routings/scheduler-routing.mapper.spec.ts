import { resourcesByKind, routingToCanonical, routingWrites, toFreppleDuration } from './scheduler-routing.mapper';

const ROUTING = { name: 'X @ P3', type: 'routing' as const, item: 'X', location: 'P3', owner: null, priority: 1, duration: '00:00:00', duration_per: '00:00:00', source: 'initial-load' };
const step = (name: string, priority: number, extra: Record<string, unknown> = {}) => ({ ...ROUTING, name, type: 'time_per' as const, owner: ROUTING.name, priority, ...extra });
const KINDS = resourcesByKind([
  { operation: 'a', resource: 'P3-CNC-2', quantity: 1, name: 'CNC', priority: 2, source: null },
  { operation: 'a', resource: 'P3-CNC-1', quantity: 1, name: 'CNC', priority: 1, source: null },
  { operation: 'b', resource: 'P3-TEST', quantity: 1, name: 'TEST', priority: 1, source: null },
]);
const change = {
  changeNumber: 'ECN-1',
  itemNumber: 'X',
  revision: 'B',
  effectiveFrom: '2027-01-04T00:00:00.000Z',
  operations: [{ sequence: 20, description: 'Balancing', workCenter: 'CNC', setupMinutes: 10, runMinutesPerUnit: 7.5 }],
};

describe('scheduler routing mapper', () => {
  it('ends the steps effective at the date and adds the new ones from it on the kind\'s resources, preferred first', () => {
    const writes = routingWrites(change, 'P3', ROUTING, [step('X @ P3 - 10 machining', 10), step('X @ P3 - 20 balancing', 20), step('Y', 10, { owner: 'Y @ P3' })], KINDS);
    expect(writes.operations.slice(0, 2)).toEqual([
      { name: 'X @ P3 - 10 machining', effective_end: '2027-01-04T00:00:00' },
      { name: 'X @ P3 - 20 balancing', effective_end: '2027-01-04T00:00:00' },
    ]);
    expect(writes.operations[2]).toMatchObject({ name: 'X @ P3 - 20 balancing (ECN-1)', priority: 20, duration: '00:10:00', duration_per: '00:07:30', effective_start: '2027-01-04T00:00:00', effective_end: null, source: 'ECN-1' });
    expect(writes.resources.map((r) => [r.resource, r.priority, r.name])).toEqual([
      ['P3-CNC-1', 1, 'CNC'],
      ['P3-CNC-2', 2, 'CNC'],
    ]);
  });

  it('ends the new steps where a later change already starts, and refuses a kind without resources', () => {
    const later = step('X @ P3 - 20 balancing (ECN-2)', 20, { effective_start: '2027-02-01T00:00:00', source: 'ECN-2' });
    expect(routingWrites(change, 'P3', ROUTING, [later], KINDS).operations.at(-1)).toMatchObject({ effective_end: '2027-02-01T00:00:00' });
    expect(() => routingWrites({ ...change, operations: [{ ...change.operations[0], workCenter: 'PAINT' }] }, 'P3', ROUTING, [], KINDS)).toThrow(/no resource for work centre PAINT \(operation 20\)/);
  });

  it('reads the change back from its steps and resources', () => {
    const writes = routingWrites(change, 'P3', ROUTING, [], KINDS);
    const routing = routingToCanonical(writes.operations as never, writes.resources, { plant: 'P3', itemNumber: 'X', changeNumber: 'ECN-1', revision: 'B' });
    expect(routing).toEqual({
      plant: 'P3',
      itemNumber: 'X',
      changeNumber: 'ECN-1',
      revision: 'B',
      effectiveFrom: '2027-01-04T00:00:00.000Z',
      effectiveTo: null,
      operations: [{ sequence: 20, description: 'Balancing', workCenter: 'CNC', setupMinutes: 10, runMinutesPerUnit: 7.5, resources: ['P3-CNC-1', 'P3-CNC-2'] }],
    });
    expect(toFreppleDuration(90_061)).toBe('1 01:01:01');
  });
});
