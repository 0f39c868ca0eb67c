import { EntitySetDef } from './odata-model';
import { filterToSql, parseExpand, parseFilter, parseKeyPredicate, parseQueryOptions, parseSelect } from './odata-query';
import { formatValue } from './odata-values';
import { SapError } from './sap-error';

const set: EntitySetDef = {
  name: 'A_ProductPlant',
  type: 'API_PRODUCT_SRV.A_ProductPlantType',
  from: 'erp_mock.product_plants pp',
  keys: ['Product', 'Plant'],
  properties: [
    { name: 'Product', sql: 'pp.product', kind: 'string' },
    { name: 'Plant', sql: 'pp.plant', kind: 'string' },
    { name: 'OrderIsReleased', sql: 'pp.released', kind: 'boolean' },
    { name: 'ValidityStartDate', sql: 'pp.valid_from', kind: 'date' },
  ],
  orderBy: ['Product', 'Plant'],
};

describe('OData v2 query options', () => {
  it("parses comparisons joined by 'and', keeping ' and ' inside a string literal", () => {
    expect(parseFilter("Plant eq 'P1' and Product eq 'NUTS and BOLTS'")).toEqual([
      { property: 'Plant', operator: 'eq', literal: "'P1'" },
      { property: 'Product', operator: 'eq', literal: "'NUTS and BOLTS'" },
    ]);
  });

  it('turns the filter into parameterised SQL with typed literals', () => {
    const params: unknown[] = [];
    const sql = filterToSql(set, parseFilter("Product eq 'O''RING' and OrderIsReleased eq true and ValidityStartDate ge datetime'2026-01-01T00:00:00'"), params);
    expect(sql).toEqual(['pp.product = $1', 'pp.released = $2', 'pp.valid_from >= $3']);
    expect(params).toEqual(["O'RING", true, new Date(Date.UTC(2026, 0, 1))]);
  });

  it('rejects unknown properties and unsupported expressions with a SAP error', () => {
    expect(() => filterToSql(set, parseFilter("Colour eq 'red'"), [])).toThrow(SapError);
    expect(() => parseFilter('substringof(Plant, 1)')).toThrow(SapError);
    expect(() => parseFilter("not (Plant eq 'P1')")).toThrow(SapError);
    expect(() => parseFilter("(Plant eq 'P1'")).toThrow(SapError);
    expect(() => parseFilter("Plant eq 'P1')")).toThrow(SapError);
    expect(() => parseFilter("Plant eq 'P1' or")).toThrow(SapError);
    expect(() => parseFilter("Plant eq 'P1")).toThrow(SapError);
    expect(() => parseFilter(`${'('.repeat(30)}Plant eq 'P1'${')'.repeat(30)}`)).toThrow(SapError);
  });

  it("parses 'or' and parentheses, 'and' binding tighter, keeping ' or ' and parentheses inside literals", () => {
    expect(parseFilter("Plant eq 'P1' and (Product eq 'A (old) or B' or Product eq 'B')")).toEqual([
      { property: 'Plant', operator: 'eq', literal: "'P1'" },
      {
        join: 'or',
        operands: [
          { property: 'Product', operator: 'eq', literal: "'A (old) or B'" },
          { property: 'Product', operator: 'eq', literal: "'B'" },
        ],
      },
    ]);
    // Without parentheses: (Plant and Product A) or Product B.
    expect(parseFilter("Plant eq 'P1' and Product eq 'A' OR Product eq 'B'")).toEqual([
      {
        join: 'or',
        operands: [
          { join: 'and', operands: [{ property: 'Plant', operator: 'eq', literal: "'P1'" }, { property: 'Product', operator: 'eq', literal: "'A'" }] },
          { property: 'Product', operator: 'eq', literal: "'B'" },
        ],
      },
    ]);
  });

  it("turns an 'or' of one string property's values into one array parameter, other groups into parenthesised SQL", () => {
    const params: unknown[] = [];
    const sql = filterToSql(set, parseFilter("Plant eq 'P1' and (Product eq 'A' or Product eq 'O''RING' or Product eq 'C')"), params);
    expect(sql).toEqual(['pp.plant = $1', 'pp.product = ANY($2)']);
    expect(params).toEqual(['P1', ['A', "O'RING", 'C']]);

    const mixed: unknown[] = [];
    expect(filterToSql(set, parseFilter("(Product eq 'A' and OrderIsReleased eq true) or Plant ne 'P2' or Product eq null"), mixed)).toEqual([
      '((pp.product = $1 AND pp.released = $2) OR pp.plant <> $3 OR pp.product IS NULL)',
    ]);
    expect(mixed).toEqual(['A', true, 'P2']);
    expect(() => filterToSql(set, parseFilter("Product eq 'A' or Colour eq 'red'"), [])).toThrow(SapError);
  });

  it('caps $top and rejects a negative $skip', () => {
    expect(parseQueryOptions({ $top: '5000' }).top).toBe(1000);
    expect(() => parseQueryOptions({ $skip: '-1' })).toThrow(SapError);
  });

  it('parses single and compound key predicates, and nested $expand', () => {
    expect(parseKeyPredicate(set, "Product='PUMP-100',Plant='P1'")).toEqual([
      { property: 'Product', operator: 'eq', literal: "'PUMP-100'" },
      { property: 'Plant', operator: 'eq', literal: "'P1'" },
    ]);
    expect(() => parseKeyPredicate(set, "'PUMP-100'")).toThrow(SapError);
    expect(parseExpand('to_PurchaseOrder,to_ScheduleLine/to_Item')).toEqual({ to_PurchaseOrder: {}, to_ScheduleLine: { to_Item: {} } });
  });

  it('parses $select into paths, absent meaning everything, and refuses what is not a property path', () => {
    expect(parseSelect(undefined)).toBeUndefined();
    expect(parseSelect(' ')).toBeUndefined();
    expect(parseSelect('Material, to_Status/StatusCode,to_Status/Note')).toEqual({ Material: {}, to_Status: { StatusCode: {}, Note: {} } });
    expect(parseSelect('*')).toEqual({ '*': {} });
    expect(parseQueryOptions({ $select: 'Plant' }).select).toEqual({ Plant: {} });
    expect(() => parseSelect("Plant eq 'P1'")).toThrow(SapError);
  });

  it('writes dates, times and instants read as epoch milliseconds in SAP JSON form', () => {
    const instant = Date.UTC(2026, 2, 14, 6, 5, 9, 123);
    expect(formatValue('date', instant)).toBe(`/Date(${Date.UTC(2026, 2, 14)})/`);
    expect(formatValue('time', instant)).toBe('PT06H05M09S');
    expect(formatValue('timestamp', instant)).toBe(`/Date(${instant}+0000)/`);
    expect(formatValue('date', Date.UTC(1969, 11, 31, 23))).toBe(`/Date(${Date.UTC(1969, 11, 31)})/`);
    expect(formatValue('date', null)).toBeNull();
  });
});
