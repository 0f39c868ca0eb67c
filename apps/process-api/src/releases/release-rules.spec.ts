import type { EngineeringChangeDto } from '@threadline/canonical';
import { plantBomsToApply, productionChangesToApply, releasedItems, validateRelease } from './release-rules';
import { ReleaseRejectedError } from './release.errors';
import type { ReleaseBoms } from './release.entities';

function anEngineeringChange(overrides: Partial<EngineeringChangeDto> = {}): EngineeringChangeDto {
  return {
    number: 'ECN-000042',
    title: 'Replace obsolete shaft seal',
    description: null,
    state: 'RELEASED',
    priority: 'high',
    targetPlants: ['P1', 'P2'],
    effectivity: { type: 'date', startDate: '2026-12-01T00:00:00.000Z' },
    affectedItems: [
      {
        itemNumber: 'PUMP-100',
        fromRevision: 'A',
        toRevision: 'B',
        disposition: 'use-up',
        bomChanges: [{ action: 'replace', componentNumber: 'SEAL-200', replacementNumber: 'SEAL-210' }],
      },
    ],
    createdAt: '2026-11-20T08:00:00.000Z',
    releasedAt: '2026-11-20T09:00:00.000Z',
    ...overrides,
  };
}

const boms: ReleaseBoms = {
  'PUMP-100': {
    revision: 'B',
    lines: [
      { findNumber: 10, componentNumber: 'HOUSING-110', quantity: 1, unit: 'EA' },
      { findNumber: 40, componentNumber: 'SEAL-210', quantity: 2, unit: 'EA' },
    ],
  },
};

describe('release rules', () => {
  it('accepts a change whose new revisions have BOMs in PLM', () => {
    expect(() => validateRelease(anEngineeringChange(), boms)).not.toThrow();
  });

  it('rejects a change without target plants, naming the rule', () => {
    expect(() => validateRelease(anEngineeringChange({ targetPlants: [] }), boms)).toThrow(
      expect.objectContaining({ rejection: 'RELEASE_NO_TARGET_PLANTS' }),
    );
  });

  it('rejects a change whose new revision PLM does not have, naming the object', () => {
    try {
      validateRelease(anEngineeringChange(), {});
      fail('expected a rejection');
    } catch (error) {
      expect(error).toBeInstanceOf(ReleaseRejectedError);
      expect(error).toMatchObject({ rejection: 'RELEASE_REVISION_NOT_FOUND', extensions: { object: 'PUMP-100/B' } });
    }
  });

  it('rejects an empty BOM and an effectivity that is not a date', () => {
    expect(() => validateRelease(anEngineeringChange(), { 'PUMP-100': { revision: 'B', lines: [] } })).toThrow(/empty BOM/);
    expect(() => validateRelease(anEngineeringChange({ effectivity: { type: 'date', startDate: 'soon' } }), boms)).toThrow(
      expect.objectContaining({ rejection: 'RELEASE_EFFECTIVITY_INVALID' }),
    );
  });

  it('derives the ERP BOM, valid from the effectivity date, and the scheduler component list', () => {
    const change = anEngineeringChange();
    expect(releasedItems(change)).toEqual([{ itemNumber: 'PUMP-100', fromRevision: 'A', toRevision: 'B' }]);
    expect(plantBomsToApply(change, boms)).toEqual([
      { itemNumber: 'PUMP-100', revision: 'B', changeNumber: 'ECN-000042', validFrom: '2026-12-01T00:00:00.000Z', lines: boms['PUMP-100'].lines },
    ]);
    expect(productionChangesToApply(change, boms)[0].components).toEqual([
      { componentNumber: 'HOUSING-110', quantity: 1, unit: 'EA' },
      { componentNumber: 'SEAL-210', quantity: 2, unit: 'EA' },
    ]);
  });
});
