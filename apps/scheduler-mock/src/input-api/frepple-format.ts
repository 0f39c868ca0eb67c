/**
 * frePPLe's wire formats: datetimes without a zone ('2026-12-01T06:00:00'; this mock's server
 * time zone is UTC) and durations as '[-][D ]HH:MM:SS'. Inputs may also carry a zone or be
 * plain seconds.
 */

export function formatDateTime(value: Date | null | undefined): string | null {
  if (!value) return null;
  return value.toISOString().slice(0, 19);
}

export function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(value)) {
    throw new Error('Datetime has wrong format. Use YYYY-MM-DDThh:mm:ss.');
  }
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(value) && value.length > 10;
  const normalized = value.replace(' ', 'T');
  const date = new Date(hasZone ? normalized : normalized.length === 10 ? `${normalized}T00:00:00Z` : `${normalized}Z`);
  if (Number.isNaN(date.getTime())) throw new Error('Datetime has wrong format. Use YYYY-MM-DDThh:mm:ss.');
  return date;
}

export function formatDuration(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined) return null;
  const sign = seconds < 0 ? '-' : '';
  let rest = Math.round(Math.abs(seconds));
  const days = Math.floor(rest / 86400);
  rest -= days * 86400;
  const hh = String(Math.floor(rest / 3600)).padStart(2, '0');
  const mm = String(Math.floor((rest % 3600) / 60)).padStart(2, '0');
  const ss = String(rest % 60).padStart(2, '0');
  return `${sign}${days > 0 ? `${days} ` : ''}${hh}:${mm}:${ss}`;
}

export function parseDuration(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  const match = typeof value === 'string' ? /^(-)?(?:(\d+) )?(\d{1,2}):(\d{2}):(\d{2})$/.exec(value.trim()) : null;
  if (!match) throw new Error('Duration has wrong format. Use one of these formats instead: [DD] [HH:[MM:]]ss[.uuuuuu].');
  const seconds = Number(match[2] ?? 0) * 86400 + Number(match[3]) * 3600 + Number(match[4]) * 60 + Number(match[5]);
  return match[1] ? -seconds : seconds;
}
