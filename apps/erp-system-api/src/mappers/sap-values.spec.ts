import { ErpMappingError } from './mapping-error';
import { parseSapDate, parseSapDecimal, parseSapValidityEnd, sapDateTime, toSapDate, unitFromCanonical, unitToCanonical } from './sap-values';

describe('SAP OData v2 values', () => {
  it('parses /Date(ms)/ with and without an offset, and writes it back', () => {
    expect(parseSapDate('/Date(1764547200000)/').toISOString()).toBe('2025-12-01T00:00:00.000Z');
    expect(parseSapDate('/Date(1764547200000+0060)/').toISOString()).toBe('2025-12-01T00:00:00.000Z');
    expect(toSapDate(new Date('2026-12-01T00:00:00.000Z'))).toBe('/Date(1796083200000)/');
    expect(() => parseSapDate('2025-12-01')).toThrow(ErpMappingError);
  });

  it("reads SAP's 9999-12-31 as an open validity end", () => {
    expect(parseSapValidityEnd('/Date(253402214400000)/')).toBeNull();
    expect(parseSapValidityEnd('/Date(1796083200000)/')).toBe('2026-12-01T00:00:00.000Z');
  });

  it('joins a date field and its Edm.Time field into one instant', () => {
    expect(sapDateTime('/Date(1796083200000)/', 'PT06H30M00S')).toBe('2026-12-01T06:30:00.000Z');
  });

  it('reads decimals sent as strings and refuses garbage', () => {
    expect(parseSapDecimal('2.000')).toBe(2);
    expect(() => parseSapDecimal('two')).toThrow(ErpMappingError);
  });

  it('maps SAP units both ways and refuses an unknown one', () => {
    expect(unitToCanonical('PC')).toBe('EA');
    expect(unitToCanonical('ST')).toBe('EA');
    expect(unitFromCanonical('EA')).toBe('PC');
    expect(unitToCanonical('KG')).toBe('KG');
    expect(() => unitToCanonical('BAG')).toThrow(ErpMappingError);
  });
});
