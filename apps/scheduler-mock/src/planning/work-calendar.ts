/**
 * frePPLe calendar semantics, as a pure model: a calendar has a default value and buckets; at any
 * instant the value is that of the most important bucket (lowest `priority`) covering it (date
 * range, weekday, time of day in the plant's time zone), else the default. A resource works while
 * its calendar's value is above zero.
 */

export interface CalendarBucket {
  startdate: Date | null;
  enddate: Date | null;
  value: number;
  priority: number;
  /** Index 0 = Sunday, as Date.getUTCDay(). */
  weekdays: boolean[];
  /** Minutes after local midnight, [startMinute, endMinute). */
  startMinute: number;
  endMinute: number;
}

export interface CalendarDefinition {
  name: string;
  defaultValue: number;
  timeZone: string;
  buckets: CalendarBucket[];
}

export interface Interval {
  start: number;
  end: number;
}

const MINUTE = 60_000;
const DAY_MINUTES = 1440;
const QUARTER_HOUR = 15 * MINUTE;
/** A calendar with no working time in this many days is treated as broken, not waited for. */
const SEARCH_LIMIT_DAYS = 400;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface LocalDate {
  y: number;
  m: number;
  d: number;
}

/** Local wall-clock parts of instant t, read from the time zone database (slow: see localParts). */
function formattedParts(t: number, timeZone: string): LocalDate & { minute: number; second: number } {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(t))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return { y: p.year, m: p.month, d: p.day, minute: p.hour * 60 + p.minute, second: p.second };
}

function formattedOffsetMs(t: number, timeZone: string): number {
  const p = formattedParts(t, timeZone);
  const whole = t - (((t % 1000) + 1000) % 1000);
  return Date.UTC(p.y, p.m - 1, p.d, 0, p.minute, p.second) - whole;
}

const HOUR = 60 * MINUTE;
/** Cached UTC offsets, per time zone and UTC hour; NaN for an hour in which the offset changes. */
const hourOffsets = new Map<string, Map<number, number>>();
const MAX_CACHED_HOURS = 100_000;

/**
 * The zone's UTC offset at t (ms, whole seconds). formatToParts is slow and the planner asks this
 * in loops: an hour whose offset is the same at its first and last second has one offset throughout
 * (zones never change twice within an hour), so it is read twice per hour and zone, not per call;
 * an hour with a change is read per call.
 */
function zoneOffsetMs(t: number, timeZone: string): number {
  let hours = hourOffsets.get(timeZone);
  if (!hours) hourOffsets.set(timeZone, (hours = new Map<number, number>()));
  const hour = Math.floor(t / HOUR);
  let offset = hours.get(hour);
  if (offset === undefined) {
    if (hours.size >= MAX_CACHED_HOURS) hours.clear();
    const first = formattedOffsetMs(hour * HOUR, timeZone);
    offset = first === formattedOffsetMs((hour + 1) * HOUR - 1000, timeZone) ? first : Number.NaN;
    hours.set(hour, offset);
  }
  return Number.isNaN(offset) ? formattedOffsetMs(t, timeZone) : offset;
}

function localParts(t: number, timeZone: string): LocalDate & { minute: number; second: number } {
  // The local wall clock is t shifted by the offset, read as UTC: the same parts formatToParts gives.
  const local = new Date(t + zoneOffsetMs(t, timeZone));
  return {
    y: local.getUTCFullYear(),
    m: local.getUTCMonth() + 1,
    d: local.getUTCDate(),
    minute: local.getUTCHours() * 60 + local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/** The UTC instant of a local wall-clock time (minutes after local midnight, may be 1440). */
export function localToUtc(date: LocalDate, minute: number, timeZone: string): number {
  const guess = Date.UTC(date.y, date.m - 1, date.d, 0, minute);
  const first = zoneOffsetMs(guess, timeZone);
  const t = guess - first;
  const second = zoneOffsetMs(t, timeZone);
  return second === first ? t : guess - second;
}

function addDays(date: LocalDate, days: number): LocalDate {
  const u = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: u.getUTCFullYear(), m: u.getUTCMonth() + 1, d: u.getUTCDate() };
}

function weekday(date: LocalDate): number {
  return new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay();
}

/** Parses frePPLe's 'HH:MM:SS' time of day into minutes; '23:59:59' and '24:00:00' mean end of day. */
export function parseTimeOfDay(value: string): number {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) throw new Error(`invalid time of day '${value}'`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (value.startsWith('23:59:59') || minutes >= DAY_MINUTES) return DAY_MINUTES;
  return minutes;
}

/**
 * Working time of one calendar. Days are computed once and memoised, so the scheduler can ask
 * freely; the object does no I/O.
 */
export class WorkCalendar {
  private readonly buckets: CalendarBucket[];
  private readonly days = new Map<string, Interval[]>();
  /** Local date per 15-minute UTC slot: zone offsets are whole quarter hours, so a slot never straddles local midnight. */
  private readonly dates = new Map<number, LocalDate>();

  constructor(readonly definition: CalendarDefinition) {
    this.buckets = [...definition.buckets].sort((a, b) => a.priority - b.priority);
  }

  /** Calendar value at instant t. */
  valueAt(t: number): number {
    const p = localParts(t, this.definition.timeZone);
    return this.valueAtLocal(t, weekday(p), p.minute);
  }

  isWorking(t: number): boolean {
    return this.valueAt(t) > 0;
  }

  private valueAtLocal(t: number, day: number, minute: number): number {
    for (const b of this.buckets) {
      if (b.startdate && t < b.startdate.getTime()) continue;
      if (b.enddate && t >= b.enddate.getTime()) continue;
      if (!b.weekdays[day]) continue;
      if (minute < b.startMinute || minute >= b.endMinute) continue;
      return b.value;
    }
    return this.definition.defaultValue;
  }

  /** Working intervals of one local day, merged and in order. */
  dayIntervals(date: LocalDate): Interval[] {
    const key = `${date.y}-${date.m}-${date.d}`;
    const cached = this.days.get(key);
    if (cached) return cached;
    const tz = this.definition.timeZone;
    const dayStart = localToUtc(date, 0, tz);
    const dayEnd = localToUtc(addDays(date, 1), 0, tz);
    const points = new Set<number>([dayStart, dayEnd]);
    for (const b of this.buckets) {
      for (const m of [b.startMinute, b.endMinute]) if (m > 0 && m < DAY_MINUTES) points.add(localToUtc(date, m, tz));
      for (const d of [b.startdate, b.enddate]) if (d && d.getTime() > dayStart && d.getTime() < dayEnd) points.add(d.getTime());
    }
    const sorted = [...points].sort((a, b) => a - b);
    const day = weekday(date);
    const intervals: Interval[] = [];
    for (let i = 0; i < sorted.length - 1; i++) {
      const start = sorted[i];
      const end = sorted[i + 1];
      // Each segment between change points has one value; its first instant decides it.
      if (this.valueAtLocal(start, day, localParts(start, tz).minute) <= 0) continue;
      const last = intervals[intervals.length - 1];
      if (last && last.end === start) last.end = end;
      else intervals.push({ start, end });
    }
    this.days.set(key, intervals);
    return intervals;
  }

  /** Working intervals from t onwards, day by day. */
  *intervalsFrom(t: number): Generator<Interval> {
    let date = this.localDate(t);
    for (let i = 0; i < SEARCH_LIMIT_DAYS; i++, date = addDays(date, 1)) {
      for (const interval of this.dayIntervals(date)) {
        if (interval.end <= t) continue;
        yield { start: Math.max(interval.start, t), end: interval.end };
      }
    }
    throw new Error(`calendar ${this.definition.name} has no working time within ${SEARCH_LIMIT_DAYS} days`);
  }

  private localDate(t: number): LocalDate {
    const slot = Math.floor(t / QUARTER_HOUR);
    let date = this.dates.get(slot);
    if (!date) {
      const p = localParts(slot * QUARTER_HOUR, this.definition.timeZone);
      date = { y: p.y, m: p.m, d: p.d };
      this.dates.set(slot, date);
    }
    return date;
  }

  /** The first instant at or after t that is working time. */
  nextWorkingInstant(t: number): number {
    for (const interval of this.intervalsFrom(t)) return interval.start;
    throw new Error('unreachable');
  }

  /** The instant at which `minutes` of working time, counted from t, are done. */
  addWorkingTime(t: number, minutes: number): number {
    let remaining = minutes * MINUTE;
    if (remaining <= 0) return this.nextWorkingInstant(t);
    for (const interval of this.intervalsFrom(t)) {
      const available = interval.end - interval.start;
      if (available >= remaining) return interval.start + remaining;
      remaining -= available;
    }
    throw new Error('unreachable');
  }

  /** Working minutes between two instants. */
  workingMinutesBetween(from: number, to: number): number {
    let total = 0;
    for (const interval of this.intervalsFrom(from)) {
      if (interval.start >= to) break;
      total += Math.min(interval.end, to) - interval.start;
    }
    return total / MINUTE;
  }
}
