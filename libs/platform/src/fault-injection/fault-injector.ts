import { DialectError } from '../errors/dialect-error';
import { decideFault, FaultDecision, FaultProfileDto, seededRandom } from './fault-profile';

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

/**
 * Fault profiles per scope (a plant code, or `*`), each with its own seeded random sequence.
 * A scope's own profile wins over `*`.
 */
export class FaultInjector {
  private readonly profiles = new Map<string, { profile: FaultProfileDto; random: () => number }>();

  set(scope: string, profile: FaultProfileDto): void {
    this.profiles.set(scope, { profile, random: seededRandom(profile.seed ?? 1) });
  }

  clear(scope?: string): void {
    if (scope) this.profiles.delete(scope);
    else this.profiles.clear();
  }

  list(): Record<string, FaultProfileDto> {
    return Object.fromEntries([...this.profiles].map(([scope, entry]) => [scope, entry.profile]));
  }

  decide(scope: string | undefined, now = new Date()): FaultDecision {
    const entry = (scope !== undefined ? this.profiles.get(scope) : undefined) ?? this.profiles.get('*');
    if (!entry) return { kind: 'pass', delayMs: 0 };
    return decideFault(entry.profile, entry.random, now);
  }

  /** Waits out the decided latency, then throws the injected error if there is one. */
  async apply(scope: string | undefined): Promise<void> {
    const decision = this.decide(scope);
    if (decision.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
    if (decision.kind !== 'pass') throw new InjectedFaultError(decision);
  }
}
