import { UNITS, Unit } from '@threadline/canonical';
import { ErpMappingError } from './mapping-error';

/** SAP writes open-ended validity as 9999-12-31. */
const SAP_END_OF_TIME_MS = Date.UTC(9999, 11, 31);

/** OData v2 JSON dates: `/Date(1767225600000)/`, optionally with an offset (`/Date(1767225600000+0060)/`). */
export function parseSapDate(value: string): Date {
  const match = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/.exec(value);
  if (!match) throw new ErpMappingError(`'${value}' is not an OData v2 date`, value);
  // The offset only says in which zone the instant was written; the milliseconds are UTC already.
  return new Date(Number(match[1]));
}

export function toSapDate(date: Date): string {
  return `/Date(${date.getTime()})/`;
}

/** A validity end, with SAP's 9999-12-31 meaning "open" (null). */
export function parseSapValidityEnd(value: string | null | undefined): string | null {
  if (!value) return null;
  const date = parseSapDate(value);
  return date.getTime() >= SAP_END_OF_TIME_MS ? null : date.toISOString();
}

/** Edm.Time `PT06H30M00S` as milliseconds after midnight. */
export function parseSapTime(value: string | null | undefined): number {
  if (!value) return 0;
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(value);
  if (!match) throw new ErpMappingError(`'${value}' is not an OData v2 time`, value);
  return ((Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0)) * 60 + Number(match[3] ?? 0)) * 1000;
}

/** A date field plus its time field (SAP keeps them apart), as an ISO 8601 UTC instant. */
export function sapDateTime(date: string, time: string | null | undefined): string {
  return new Date(parseSapDate(date).getTime() + parseSapTime(time)).toISOString();
}

/** Edm.Decimal arrives as a string ("2.000"). */
export function parseSapDecimal(value: string | number): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || (typeof value === 'string' && value.trim() === '')) {
    throw new ErpMappingError(`'${value}' is not a decimal`, value);
  }
  return n;
}

export function toSapDecimal(value: number): string {
  return value.toFixed(3);
}

/**
 * SAP's external unit codes to UN/CEFACT-style canonical units. SAP calls a piece PC (ST in a
 * German logon); the canonical model says EA.
 */
const SAP_TO_CANONICAL_UNIT: Record<string, Unit> = {
  PC: 'EA',
  ST: 'EA',
  EA: 'EA',
  KG: 'KG',
  G: 'G',
  M: 'M',
  MM: 'MM',
  L: 'L',
  M2: 'M2',
  SET: 'SET',
};

const CANONICAL_TO_SAP_UNIT: Record<Unit, string> = { EA: 'PC', KG: 'KG', G: 'G', M: 'M', MM: 'MM', L: 'L', M2: 'M2', SET: 'SET' };

export function unitToCanonical(sapUnit: string): Unit {
  const unit = SAP_TO_CANONICAL_UNIT[sapUnit];
  if (!unit) throw new ErpMappingError(`unit '${sapUnit}' has no canonical equivalent (known: ${UNITS.join(', ')})`, sapUnit);
  return unit;
}

export function unitFromCanonical(unit: Unit): string {
  return CANONICAL_TO_SAP_UNIT[unit];
}
