import { ODataError } from './odata-error';
import { FieldMap, compileQuery } from './odata-query';

const FIELDS: FieldMap = {
  Number: { column: 'n.number', type: 'text' },
  State: { column: 'n.state', type: 'text' },
  ResolutionDate: { column: 'n.resolution_date', type: 'timestamptz' },
  Iteration: { column: 'n.iteration', type: 'integer' },
};

function refused(filter: string): ODataError {
  try {
    compileQuery({ $filter: filter }, FIELDS, 'n.id');
  } catch (error) {
    return error as ODataError;
  }
  throw new Error(`expected ${filter} to be refused`);
}

describe('compileQuery', () => {
  it('compiles eq and and into parameterised SQL', () => {
    const q = compileQuery({ $filter: "Number eq 'PUMP-100' and State eq 'RELEASED'" }, FIELDS, 'n.id');
    expect(q.where).toBe('(n.number COLLATE "C" = $1::text AND n.state COLLATE "C" = $2::text)');
    expect(q.params).toEqual(['PUMP-100', 'RELEASED']);
  });

  it('takes an unquoted DateTimeOffset for a date property and supports or with parentheses (the keyset of the change feed)', () => {
    const q = compileQuery(
      { $filter: "State eq 'RELEASED' and (ResolutionDate gt 2026-11-20T09:00:00.000Z or (ResolutionDate eq 2026-11-20T09:00:00.000Z and Number gt 'ECN-000002'))" },
      FIELDS,
      'n.id',
    );
    expect(q.where).toBe(
      '(n.state COLLATE "C" = $1::text AND (n.resolution_date > $2::timestamptz OR (n.resolution_date = $3::timestamptz AND n.number COLLATE "C" > $4::text)))',
    );
    expect(q.params).toEqual(['RELEASED', '2026-11-20T09:00:00.000Z', '2026-11-20T09:00:00.000Z', 'ECN-000002']);
  });

  it("unescapes doubled quotes and accepts State/Value as Windchill clients write it", () => {
    const q = compileQuery({ $filter: "Number eq 'O''BRIEN' and State/Value ne 'OBSOLETE'" }, FIELDS, 'n.id');
    expect(q.params).toEqual(["O'BRIEN", 'OBSOLETE']);
    expect(q.where).toContain('n.state COLLATE "C" <> $2::text');
  });

  it('turns eq null into IS NULL', () => {
    expect(compileQuery({ $filter: 'ResolutionDate eq null' }, FIELDS, 'n.id').where).toBe('n.resolution_date IS NULL');
  });

  it('refuses unknown properties, wrong literal types and injection attempts with a 400 OData error', () => {
    expect(refused("Secret eq 'x'")).toMatchObject({ status: 400, code: 'InvalidQueryOption' });
    expect(refused('Number eq 5').detail).toContain("'Number' must be compared with a quoted string");
    expect(refused("ResolutionDate gt '2026-01-01'").detail).toContain('DateTimeOffset');
    expect(refused("Number eq 'x'; DROP TABLE parts").status).toBe(400);
    expect(refused("(Number eq 'x'").detail).toContain("missing ')'");
  });

  it('compiles $orderby with the default order as tie-breaker, and parses $top and $skip', () => {
    const q = compileQuery({ $orderby: 'ResolutionDate asc,Number desc', $top: '5', $skip: '10' }, FIELDS, 'n.id ASC');
    expect(q.orderBy).toBe('n.resolution_date ASC, n.number COLLATE "C" DESC, n.id ASC');
    expect(q.top).toBe(5);
    expect(q.skip).toBe(10);
    expect(() => compileQuery({ $orderby: 'Password asc' }, FIELDS, 'n.id')).toThrow(ODataError);
  });
});
