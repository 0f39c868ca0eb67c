import { FreppleMappingError } from './frepple-mapping.error';

/**
 * frePPLe's wire formats: datetimes without a zone (the server's time, UTC here) and durations
 * as '[-][D ]HH:MM:SS'. Canonical times are ISO 8601 UTC with 'Z'.
 */

export function fromFreppleDateTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  const date = new Date(hasZone ? value : `${value.replace(' ', 'T')}Z`);
  if (Number.isNaN(date.getTime())) throw new FreppleMappingError(`unreadable frePPLe datetime '${value}'`, value);
  return date.toISOString();
}

export function toFreppleDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`not a datetime: '${iso}'`);
  return date.toISOString().slice(0, 19);
}

export function durationSeconds(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  const match = /^(-)?(?:(\d+) )?(\d{1,2}):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value.trim());
  if (!match) throw new FreppleMappingError(`unreadable frePPLe duration '${value}'`, value);
  const seconds = Number(match[2] ?? 0) * 86400 + Number(match[3]) * 3600 + Number(match[4]) * 60 + Number(match[5]);
  return match[1] ? -seconds : seconds;
}
