import { AppError } from '@threadline/platform';
import * as PartUseMapper from './part-use.mapper';
import { WindchillPartUse } from './windchill.types';

function aUse(overrides: Partial<WindchillPartUse> = {}): WindchillPartUse {
  return {
    ID: 'OR:wt.part.WTPartUsageLink:2004',
    FindNumber: '40',
    LineNumber: 40,
    Quantity: 2,
    Unit: { Value: 'ea', Display: 'each' },
    ReferenceDesignatorRange: 'S1,S2',
    Uses: { ID: 'OR:wt.part.WTPart:1008', Number: 'SEAL-200', Name: 'Shaft seal, NBR', Version: 'A' },
    ...overrides,
  };
}

describe('part use (BOM line) mapper', () => {
  it('maps a Windchill usage link to a canonical BOM line', () => {
    expect(PartUseMapper.toCanonical(aUse())).toEqual({
      findNumber: 40,
      componentNumber: 'SEAL-200',
      quantity: 2,
      unit: 'EA',
      referenceDesignators: ['S1', 'S2'],
    });
  });

  it('leaves reference designators out when Windchill has none, and converts units', () => {
    const line = PartUseMapper.toCanonical(aUse({ ReferenceDesignatorRange: null, Quantity: 0.25, Unit: { Value: 'sq_m', Display: 'square meter' } }));
    expect(line).toEqual({ findNumber: 40, componentNumber: 'SEAL-200', quantity: 0.25, unit: 'M2' });
  });

  it('refuses a find number that is not a position', () => {
    expect(() => PartUseMapper.toCanonical(aUse({ FindNumber: '4a' }))).toThrow(AppError);
  });

  it('maps a canonical BOM line back to a Windchill usage link', () => {
    expect(PartUseMapper.fromCanonical({ findNumber: 40, componentNumber: 'SEAL-210', quantity: 2, unit: 'EA', referenceDesignators: ['S1', 'S2'] })).toEqual({
      FindNumber: '40',
      LineNumber: 40,
      Quantity: 2,
      Unit: { Value: 'ea' },
      ReferenceDesignatorRange: 'S1,S2',
      Uses: { Number: 'SEAL-210' },
    });
  });

  it('builds a BOM sorted by find number', () => {
    const bom = PartUseMapper.bomToCanonical('PUMP-100', 'B', [aUse(), aUse({ FindNumber: '10', Uses: { Number: 'HOUSING-110' }, ReferenceDesignatorRange: null, Quantity: 1 })]);
    expect(bom.itemNumber).toBe('PUMP-100');
    expect(bom.revision).toBe('B');
    expect(bom.lines.map((l) => l.componentNumber)).toEqual(['HOUSING-110', 'SEAL-200']);
  });
});
