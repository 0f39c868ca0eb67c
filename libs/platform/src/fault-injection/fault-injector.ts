import { DialectError } from '../errors/dialect-error';
import { decideDuplicateDelivery, decideFault, FaultDecision, FaultProfileDto, seededRandom } from './fault-profile';

/** The error a mock raises for an injected fault; each mock renders it in its own dialect. */
export class InjectedFaultError extends DialectError {
  constructor(decision: Exclude<FaultDecision, { kind: 'pass' }>) {
    if (decision.kind === 'rate-limited') {
      super('RATE_LIMITED', 429, 'Too Many Requests', `rate limit (injected); retry after ${decision.retryAfterSeconds} s`, { injected: true });
      this.withHeaders({ 'retry-after': String(decision.retryAfterSeconds) });
    } else {
      super('BACKEND_FAULT', decision.status, 'Service Unavailable', `${decision.reason} (injected)`, { injected: true });
      if (decision.status === 503) this.withHeaders({ 'retry-after': '1' });
    }
  }
}

/** What a backend has injected since it started, by kind (profiles set and cleared since included). */
export interface InjectedFaultCounts {
  /** Requests answered with an injected 5xx outside an outage window. */
  errors: number;
  /** Requests refused with an injected 429. */
  rateLimited: number;
  /** Requests answered 503 inside an outage window. */
  outageRefusals: number;
  /** Acknowledged webhook deliveries sent a second time. */
  duplicateDeliveries: number;
}

/** The duplicate-delivery sequence is seeded apart from the request sequence (same seed, other stream). */
const DUPLICATE_STREAM = 0x9e3779b9;

interface ScopeFaults {
  profile: FaultProfileDto;
  /** Decides requests' faults. */
  random: () => number;
  /** Decides duplicate webhook deliveries, so they never shift the requests' sequence. */
  duplicates: () => number;
}

/**
 * Fault profiles per scope (a plant code, or `*`), each with its own seeded random sequences.
 * A scope's own profile wins over `*`.
 */
export class FaultInjector {
  private readonly profiles = new Map<string, ScopeFaults>();
  private readonly counts: InjectedFaultCounts = { errors: 0, rateLimited: 0, outageRefusals: 0, duplicateDeliveries: 0 };

  set(scope: string, profile: FaultProfileDto): void {
    const seed = profile.seed ?? 1;
    this.profiles.set(scope, { profile, random: seededRandom(seed), duplicates: seededRandom((seed ^ DUPLICATE_STREAM) >>> 0) });
  }

  clear(scope?: string): void {
    if (scope) this.profiles.delete(scope);
    else this.profiles.clear();
  }

  list(): Record<string, FaultProfileDto> {
    return Object.fromEntries([...this.profiles].map(([scope, entry]) => [scope, entry.profile]));
  }

  /** Counts of what was injected since start, for tests and soak runs that report what they met. */
  injected(): InjectedFaultCounts {
    return { ...this.counts };
  }

  decide(scope: string | undefined, now = new Date()): FaultDecision {
    const entry = this.entryOf(scope);
    if (!entry) return { kind: 'pass', delayMs: 0 };
    const decision = decideFault(entry.profile, entry.random, now);
    if (decision.kind === 'rate-limited') this.counts.rateLimited++;
    else if (decision.kind === 'error' && decision.reason === 'outage window') this.counts.outageRefusals++;
    else if (decision.kind === 'error') this.counts.errors++;
    return decision;
  }

  /**
   * Whether a webhook delivery the subscriber has just acknowledged is sent once more (same
   * delivery id, same body), as an at-least-once sender does when the acknowledgement is lost.
   */
  duplicateDelivery(scope: string | undefined): boolean {
    const entry = this.entryOf(scope);
    if (!entry || !decideDuplicateDelivery(entry.profile, entry.duplicates)) return false;
    this.counts.duplicateDeliveries++;
    return true;
  }

  /** Waits out the decided latency, then throws the injected error if there is one. */
  async apply(scope: string | undefined): Promise<void> {
    await this.applyDecision(this.decide(scope));
  }

  /** Waits out a decision's latency, then throws its injected error if it has one. */
  async applyDecision(decision: FaultDecision): Promise<void> {
    if (decision.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
    if (decision.kind !== 'pass') throw new InjectedFaultError(decision);
  }

  private entryOf(scope: string | undefined): ScopeFaults | undefined {
    return (scope !== undefined ? this.profiles.get(scope) : undefined) ?? this.profiles.get('*');
  }
}
