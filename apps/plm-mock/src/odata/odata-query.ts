import { ODataError } from './odata-error';

/**
 * The subset of OData v4 system query options the simulated Windchill understands: `$filter`
 * with eq/ne/gt/ge/lt/le, and/or/not and parentheses; `$orderby`; `$top`; `$skip`. Filters are
 * compiled to parameterised SQL over a whitelist of properties, never spliced into it.
 */
export type FieldType = 'text' | 'integer' | 'timestamptz';

export interface FieldDef {
  /** SQL expression of the column, qualified with the table alias. */
  column: string;
  type: FieldType;
}

export type FieldMap = Record<string, FieldDef>;

export interface ODataQueryOptions {
  $filter?: string;
  $orderby?: string;
  $top?: string | number;
  $skip?: string | number;
}

export interface CompiledQuery {
  where: string;
  params: unknown[];
  orderBy: string;
  top: number | undefined;
  skip: number;
}

type Token =
  | { kind: 'lparen' | 'rparen' }
  | { kind: 'word'; value: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'datetime'; value: string };

const COMPARISONS: Record<string, string> = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' };
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})/;
const NUMBER = /^-?\d+(?:\.\d+)?/;
const WORD = /^[A-Za-z_][A-Za-z0-9_/]*/;
const STRING = /^'((?:[^']|'')*)'/;

function invalid(message: string): ODataError {
  return new ODataError(400, 'InvalidQueryOption', message);
}

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let rest = input;
  while (rest.length > 0) {
    const ws = /^\s+/.exec(rest);
    if (ws) {
      rest = rest.slice(ws[0].length);
      continue;
    }
    let m: RegExpExecArray | null;
    if (rest[0] === '(' || rest[0] === ')') {
      tokens.push({ kind: rest[0] === '(' ? 'lparen' : 'rparen' });
      rest = rest.slice(1);
    } else if ((m = STRING.exec(rest))) {
      tokens.push({ kind: 'string', value: m[1].replace(/''/g, "'") });
      rest = rest.slice(m[0].length);
    } else if ((m = DATETIME.exec(rest))) {
      tokens.push({ kind: 'datetime', value: m[0] });
      rest = rest.slice(m[0].length);
    } else if ((m = NUMBER.exec(rest))) {
      tokens.push({ kind: 'number', value: Number(m[0]) });
      rest = rest.slice(m[0].length);
    } else if ((m = WORD.exec(rest))) {
      tokens.push({ kind: 'word', value: m[0] });
      rest = rest.slice(m[0].length);
    } else {
      throw invalid(`$filter: unexpected input at '${rest.slice(0, 20)}'`);
    }
  }
  return tokens;
}

class FilterCompiler {
  private pos = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly fields: FieldMap,
    readonly params: unknown[],
  ) {}

  compile(): string {
    const sql = this.orExpr();
    if (this.pos < this.tokens.length) throw invalid('$filter: unexpected trailing input');
    return sql;
  }

  private peekWord(value: string): boolean {
    const t = this.tokens[this.pos];
    return t?.kind === 'word' && t.value.toLowerCase() === value;
  }

  private orExpr(): string {
    const parts = [this.andExpr()];
    while (this.peekWord('or')) {
      this.pos++;
      parts.push(this.andExpr());
    }
    return parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
  }

  private andExpr(): string {
    const parts = [this.unary()];
    while (this.peekWord('and')) {
      this.pos++;
      parts.push(this.unary());
    }
    return parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`;
  }

  private unary(): string {
    if (this.peekWord('not')) {
      this.pos++;
      return `(NOT ${this.unary()})`;
    }
    const t = this.tokens[this.pos];
    if (t?.kind === 'lparen') {
      this.pos++;
      const inner = this.orExpr();
      if (this.tokens[this.pos]?.kind !== 'rparen') throw invalid("$filter: missing ')'");
      this.pos++;
      return inner;
    }
    return this.comparison();
  }

  private comparison(): string {
    const property = this.tokens[this.pos++];
    if (property?.kind !== 'word') throw invalid('$filter: expected a property name');
    const field = this.fields[property.value] ?? this.fields[property.value.replace(/\/Value$/, '')];
    if (!field) throw invalid(`$filter: unknown property '${property.value}'`);
    const op = this.tokens[this.pos++];
    const sqlOp = op?.kind === 'word' ? COMPARISONS[op.value.toLowerCase()] : undefined;
    if (!sqlOp || op?.kind !== 'word') throw invalid(`$filter: expected eq, ne, gt, ge, lt or le after '${property.value}'`);
    const literal = this.tokens[this.pos++];
    if (literal?.kind === 'word' && literal.value === 'null') {
      if (sqlOp === '=') return `${field.column} IS NULL`;
      if (sqlOp === '<>') return `${field.column} IS NOT NULL`;
      throw invalid('$filter: null can only be compared with eq or ne');
    }
    const value = this.literalFor(field, property.value, literal);
    this.params.push(value);
    const param = `$${this.params.length}::${field.type}`;
    // Byte order, not the database locale, so that 'ECN-000010' gt 'ECN-000009' holds everywhere.
    const column = field.type === 'text' ? `${field.column} COLLATE "C"` : field.column;
    return `${column} ${sqlOp} ${param}`;
  }

  private literalFor(field: FieldDef, name: string, literal: Token | undefined): unknown {
    if (field.type === 'text' && literal?.kind === 'string') return literal.value;
    if (field.type === 'integer' && literal?.kind === 'number' && Number.isInteger(literal.value)) return literal.value;
    if (field.type === 'timestamptz' && literal?.kind === 'datetime' && !Number.isNaN(Date.parse(literal.value))) return literal.value;
    const expected = { text: "a quoted string ('...')", integer: 'an integer', timestamptz: 'a DateTimeOffset (2026-01-31T00:00:00Z)' }[field.type];
    throw invalid(`$filter: '${name}' must be compared with ${expected}`);
  }
}

function integerOption(name: string, raw: string | number | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw invalid(`${name} must be a non-negative integer`);
  return value;
}

function compileOrderBy(raw: string | undefined, fields: FieldMap, defaultOrder: string): string {
  if (!raw) return defaultOrder;
  const parts = raw.split(',').map((clause) => {
    const [name, direction = 'asc', ...extra] = clause.trim().split(/\s+/);
    const field = fields[name];
    if (!field || extra.length > 0 || !['asc', 'desc'].includes(direction.toLowerCase())) {
      throw invalid(`$orderby: cannot order by '${clause.trim()}'`);
    }
    const column = field.type === 'text' ? `${field.column} COLLATE "C"` : field.column;
    return `${column} ${direction.toUpperCase()}`;
  });
  // The default order goes last as a tie-breaker, so that $skip paging is stable.
  return `${parts.join(', ')}, ${defaultOrder}`;
}

export function compileQuery(options: ODataQueryOptions, fields: FieldMap, defaultOrder: string): CompiledQuery {
  const params: unknown[] = [];
  const where = options.$filter?.trim() ? new FilterCompiler(tokenize(options.$filter), fields, params).compile() : 'TRUE';
  return {
    where,
    params,
    orderBy: compileOrderBy(options.$orderby, fields, defaultOrder),
    top: integerOption('$top', options.$top),
    skip: integerOption('$skip', options.$skip) ?? 0,
  };
}
