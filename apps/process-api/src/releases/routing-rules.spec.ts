import type { EngineeringChangeDto, RoutingDto } from '@threadline/canonical';
import { ReleaseRejectedError } from './release.errors';
import { itemsWithRoutingChanges, validateRoutings } from './routing-rules';

const change = (operationChanges: EngineeringChangeDto['affectedItems'][number]['operationChanges'], targetPlants = ['P1', 'P3']) =>
  ({
    number: 'ECN-1',
    targetPlants,
    affectedItems: [
      { itemNumber: 'HOUSING-2051', fromRevision: 'A', toRevision: 'B', disposition: 'use-up', bomChanges: [], operationChanges },
      { itemNumber: 'PUMP-2050', fromRevision: 'A', toRevision: 'B', disposition: 'use-up', bomChanges: [] },
    ],
  }) as unknown as EngineeringChangeDto;

const routing = (workCenters: string[]): RoutingDto => ({
  itemNumber: 'HOUSING-2051',
  revision: 'B',
  operations: workCenters.map((workCenter, i) => ({ sequence: (i + 1) * 10, description: `Step ${i + 1}`, workCenter, setupMinutes: 0, runMinutesPerUnit: 1 })),
});

const WORK_CENTERS = { P1: ['CNC', 'ASSY', 'TEST', 'PAINT'], P3: ['CNC', 'ASSY', 'TEST'] };

describe('routing rules', () => {
  it('passes when every target plant knows every work centre of the new routing', () => {
    expect(() => validateRoutings(change([{ action: 'update', sequence: 20, workCenter: 'CNC' }]), { routings: { 'HOUSING-2051': routing(['CNC', 'CNC']) }, workCenters: WORK_CENTERS })).not.toThrow();
  });

  it('refuses RELEASE_WORK_CENTER_UNKNOWN naming the plant, the work centre and the operation', () => {
    const refuse = () =>
      validateRoutings(change([{ action: 'add', sequence: 30, description: 'Paint', workCenter: 'PAINT', setupMinutes: 5, runMinutesPerUnit: 3 }]), {
        routings: { 'HOUSING-2051': routing(['CNC', 'ASSY', 'PAINT']) },
        workCenters: WORK_CENTERS,
      });
    expect(refuse).toThrow(ReleaseRejectedError);
    expect(refuse).toThrow(expect.objectContaining({ rejection: 'RELEASE_WORK_CENTER_UNKNOWN', objectRef: 'P3/PAINT/HOUSING-2051/B/30' }));
    expect(refuse).toThrow(/Plant P3 has no work centre PAINT: HOUSING-2051 rev B operation 30/);
  });

  it('checks only routings the change alters, and a plant with no work centre data knows none', () => {
    expect(itemsWithRoutingChanges(change([])).map((a) => a.itemNumber)).toEqual([]);
    expect(() => validateRoutings(change([]), { routings: { 'HOUSING-2051': routing(['PAINT']) }, workCenters: {} })).not.toThrow();
    expect(() => validateRoutings(change([{ action: 'remove', sequence: 20 }], ['P2']), { routings: { 'HOUSING-2051': routing(['CNC']) }, workCenters: {} })).toThrow(/Plant P2 has no work centre CNC/);
  });
});
