import type { ReleaseState } from '@threadline/canonical';
import type { RolloutRowState } from '../releases/release.entities';

export type AdoptionState = 'adopted' | 'pending' | 'failed';
export const ADOPTION_STATES: readonly AdoptionState[] = ['adopted', 'pending', 'failed'];

/**
 * Where a plant stands with a release: adopted once its rollout completed, failed when the
 * rollout or the release failed (a plant left waiting by a failed release will not adopt it),
 * pending otherwise (waiting for its window, applied to ERP, stalled on a dead letter).
 */
export function adoptionState(rollout: RolloutRowState, release: ReleaseState): AdoptionState {
  if (rollout === 'COMPLETED') return 'adopted';
  if (rollout === 'FAILED' || release === 'FAILED' || release === 'REJECTED') return 'failed';
  return 'pending';
}

/** The age buckets of open exception cases: label and upper bound in seconds. */
export const CASE_AGE_BUCKETS = [
  { label: 'lt_1h', below: 3600 },
  { label: '1h_to_24h', below: 24 * 3600 },
  { label: '1d_to_7d', below: 7 * 24 * 3600 },
  { label: 'gt_7d', below: Infinity },
] as const;

export type CaseAge = (typeof CASE_AGE_BUCKETS)[number]['label'];

/** The bounds between buckets, for SQL's width_bucket(age, bounds): index i is CASE_AGE_BUCKETS[i]. */
export const CASE_AGE_BOUNDS = CASE_AGE_BUCKETS.slice(0, -1).map((b) => b.below);

/** The bucket of an open case `seconds` old (a clock a little behind counts as new). */
export function caseAge(seconds: number): CaseAge {
  return CASE_AGE_BUCKETS.find((b) => seconds < b.below)!.label;
}

/** The label of width_bucket's answer for CASE_AGE_BOUNDS. */
export function caseAgeOfBucket(index: number): CaseAge {
  return CASE_AGE_BUCKETS[Math.min(Math.max(index, 0), CASE_AGE_BUCKETS.length - 1)].label;
}

/** Release lead time buckets, in seconds: a minute to four weeks. */
export const LEAD_TIME_BUCKETS = [60, 300, 900, 1800, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 86_400, 2 * 86_400, 4 * 86_400, 7 * 86_400, 14 * 86_400, 28 * 86_400];

/**
 * From PLM's release of the change to the plant being production-effective (its rollout
 * completed); when PLM gave no release time, from when the process API received the release.
 */
export function leadTimeSeconds(plmReleasedAt: string | null, receivedAt: Date, completedAt: Date): number {
  const from = plmReleasedAt ? Date.parse(plmReleasedAt) : NaN;
  const start = Number.isFinite(from) ? from : receivedAt.getTime();
  return Math.max(completedAt.getTime() - start, 0) / 1000;
}
