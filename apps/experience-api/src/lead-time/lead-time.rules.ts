/**
 * Pure: a release's transitions (as the process API published them) to each plant's stage times
 * and its state in plain words. Transitions may arrive in any order; they are read sorted by time.
 */

export const STAGES = ['validation', 'impact', 'approvalWait', 'releaseWindowWait', 'erp', 'scheduler'] as const;
export type Stage = (typeof STAGES)[number];

export interface ReleaseTimeline {
  changeNumber: string;
  releaseId: string;
  targetPlants: string[] | null;
  /** When PLM released the change: where lead time starts (else when the process API received it). */
  plmReleasedAt: Date | null;
  receivedAt: Date | null;
}

export interface Transition {
  /** '' for the release's own transitions. */
  plant: string;
  from: string | null;
  to: string;
  at: Date;
  reason: string;
  notBefore: Date | null;
  effectiveFrom: Date | null;
}

export interface RolloutTimes {
  plant: string;
  /** The rollout's state, or the release's while no rollout exists (RECEIVED ... AWAITING_APPROVAL, REJECTED). */
  state: string;
  stateSince: Date | null;
  /** The state in plain words: "waiting for P2's release window, opens Monday 7 Dec 06:00 UTC". */
  status: string;
  startedAt: Date | null;
  completedAt: Date | null;
  leadSeconds: number | null;
  stages: Record<Stage, number | null>;
}

/** Where a state comes in its machine: orders transitions written in the same millisecond (APPROVED, then ROLLING_OUT). */
const STATE_ORDER = ['RECEIVED', 'VALIDATED', 'IMPACT_ASSESSED', 'AWAITING_APPROVAL', 'APPROVED', 'ROLLING_OUT', 'PENDING', 'WAITING_FOR_WINDOW', 'ERP_APPLIED', 'STALLED'];
const rank = (state: string) => (STATE_ORDER.includes(state) ? STATE_ORDER.indexOf(state) : STATE_ORDER.length);

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** "Monday 7 Dec 06:00 UTC": the times the dashboard shows are UTC, as the API's. */
export function whenWords(d: Date): string {
  return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} UTC`;
}

const seconds = (from: Date | null | undefined, to: Date | null | undefined): number | null =>
  from && to ? Math.max((to.getTime() - from.getTime()) / 1000, 0) : null;

const firstTo = (ts: Transition[], state: string) => ts.find((t) => t.to === state)?.at ?? null;
const lastTo = (ts: Transition[], state: string) => [...ts].reverse().find((t) => t.to === state)?.at ?? null;

/** Time spent in WAITING_FOR_WINDOW before `until` (each stay ends with the plant's next transition, or `until`). */
function windowWait(ts: Transition[], until: Date): number {
  let total = 0;
  ts.forEach((t, i) => {
    if (t.to !== 'WAITING_FOR_WINDOW' || t.at >= until) return;
    const end = ts[i + 1]?.at ?? until;
    total += Math.max(Math.min(end.getTime(), until.getTime()) - t.at.getTime(), 0) / 1000;
  });
  return total;
}

function releaseStatus(state: string, last: Transition | undefined, plants: string[]): string {
  const since = last ? ` since ${whenWords(last.at)}` : '';
  switch (state) {
    case 'RECEIVED':
      return 'received from PLM; being validated';
    case 'VALIDATED':
      return `validated; assessing the impact${plants.length ? ` on ${plants.join(', ')}` : ''}`;
    case 'IMPACT_ASSESSED':
      return 'impact assessed; the governance policy decides';
    case 'AWAITING_APPROVAL':
      return `waiting for an approver${since}`;
    case 'APPROVED':
    case 'ROLLING_OUT':
      return 'approved; rollout starting';
    case 'REJECTED':
      return `rejected: ${last?.reason ?? 'no reason given'}`;
    case 'FAILED':
      return `failed: ${last?.reason ?? 'no reason given'}`;
    default:
      return state.toLowerCase().replace(/_/g, ' ');
  }
}

function rolloutStatus(plant: string, last: Transition, effectiveFrom: Date | null): string {
  switch (last.to) {
    case 'PENDING':
      return `applying the change in ${plant}'s ERP`;
    case 'WAITING_FOR_WINDOW':
      return last.notBefore ? `waiting for ${plant}'s release window, opens ${whenWords(last.notBefore)}` : `waiting for ${plant}'s release window`;
    case 'ERP_APPLIED':
      return `applied in ${plant}'s ERP; handing it to ${plant}'s scheduler`;
    case 'STALLED':
      return `stalled at ${plant} since ${whenWords(last.at)}: an operator must replay or discard its dead letter (${last.reason})`;
    case 'COMPLETED':
      return `in ${plant}'s schedule since ${whenWords(last.at)}${effectiveFrom ? `, effective from ${whenWords(effectiveFrom)}` : ''}`;
    case 'FAILED':
      return `failed at ${plant}: ${last.reason}`;
    default:
      return `${plant}: ${last.to.toLowerCase().replace(/_/g, ' ')}`;
  }
}

/** Every plant of the release: its state in words and the time each stage took so far. */
export function rolloutTimes(timeline: ReleaseTimeline, transitions: Transition[], now: Date): RolloutTimes[] {
  const sorted = [...transitions].sort((a, b) => a.at.getTime() - b.at.getTime() || rank(a.to) - rank(b.to));
  const release = sorted.filter((t) => t.plant === '');
  const plants = [...new Set([...(timeline.targetPlants ?? []), ...sorted.filter((t) => t.plant !== '').map((t) => t.plant)])].sort();
  const startedAt = timeline.plmReleasedAt ?? timeline.receivedAt ?? release[0]?.at ?? null;
  const validatedAt = firstTo(release, 'VALIDATED');
  const assessedAt = firstTo(release, 'IMPACT_ASSESSED');
  const approvedAt = firstTo(release, 'APPROVED');
  const lastRelease = release[release.length - 1];
  const releaseState = lastRelease?.to ?? 'RECEIVED';
  const releaseEnded = releaseState === 'REJECTED' || (releaseState === 'FAILED' && !approvedAt);

  return plants.map((plant) => {
    const ts = sorted.filter((t) => t.plant === plant);
    const last = ts[ts.length - 1];
    const erpAppliedAt = lastTo(ts, 'ERP_APPLIED');
    const completedAt = lastTo(ts, 'COMPLETED');
    const effectiveFrom = [...ts].reverse().find((t) => t.effectiveFrom)?.effectiveFrom ?? null;
    const waited = windowWait(ts, completedAt ?? erpAppliedAt ?? now);
    const erp = seconds(approvedAt, erpAppliedAt);
    const useRelease = !last || releaseEnded;
    // A rollout is created PENDING with the release's move to ROLLING_OUT (no transition of its own).
    const pending = useRelease && !releaseEnded && (releaseState === 'ROLLING_OUT' || releaseState === 'APPROVED');
    return {
      plant,
      state: pending ? 'PENDING' : useRelease ? releaseState : last.to,
      stateSince: useRelease ? (lastRelease?.at ?? null) : last.at,
      status: pending
        ? `applying the change in ${plant}'s ERP`
        : useRelease
          ? releaseStatus(releaseState, lastRelease, plants)
          : rolloutStatus(plant, last, effectiveFrom),
      startedAt,
      completedAt,
      leadSeconds: seconds(startedAt, completedAt),
      stages: {
        validation: seconds(startedAt, validatedAt),
        impact: seconds(validatedAt, assessedAt),
        approvalWait: seconds(assessedAt, approvedAt),
        releaseWindowWait: ts.some((t) => t.to === 'WAITING_FOR_WINDOW') ? waited : approvedAt ? 0 : null,
        erp: erp === null ? null : Math.max(erp - waited, 0),
        scheduler: seconds(erpAppliedAt, completedAt),
      },
    };
  });
}
