/**
 * States in the words people use on the shop floor and in the board room, not the state machine's
 * names: "waiting for P2's release window, opens Monday 06:00 UTC", "rolled out to 2 of 3 plants".
 */

export function adoptionWords(adopted: number, total: number): string {
  if (total === 0) return 'no target plants';
  return `rolled out to ${adopted} of ${total} plant${total === 1 ? '' : 's'}`;
}

const RELEASE_WORDS: Record<string, string> = {
  RECEIVED: 'received from PLM, being checked',
  VALIDATED: 'checked, impact being assessed',
  IMPACT_ASSESSED: 'impact assessed, governance deciding',
  AWAITING_APPROVAL: 'waiting for an approver',
  APPROVED: 'approved, about to roll out',
  ROLLING_OUT: 'rolling out to the plants',
  COMPLETED: 'in production in every target plant',
  REJECTED: 'rejected',
  FAILED: 'failed',
};

export function releaseWords(state: string): string {
  return RELEASE_WORDS[state] ?? state.toLowerCase().replace(/_/g, ' ');
}

/** A time in UTC as people read a calendar: "Monday 06:00 UTC". */
export function weekdayTime(iso: string): string {
  const d = new Date(iso);
  const day = d.toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
  return `${day} ${time} UTC`;
}

/** A date and time in UTC: "5 Dec 2026, 06:00 UTC". */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const date = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
  return `${date}, ${time} UTC`;
}

export interface RolloutLike {
  plant: string;
  state: string;
  notBefore?: string | null;
  effectiveFrom?: string | null;
  lastError?: string | null;
  stalled?: { reason: string } | null;
}

export function rolloutWords(rollout: RolloutLike): string {
  if (rollout.stalled) return `stalled in ${rollout.plant}: ${rollout.stalled.reason} (an operator can replay it)`;
  switch (rollout.state) {
    case 'PENDING':
      return rollout.lastError ? `retrying ERP in ${rollout.plant}: ${rollout.lastError}` : `queued for ERP in ${rollout.plant}`;
    case 'WAITING_FOR_WINDOW':
      return rollout.notBefore
        ? `waiting for ${rollout.plant}'s release window, opens ${weekdayTime(rollout.notBefore)}`
        : `waiting for ${rollout.plant}'s release window`;
    case 'ERP_APPLIED':
      return `in ERP at ${rollout.plant}, the scheduler is re-planning`;
    case 'COMPLETED':
      return rollout.effectiveFrom ? `in production at ${rollout.plant} from ${dateTime(rollout.effectiveFrom)}` : `in production at ${rollout.plant}`;
    case 'FAILED':
      return `failed in ${rollout.plant}${rollout.lastError ? `: ${rollout.lastError}` : ''}`;
    default:
      return `${rollout.plant}: ${rollout.state.toLowerCase().replace(/_/g, ' ')}`;
  }
}

/** A duration the way people say it: "45 s", "12 min", "3 h 20 min", "2 d 4 h". */
export function durationWords(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return 'not measured yet';
  if (seconds > 0 && seconds < 0.5) return 'under 1 s';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 && s < 600 ? ` ${s % 60} s` : ''}`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
  return `${Math.floor(s / 86_400)} d${Math.floor((s % 86_400) / 3600) ? ` ${Math.floor((s % 86_400) / 3600)} h` : ''}`;
}

/** How long ago: "opened 5 min ago". */
export function ageWords(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  return `${durationWords((now - new Date(iso).getTime()) / 1000)} ago`;
}
