import type { BackendHealthV1 } from '@threadline/canonical';
import type { StepRecord } from '@threadline/messaging';
import type { CallCounts } from './backend-calls.counter';

/**
 * Pure: one report's entries, per backend and plant: the period's call counts and the failing
 * steps now (retrying or replaying, and open dead letters) that name a backend. Only pairs with
 * calls or failing steps are listed; by backend, then plant.
 */
export function backendHealth(
  calls: (CallCounts & { backend: string; plant: string | null })[],
  retrying: Pick<StepRecord, 'backend' | 'plant' | 'firstFailedAt' | 'lastFailedAt' | 'errorClass'>[],
  dead: Pick<StepRecord, 'backend' | 'plant' | 'lastFailedAt' | 'errorClass'>[],
): BackendHealthV1[] {
  const out = new Map<string, BackendHealthV1 & { lastFailedAt: number }>();
  const entry = (backend: string, plant: string | null) => {
    const key = `${backend}|${plant ?? ''}`;
    let e = out.get(key);
    if (!e) {
      e = { backend, plant, calls: 0, failedCalls: 0, unavailableCalls: 0, retryingSteps: 0, oldestRetrySince: null, deadLetters: 0, lastErrorClass: null, lastFailedAt: 0 };
      out.set(key, e);
    }
    return e;
  };
  const newest = (e: { lastFailedAt: number; lastErrorClass: string | null }, step: Pick<StepRecord, 'lastFailedAt' | 'errorClass'>) => {
    const at = step.lastFailedAt.getTime();
    if (at >= e.lastFailedAt) {
      e.lastFailedAt = at;
      e.lastErrorClass = step.errorClass;
    }
  };
  for (const c of calls) Object.assign(entry(c.backend, c.plant), { calls: c.calls, failedCalls: c.failedCalls, unavailableCalls: c.unavailableCalls });
  for (const s of retrying) {
    if (!s.backend) continue;
    const e = entry(s.backend, s.plant);
    e.retryingSteps++;
    const since = s.firstFailedAt.toISOString();
    if (!e.oldestRetrySince || since < e.oldestRetrySince) e.oldestRetrySince = since;
    newest(e, s);
  }
  for (const s of dead) {
    if (!s.backend) continue;
    const e = entry(s.backend, s.plant);
    e.deadLetters++;
    newest(e, s);
  }
  return [...out.values()]
    .sort((a, b) => (a.backend === b.backend ? (a.plant ?? '').localeCompare(b.plant ?? '') : a.backend.localeCompare(b.backend)))
    .map(({ lastFailedAt: _, ...e }) => e);
}
