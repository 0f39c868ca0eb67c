import { readFileSync } from 'node:fs';
import type { Disposition, EngineeringChangeDto, PlantImpactDto } from '@threadline/canonical';

/** A weekly window in which a plant accepts changes, in the plant's local time. */
export interface ReleaseWindow {
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  days: number[];
  /** "HH:MM", local time. */
  from: string;
  to: string;
}

export interface PlantPolicy {
  /** Jobs starting within this many days keep the old revision; the change applies after. */
  frozenHorizonDays: number;
  /** When set, changes reach the plant only inside one of these windows. */
  releaseWindows?: ReleaseWindow[];
  timeZone?: string;
}

export interface GovernancePolicy {
  /** Effectivity may not start more than this many hours in the past ... */
  effectivityPastToleranceHours: number;
  /** ... nor more than this many days ahead. */
  effectivityMaxDaysAhead: number;
  autoApply: {
    /** Dispositions that write nothing off; any other needs an approval. */
    dispositions: Disposition[];
    /**
     * Largest cost increase per unit applied without approval, per currency (plants keep costs in
     * their own currency); `default` for any other.
     */
    maxCostDeltaPerUnit: Record<string, number>;
  };
  /** Critical changes always need a named approver. */
  criticalNeedsApproval: boolean;
  plants: Record<string, PlantPolicy>;
}

/**
 * The default policy, documented in the README: use-up and use-as-is changes whose cost delta is
 * small apply by themselves; anything that writes stock off, costs more, or is critical waits for
 * an approver. P2 has a frozen horizon of 7 days.
 */
export const DEFAULT_POLICY: GovernancePolicy = {
  effectivityPastToleranceHours: 24,
  effectivityMaxDaysAhead: 365,
  autoApply: { dispositions: ['use-up', 'use-as-is'], maxCostDeltaPerUnit: { EUR: 25, USD: 25, CZK: 600, MXN: 500, default: 25 } },
  criticalNeedsApproval: true,
  plants: {
    P1: { frozenHorizonDays: 0, timeZone: 'Europe/Berlin' },
    P2: { frozenHorizonDays: 7, timeZone: 'Europe/Prague' },
    P3: { frozenHorizonDays: 0, timeZone: 'America/Monterrey' },
  },
};

/** The policy from GOVERNANCE_POLICY (JSON) or GOVERNANCE_POLICY_FILE, merged over the default. */
export function loadGovernancePolicy(json?: string, file?: string): GovernancePolicy {
  const text = json ?? (file ? readFileSync(file, 'utf8') : undefined);
  if (!text) return DEFAULT_POLICY;
  const given = JSON.parse(text) as Partial<GovernancePolicy>;
  return {
    ...DEFAULT_POLICY,
    ...given,
    autoApply: { ...DEFAULT_POLICY.autoApply, ...given.autoApply },
    plants: { ...DEFAULT_POLICY.plants, ...given.plants },
  };
}

export function plantPolicy(policy: GovernancePolicy, plant: string): PlantPolicy {
  return policy.plants[plant] ?? { frozenHorizonDays: 0 };
}

/** The change takes effect in a plant at its effectivity date, but never inside the frozen horizon. */
export function plantEffectiveFrom(policy: GovernancePolicy, plant: string, effectivity: string, now: Date): string {
  const horizonEnd = now.getTime() + plantPolicy(policy, plant).frozenHorizonDays * 86_400_000;
  const start = Date.parse(effectivity);
  if (start >= horizonEnd) return new Date(start).toISOString();
  // After the horizon, from the start of the next day (ERP keeps validity by day).
  const day = new Date(horizonEnd);
  day.setUTCHours(0, 0, 0, 0);
  if (day.getTime() < horizonEnd) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString();
}

export type GovernanceDecision = { kind: 'auto-apply'; reason: string } | { kind: 'approval'; reason: string };

/** Pure: does this change apply by itself, or wait for an approver, and why. */
export function decideGovernance(policy: GovernancePolicy, change: EngineeringChangeDto, impact: PlantImpactDto[]): GovernanceDecision {
  if (policy.criticalNeedsApproval && change.priority === 'critical') {
    return { kind: 'approval', reason: 'critical change: a named approver must release it' };
  }
  const writeOffs = change.affectedItems.filter((a) => !policy.autoApply.dispositions.includes(a.disposition));
  if (writeOffs.length > 0) {
    return {
      kind: 'approval',
      reason: `disposition ${writeOffs.map((a) => `${a.disposition} (${a.itemNumber})`).join(', ')} is not auto-applied`,
    };
  }
  for (const plant of impact) {
    for (const delta of plant.costDelta) {
      const limits = policy.autoApply.maxCostDeltaPerUnit;
      const limit = limits[delta.currency ?? 'default'] ?? limits.default ?? 0;
      if (delta.perUnit !== null && delta.perUnit > limit) {
        return {
          kind: 'approval',
          reason: `cost of ${delta.itemNumber} rises by ${delta.perUnit.toFixed(2)} ${delta.currency ?? ''} per unit in ${plant.plant} (limit ${limit})`,
        };
      }
    }
  }
  return { kind: 'auto-apply', reason: `dispositions ${[...new Set(change.affectedItems.map((a) => a.disposition))].join(', ')} and cost deltas within policy` };
}

/** Local wall-clock parts of an instant in a time zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function localParts(at: Date, timeZone: string): { weekday: number; minutes: number } {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { weekday, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When the plant next accepts changes: `at` itself when inside a window (or the plant has none),
 * else the start of the next window, searched minute-exactly over the coming two weeks.
 */
export function nextWindowOpening(plant: PlantPolicy, at: Date): Date {
  const windows = plant.releaseWindows ?? [];
  if (windows.length === 0) return at;
  const timeZone = plant.timeZone ?? 'UTC';
  const inside = (t: Date): boolean => {
    const { weekday, minutes } = localParts(t, timeZone);
    return windows.some((w) => w.days.includes(weekday) && minutes >= toMinutes(w.from) && minutes < toMinutes(w.to));
  };
  if (inside(at)) return at;
  // Step through the next 14 days by the minute: cheap (20k checks) and exact across DST changes.
  const start = Math.ceil(at.getTime() / 60_000) * 60_000;
  for (let t = start; t < at.getTime() + 14 * 86_400_000; t += 60_000) {
    if (inside(new Date(t))) return new Date(t);
  }
  throw new Error('release windows never open in the next 14 days');
}
