import { EntitySetDef, propertyOf } from './odata-model';
import { literalValue } from './odata-values';
import { sapErrors } from './sap-error';

export type FilterOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

/** One comparison: `Material eq 'A'`. */
export interface FilterComparison {
  property: string;
  operator: FilterOperator;
  literal: string;
}

/** Comparisons joined by `and` or `or`, as parentheses grouped them. */
export interface FilterGroup {
  join: 'and' | 'or';
  operands: FilterClause[];
}

export type FilterClause = FilterComparison | FilterGroup;

export interface ExpandTree {
  [navigation: string]: ExpandTree;
}

export interface QueryOptions {
  filter: FilterClause[];
  top?: number;
  skip?: number;
  orderBy: Array<{ property: string; descending: boolean }>;
  inlineCount: boolean;
  expand: ExpandTree;
  /** $select as a tree of paths (`Material,to_Status/StatusCode`); undefined when absent: everything. */
  select?: ExpandTree;
}

/** The largest page the mock serves, like SAP Gateway's server-side paging limit. */
export const MAX_TOP = 1000;

const SQL_OPERATORS: Record<FilterOperator, string> = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' };

/** Splits on a separator that is outside single-quoted literals. */
function splitOutsideQuotes(text: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let inQuote = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "'") inQuote = !inQuote;
    if (inQuote) continue;
    const rest = text.slice(i);
    const match = separator.exec(rest);
    if (match && match.index === 0) {
      parts.push(text.slice(start, i));
      i += match[0].length - 1;
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Nesting beyond this is refused: no client needs it, and it bounds the parser's recursion. */
const MAX_FILTER_DEPTH = 20;

/**
 * Splits a $filter into `(`, `)` and words, a quoted literal (with `''` inside) staying one word
 * together with a prefix such as `datetime`.
 */
function tokenizeFilter(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let inQuote = false;
  for (const ch of text) {
    if (ch === "'") inQuote = !inQuote;
    if (!inQuote && (ch === '(' || ch === ')' || /\s/.test(ch))) {
      if (current) tokens.push(current);
      current = '';
      if (ch === '(' || ch === ')') tokens.push(ch);
      continue;
    }
    current += ch;
  }
  if (inQuote) throw sapErrors.invalidQuery(`Unterminated string literal in filter expression: ${text}`);
  if (current) tokens.push(current);
  return tokens;
}

/**
 * The subset of OData v2 $filter the mock supports: comparisons (eq, ne, gt, ge, lt, le) joined by
 * `and` and `or`, grouped by parentheses, `and` binding tighter, as in S/4HANA. Answers the
 * top-level `and` operands (conditions that all hold); functions, `not` and arithmetic are refused.
 */
export function parseFilter(text: string | undefined): FilterClause[] {
  if (!text || !text.trim()) return [];
  const tokens = tokenizeFilter(text);
  let at = 0;
  const fail = (why: string) => sapErrors.invalidQuery(`Invalid or unsupported filter expression (${why}): ${text}`);
  const keyword = (word: string) => at < tokens.length && tokens[at].toLowerCase() === word;

  const expression = (depth: number, join: 'or' | 'and'): FilterClause => {
    const operands: FilterClause[] = [join === 'or' ? expression(depth, 'and') : primary(depth)];
    while (keyword(join)) {
      at++;
      operands.push(join === 'or' ? expression(depth, 'and') : primary(depth));
    }
    if (operands.length === 1) return operands[0];
    // `a and (b and c)` is `a and b and c`: flattened, so the SQL and the clause list stay simple.
    return { join, operands: operands.flatMap((o) => ('join' in o && o.join === join ? o.operands : [o])) };
  };

  const primary = (depth: number): FilterClause => {
    if (tokens[at] === '(') {
      if (depth >= MAX_FILTER_DEPTH) throw fail('nested too deep');
      at++;
      const inner = expression(depth + 1, 'or');
      if (tokens[at] !== ')') throw fail("missing ')'");
      at++;
      return inner;
    }
    const [property, operator, literal] = tokens.slice(at, at + 3);
    if (!property || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(property) || !/^(eq|ne|gt|ge|lt|le)$/.test(operator ?? '') || !literal || literal === '(' || literal === ')') {
      throw fail(`at '${tokens.slice(at, at + 3).join(' ')}'`);
    }
    at += 3;
    return { property, operator: operator as FilterOperator, literal };
  };

  const root = expression(0, 'or');
  if (at < tokens.length) throw fail(`unexpected '${tokens[at]}'`);
  return 'join' in root && root.join === 'and' ? root.operands : [root];
}

export function parseExpand(text: string | undefined): ExpandTree {
  const tree: ExpandTree = {};
  for (const path of (text ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    let node = tree;
    for (const segment of path.split('/')) node = node[segment] ??= {};
  }
  return tree;
}

/** `$select=A,B,to_Nav/C`: property and navigation names, `*` for all of a level's properties. */
export function parseSelect(text: string | undefined): ExpandTree | undefined {
  const paths = (text ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  if (paths.length === 0) return undefined;
  const tree: ExpandTree = {};
  for (const path of paths) {
    if (!/^(?:[A-Za-z_][A-Za-z0-9_]*\/)*(?:[A-Za-z_][A-Za-z0-9_]*|\*)$/.test(path)) throw sapErrors.invalidQuery(`Invalid $select: ${path}`);
    let node = tree;
    for (const segment of path.split('/')) node = node[segment] ??= {};
  }
  return tree;
}

function parseNonNegativeInt(name: string, value: unknown): number | undefined {
  if (value === undefined || value === '') return undefined;
  const text = String(value);
  if (!/^\d+$/.test(text)) throw sapErrors.invalidQuery(`Invalid value '${text}' for system query option ${name}`);
  return Number(text);
}

export function parseQueryOptions(query: Record<string, unknown>): QueryOptions {
  const orderBy = String(query.$orderby ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [property, direction] = s.split(/\s+/);
      if (direction && !/^(asc|desc)$/i.test(direction)) throw sapErrors.invalidQuery(`Invalid $orderby: ${s}`);
      return { property, descending: /^desc$/i.test(direction ?? '') };
    });
  const inlineCount = query.$inlinecount;
  if (inlineCount !== undefined && inlineCount !== 'allpages' && inlineCount !== 'none') {
    throw sapErrors.invalidQuery(`Invalid value '${String(inlineCount)}' for $inlinecount`);
  }
  const top = parseNonNegativeInt('$top', query.$top);
  return {
    filter: parseFilter(query.$filter === undefined ? undefined : String(query.$filter)),
    top: top === undefined ? undefined : Math.min(top, MAX_TOP),
    skip: parseNonNegativeInt('$skip', query.$skip),
    orderBy,
    inlineCount: inlineCount === 'allpages',
    expand: parseExpand(query.$expand === undefined ? undefined : String(query.$expand)),
    select: parseSelect(query.$select === undefined ? undefined : String(query.$select)),
  };
}

/** Appends the filter as SQL conditions (all to hold), adding literals to `params` ($1, $2, ...). */
export function filterToSql(set: EntitySetDef, clauses: FilterClause[], params: unknown[]): string[] {
  return clauses.map((clause) => clauseToSql(set, clause, params));
}

function clauseToSql(set: EntitySetDef, clause: FilterClause, params: unknown[]): string {
  if ('join' in clause) {
    const values = sameStringEqualities(set, clause);
    if (values) {
      // `Material eq 'A' or Material eq 'B' ...` as one array parameter: one plan for any length.
      params.push(values.values);
      return `${values.sql} = ANY($${params.length})`;
    }
    return `(${clause.operands.map((o) => clauseToSql(set, o, params)).join(clause.join === 'and' ? ' AND ' : ' OR ')})`;
  }
  const property = propertyOf(set, clause.property);
  if (!property) throw sapErrors.invalidQuery(`Property '${clause.property}' not found in type '${set.type}'`);
  const value = literalValue(property.kind, clause.literal, property.name);
  if (value === null) {
    if (clause.operator === 'eq') return `${property.sql} IS NULL`;
    if (clause.operator === 'ne') return `${property.sql} IS NOT NULL`;
    throw sapErrors.invalidQuery(`null is only comparable with eq or ne (${clause.property})`);
  }
  params.push(value);
  return `${property.sql} ${SQL_OPERATORS[clause.operator]} $${params.length}`;
}

/** The values of an `or` of `eq` comparisons of one string property with non-null literals; else undefined. */
function sameStringEqualities(set: EntitySetDef, group: FilterGroup): { sql: string; values: string[] } | undefined {
  if (group.join !== 'or') return undefined;
  const first = group.operands[0];
  if ('join' in first) return undefined;
  const property = propertyOf(set, first.property);
  if (!property || property.kind !== 'string') return undefined;
  const values: string[] = [];
  for (const operand of group.operands) {
    if ('join' in operand || operand.property !== first.property || operand.operator !== 'eq' || operand.literal === 'null') return undefined;
    values.push(literalValue('string', operand.literal, property.name) as string);
  }
  return { sql: property.sql, values };
}

export function orderToSql(set: EntitySetDef, orderBy: QueryOptions['orderBy']): string {
  const explicit = orderBy.map(({ property, descending }) => {
    const def = propertyOf(set, property);
    if (!def) throw sapErrors.invalidQuery(`Property '${property}' not found in type '${set.type}'`);
    return `${def.sql} ${descending ? 'DESC' : 'ASC'}`;
  });
  // The default order is appended so that ties still page deterministically.
  const fallback = set.orderBy.map((name) => `${propertyOf(set, name)!.sql} ASC`);
  return [...explicit, ...fallback].join(', ');
}

/**
 * Parses a key predicate: `('PUMP-100')` for a single key, `(Product='PUMP-100',Plant='P1')`
 * otherwise. Returns filter clauses over the key properties.
 */
export function parseKeyPredicate(set: EntitySetDef, text: string): FilterComparison[] {
  const parts = splitOutsideQuotes(text, /^,/).map((p) => p.trim());
  if (parts.length === 1 && !/^[A-Za-z_]\w*\s*=/.test(parts[0])) {
    if (set.keys.length !== 1) throw sapErrors.invalidQuery(`Key of '${set.name}' has ${set.keys.length} properties`);
    return [{ property: set.keys[0], operator: 'eq' as const, literal: parts[0] }];
  }
  const clauses = parts.map((part) => {
    const m = /^([A-Za-z_]\w*)\s*=\s*(.+)$/.exec(part);
    if (!m || !set.keys.includes(m[1])) throw sapErrors.invalidQuery(`Invalid key predicate '${part}' for '${set.name}'`);
    return { property: m[1], operator: 'eq' as const, literal: m[2] };
  });
  const missing = set.keys.filter((k) => !clauses.some((c) => c.property === k));
  if (missing.length > 0) throw sapErrors.invalidQuery(`Key properties missing: ${missing.join(', ')}`);
  return clauses;
}

/** `A_Product('PUMP-100')` -> { name, key }; `A_Product` -> { name }. */
export function parseResourceSegment(segment: string): { name: string; key?: string } {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\((.*)\))?$/.exec(segment);
  if (!m) throw sapErrors.resourceNotFound(segment);
  return { name: m[1], key: m[2] };
}
