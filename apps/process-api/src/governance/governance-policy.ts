import type { EngineeringChangeDto, PlantImpactDto } from '@threadline/canonical';
import type { GovernancePolicy, PlantMaterialPolicy, PlantPolicy } from './governance-policy.config';

/*
 * The governance policy's rules, as plain functions over the validated policy
 * (governance-policy.config.ts): when a change takes effect in a plant, whether it applies by itself,
 * when a plant's release window opens.
 */

export function plantPolicy(policy: GovernancePolicy, plant: string): PlantPolicy {
  return policy.plants.get(plant) ?? { frozenHorizonDays: 0 };
}

/** How the plant's ERP gets new items: its own material policy, else the policy's default. */
export function plantMaterialPolicy(policy: GovernancePolicy, plant: string): PlantMaterialPolicy {
  return policy.plants.get(plant)?.materials ?? policy.newMaterials;
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
  if (policy.substituteCoverage.approvalWhenUncovered) {
    const gap = substituteGap(impact);
    if (gap) return { kind: 'approval', reason: gap };
  }
  return { kind: 'auto-apply', reason: `dispositions ${[...new Set(change.affectedItems.map((a) => a.disposition))].join(', ')} and cost deltas within policy` };
}

/**
 * Substitute stock: the first plant where a used-up component runs out before the change is
 * effective and the component replacing it does not cover the new revision's open demand, as the
 * approval's reason with a suggested effective date (when the old stock runs out); null when none.
 */
export function substituteGap(impact: PlantImpactDto[]): string | null {
  for (const plant of impact) {
    const effective = Date.parse(plant.effectiveFrom);
    for (const old of plant.outgoingComponents) {
      if (old.disposition !== 'use-up' || !old.useUpDate || Date.parse(old.useUpDate) >= effective) continue;
      const substitute = (plant.incomingComponents ?? []).find((c) => c.replaces.includes(old.itemNumber));
      if (substitute?.verdict === 'covered') continue;
      const cover = !substitute
        ? 'nothing replaces it'
        : substitute.verdict === 'no-demand'
          ? `${substitute.itemNumber} has no open demand to cover yet`
          : `${substitute.itemNumber} covers ${substitute.coveredQuantity} of ${substitute.demand} ${substitute.unit} on the new revision${substitute.coveredUntil ? ` (until ${substitute.coveredUntil.slice(0, 10)})` : ''}`;
      return (
        `substitute stock: ${old.itemNumber} runs out in ${plant.plant} on ${old.useUpDate.slice(0, 10)}, before the change is effective there on ` +
        `${plant.effectiveFrom.slice(0, 10)}, and ${cover}; suggested effective date ${old.useUpDate.slice(0, 10)}`
      );
    }
  }
  return null;
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
