import { AppError, toProblem } from '@threadline/platform';
import * as PartMapper from './part.mapper';
import { WindchillPart } from './windchill.types';

function aPart(overrides: Partial<WindchillPart> = {}): WindchillPart {
  return {
    ID: 'OR:wt.part.WTPart:1001',
    Number: 'PUMP-100',
    Name: 'Centrifugal pump assembly',
    Version: 'A',
    Iteration: '1',
    State: { Value: 'RELEASED', Display: 'Released' },
    DefaultUnit: { Value: 'ea', Display: 'each' },
    Source: { Value: 'make', Display: 'Make' },
    ReleasedByChangeNotice: null,
    ReleaseDate: '2025-06-02T08:00:00.000Z',
    CreatedOn: '2025-06-02T08:00:00.000Z',
    LastModified: '2025-06-02T08:00:00.000Z',
    ...overrides,
  };
}

describe('part mapper', () => {
  it('maps all Windchill versions of a part to one canonical item, revisions in order', () => {
    const item = PartMapper.toCanonical([
      aPart({
        ID: 'OR:wt.part.WTPart:1015',
        Version: 'B',
        ReleasedByChangeNotice: 'ECN-000001',
        ReleaseDate: '2026-11-20T09:00:00.123Z',
      }),
      aPart({ State: { Value: 'SUPERSEDED', Display: 'Superseded' } }),
    ]);
    expect(item).toEqual({
      number: 'PUMP-100',
      name: 'Centrifugal pump assembly',
      unit: 'EA',
      sourcing: 'make',
      latestReleasedRevision: 'B',
      revisions: [
        { itemNumber: 'PUMP-100', revision: 'A', state: 'SUPERSEDED', releasedAt: '2025-06-02T08:00:00.000Z', changeNumber: null },
        { itemNumber: 'PUMP-100', revision: 'B', state: 'RELEASED', releasedAt: '2026-11-20T09:00:00.123Z', changeNumber: 'ECN-000001' },
      ],
    });
  });

  it('orders revision letters A..Z before AA and reports none released when only in work', () => {
    const item = PartMapper.toCanonical([aPart({ Version: 'AA', State: { Value: 'INWORK' } }), aPart({ Version: 'Z', State: { Value: 'INWORK' } })]);
    expect(item.revisions.map((r) => r.revision)).toEqual(['Z', 'AA']);
    expect(item.revisions[0].state).toBe('IN_WORK');
    expect(item.latestReleasedRevision).toBeNull();
  });

  it('fails loudly on a Windchill unit it has no canonical equivalent for', () => {
    expect(() => PartMapper.toCanonical([aPart({ DefaultUnit: { Value: 'ft', Display: 'foot' } })])).toThrow(AppError);
    try {
      PartMapper.toCanonical([aPart({ DefaultUnit: { Value: 'ft' } })]);
    } catch (error) {
      expect(toProblem(error)).toMatchObject({ code: 'PLM_UNMAPPED_VALUE', status: 502 });
    }
  });

  it('maps a canonical item back to Windchill part versions', () => {
    const native = PartMapper.fromCanonical({
      number: 'SEAL-210',
      name: 'Shaft seal, FKM',
      unit: 'EA',
      sourcing: 'buy',
      latestReleasedRevision: 'A',
      revisions: [{ itemNumber: 'SEAL-210', revision: 'A', state: 'IN_WORK', releasedAt: null, changeNumber: null }],
    });
    expect(native).toEqual([
      { Number: 'SEAL-210', Name: 'Shaft seal, FKM', Version: 'A', State: { Value: 'INWORK' }, DefaultUnit: { Value: 'ea' }, Source: { Value: 'buy' } },
    ]);
  });

  it('maps a new canonical item to the body of POST Parts, leaving the version to Windchill', () => {
    expect(PartMapper.createFromCanonical({ number: 'SEAL-250', name: 'Shaft seal, HNBR', unit: 'KG', sourcing: 'make', description: 'kept out' })).toEqual({
      Number: 'SEAL-250',
      Name: 'Shaft seal, HNBR',
      DefaultUnit: { Value: 'kg' },
      Source: { Value: 'make' },
    });
  });
});
