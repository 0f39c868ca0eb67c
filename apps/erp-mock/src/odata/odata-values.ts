import { EdmKind } from './odata-model';
import { sapErrors } from './sap-error';

/** SAP's "open end" of a validity period: 9999-12-31. */
export const SAP_END_OF_TIME = new Date(Date.UTC(9999, 11, 31));

/** OData v2 JSON date: `/Date(1767225600000)/`. */
export function toODataDate(value: Date): string {
  return `/Date(${value.getTime()})/`;
}

/** Accepts `/Date(ms)/` (with an optional offset, as SAP sends for DateTimeOffset) or ISO 8601. */
export function parseODataDate(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(value);
  const date = match ? new Date(Number(match[1])) : /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value.endsWith('Z') || /[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/** OData v2 Edm.Time as SAP sends it: `PT06H00M00S`. */
export function toODataTime(value: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `PT${pad(value.getUTCHours())}H${pad(value.getUTCMinutes())}M${pad(value.getUTCSeconds())}S`;
}

/** Midnight UTC of the day: SAP's Edm.DateTime "date" fields carry no time. */
export function startOfUtcDay(value: Date): Date {
  return new Date(Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate()));
}

/** Renders a database value the way SAP Gateway serialises the Edm type (decimals as strings). */
export function formatValue(kind: EdmKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'decimal':
      return Number(value).toFixed(3);
    case 'amount':
      return Number(value).toFixed(2);
    case 'int':
      return Number(value);
    case 'boolean':
      return Boolean(value);
    case 'date':
      return toODataDate(startOfUtcDay(value instanceof Date ? value : new Date(String(value))));
    case 'time':
      return toODataTime(value instanceof Date ? value : new Date(String(value)));
    case 'timestamp':
      // Edm.DateTimeOffset in SAP's v2 JSON: milliseconds with the offset the instant was written in (UTC).
      return `/Date(${(value instanceof Date ? value : new Date(String(value))).getTime()}+0000)/`;
    case 'string':
      return String(value);
  }
}

/** Converts a $filter literal to a SQL parameter of the property's kind. */
export function literalValue(kind: EdmKind, literal: string, property: string): unknown {
  const fail = () => sapErrors.invalidQuery(`Invalid literal ${literal} for property ${property}`);
  if (literal === 'null') return null;
  switch (kind) {
    case 'string': {
      const m = /^'((?:[^']|'')*)'$/.exec(literal);
      if (!m) throw fail();
      return m[1].replace(/''/g, "'");
    }
    case 'decimal':
    case 'amount':
    case 'int': {
      const m = /^(-?\d+(?:\.\d+)?)[mMdDlL]?$/.exec(literal);
      if (!m) throw fail();
      return Number(m[1]);
    }
    case 'boolean':
      if (literal !== 'true' && literal !== 'false') throw fail();
      return literal === 'true';
    case 'date':
    case 'time':
    case 'timestamp': {
      const m = /^datetime(?:offset)?'([^']+)'$/.exec(literal);
      const date = m ? parseODataDate(m[1]) : undefined;
      if (!date) throw fail();
      return date;
    }
  }
}
