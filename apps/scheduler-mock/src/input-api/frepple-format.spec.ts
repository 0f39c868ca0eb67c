import { formatDateTime, formatDuration, parseDateTime, parseDuration } from './frepple-format';

describe('frePPLe wire formats', () => {
  it('writes datetimes without a zone and reads them as UTC', () => {
    expect(formatDateTime(new Date('2026-12-01T06:30:00.000Z'))).toBe('2026-12-01T06:30:00');
    expect(parseDateTime('2026-12-01T06:30:00').toISOString()).toBe('2026-12-01T06:30:00.000Z');
    expect(parseDateTime('2026-12-01 06:30:00').toISOString()).toBe('2026-12-01T06:30:00.000Z');
    expect(parseDateTime('2026-12-01').toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(parseDateTime('2026-12-01T07:30:00+01:00').toISOString()).toBe('2026-12-01T06:30:00.000Z');
    expect(() => parseDateTime('01/12/2026')).toThrow(/wrong format/);
  });

  it('writes and reads durations as [-][D ]HH:MM:SS', () => {
    expect(formatDuration(1800)).toBe('00:30:00');
    expect(formatDuration(93784)).toBe('1 02:03:04');
    expect(formatDuration(-7200)).toBe('-02:00:00');
    expect(parseDuration('1 02:03:04')).toBe(93784);
    expect(parseDuration('-02:00:00')).toBe(-7200);
    expect(parseDuration(720)).toBe(720);
    expect(() => parseDuration('2h')).toThrow(/wrong format/);
  });
});
