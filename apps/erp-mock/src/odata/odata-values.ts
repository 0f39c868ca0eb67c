import { EdmKind } from './odata-model';
import { sapErrors } from './sap-error';

/** SAP's "open end" of a validity period: 9999-12-31. */
export const SAP_END_OF_TIME = new Date(Date.UTC(9999, 11, 31));

/** Accepts `/Date(ms)/` (with an optional offset, as SAP sends for DateTimeOffset) or ISO 8601. */
export function parseODataDate(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(value);
  const date = match ? new Date(Number(match[1])) : /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value.endsWith('Z') || /[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/** Midnight UTC of the day: SAP's Edm.DateTime "date" fields carry no time. */
export function startOfUtcDay(value: Date): Date {
  return new Date(Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate()));
}

const DAY_MS = 86_400_000;

/** Date, time and instant properties: the repository reads them as epoch milliseconds (see odata.repository.ts). */
export function isTemporal(kind: EdmKind): boolean {
  return kind === 'date' || kind === 'time' || kind === 'timestamp';
}

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Renders a database value the way SAP Gateway serialises the Edm type (decimals as strings).
 * Date, time and instant values come as epoch milliseconds (UTC), so that no row pays for a Date.
 */
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
    case 'date': {
      // SAP's Edm.DateTime "date" fields carry no time: midnight UTC of the day.
      const ms = epochMs(value);
      return `/Date(${ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS)})/`;
    }
    case 'time': {
      const seconds = Math.floor((((epochMs(value) % DAY_MS) + DAY_MS) % DAY_MS) / 1000);
      return `PT${twoDigits(Math.floor(seconds / 3600))}H${twoDigits(Math.floor(seconds / 60) % 60)}M${twoDigits(seconds % 60)}S`;
    }
    case 'timestamp':
      // Edm.DateTimeOffset in SAP's v2 JSON: milliseconds with the offset the instant was written in (UTC).
      return `/Date(${epochMs(value)}+0000)/`;
    case 'string':
      return String(value);
  }
}

function epochMs(value: unknown): number {
  return typeof value === 'number' ? value : (value instanceof Date ? value : new Date(String(value))).getTime();
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
