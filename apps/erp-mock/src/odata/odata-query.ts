import { EntitySetDef, propertyOf } from './odata-model';
import { literalValue } from './odata-values';
import { sapErrors } from './sap-error';

export type FilterOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export interface FilterClause {
  property: string;
  operator: FilterOperator;
  literal: string;
}

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

function stripParens(text: string): string {
  let t = text.trim();
  while (t.startsWith('(') && t.endsWith(')')) t = t.slice(1, -1).trim();
  return t;
}

/** The subset of OData v2 $filter the mock supports: comparisons joined by `and`. */
export function parseFilter(text: string | undefined): FilterClause[] {
  if (!text || !text.trim()) return [];
  return splitOutsideQuotes(stripParens(text), /^\s+and\s+/i).map((raw) => {
    const clause = stripParens(raw);
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s+(eq|ne|gt|ge|lt|le)\s+(.+)$/.exec(clause);
    // `or`, functions and arithmetic are not supported; such text fails here or as a literal.
    if (!m) {
      throw sapErrors.invalidQuery(`Invalid or unsupported filter expression: ${clause}`);
    }
    return { property: m[1], operator: m[2] as FilterOperator, literal: m[3].trim() };
  });
}

export function parseExpand(text: string | undefined): ExpandTree {
  const tree: ExpandTree = {};
  for (const path of (text ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
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
  };
}

/** Appends the filter as SQL conditions, adding literals to `params` ($1, $2, ...). */
export function filterToSql(set: EntitySetDef, clauses: FilterClause[], params: unknown[]): string[] {
  return clauses.map((clause) => {
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
  });
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
export function parseKeyPredicate(set: EntitySetDef, text: string): FilterClause[] {
  const parts = splitOutsideQuotes(text, /^,/).map((p) => p.trim());
  if (parts.length === 1 && !/^[A-Za-z_]\w*\s*=/.test(parts[0])) {
    if (set.keys.length !== 1) throw sapErrors.invalidQuery(`Key of '${set.name}' has ${set.keys.length} properties`);
    return [{ property: set.keys[0], operator: 'eq', literal: parts[0] }];
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
