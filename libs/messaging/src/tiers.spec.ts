import { BackendError, BackendUnavailableError, ConfigError, NotFoundError } from '@threadline/platform';
import { classifyFailure, WaitForTurnError } from './step-failure';
import { DEFAULT_TIER_SETTINGS, loadTierPolicies, retryDelaySeconds } from './tiers';

describe('integration tiers', () => {
  it('doubles the delay from the base and caps it, so a long outage is tried at least every maxDelaySeconds', () => {
    const policy = { baseDelaySeconds: 1, maxDelaySeconds: 300 };
    const noJitter = () => 1;
    expect([1, 2, 3, 4, 9, 10, 30].map((n) => retryDelaySeconds(policy, n, noJitter))).toEqual([1, 2, 4, 8, 256, 300, 300]);
    // Jitter takes off at most a fifth.
    expect(retryDelaySeconds(policy, 20, () => 0)).toBe(240);
  });

  it('merges MESSAGING_TIERS over the defaults and refuses a bad one with one line naming the key', () => {
    const tiers = loadTierPolicies('process-api', JSON.stringify({ 1: { maxDelaySeconds: 10, alerts: { openDeadLetters: 3 } } }));
    expect(tiers[1]).toMatchObject({ ...DEFAULT_TIER_SETTINGS[1], maxDelaySeconds: 10, alerts: { ...DEFAULT_TIER_SETTINGS[1].alerts, openDeadLetters: 3 } });
    expect(tiers[3]).toEqual(DEFAULT_TIER_SETTINGS[3]);
    const refusal = (json: string) => {
      try {
        loadTierPolicies('process-api', json);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refusal(JSON.stringify({ 1: { maxDelay: 10 } }))).toContain('MESSAGING_TIERS 1.maxDelay');
    expect(refusal(JSON.stringify({ 4: { maxDelaySeconds: 10 } }))).toContain('MESSAGING_TIERS 4');
    expect(refusal(JSON.stringify({ 2: { baseDelaySeconds: 50, maxDelaySeconds: 10 } }))).toContain('2.baseDelaySeconds (more than maxDelaySeconds)');
    expect(refusal('{')).toContain('MESSAGING_TIERS is not JSON');
  });
});

describe('failure classes', () => {
  it('waits out outages and refused credentials, gives faults a budget, and never retries a refusal or a mapping error', () => {
    expect(classifyFailure(new BackendUnavailableError('frePPLe', 'down'))).toMatchObject({ errorClass: 'backend-unavailable', retry: 'outage', backend: 'frePPLe' });
    expect(classifyFailure(new BackendUnavailableError('frePPLe', 'slow', true))).toMatchObject({ errorClass: 'backend-unavailable', code: 'BACKEND_TIMEOUT' });
    expect(classifyFailure(new BackendError('BACKEND_AUTH_FAILED', 'ERP', 'no token'))).toMatchObject({ errorClass: 'credentials', retry: 'outage' });
    expect(classifyFailure(new BackendError('BACKEND_REJECTED', 'ERP', 'no'))).toMatchObject({ errorClass: 'refused', retry: 'never' });
    expect(classifyFailure(new NotFoundError('WorkOrder', 'P1/1'))).toMatchObject({ errorClass: 'refused', retry: 'never' });
    expect(classifyFailure(new BackendError('BACKEND_LIMIT_EXCEEDED', 'ERP', 'too many'))).toMatchObject({ errorClass: 'mapping', retry: 'never' });
    expect(classifyFailure(new BackendError('BACKEND_ERROR', 'ERP', 'boom'))).toMatchObject({ errorClass: 'backend-error', retry: 'bounded' });
    expect(classifyFailure(new TypeError('x is undefined'))).toMatchObject({ errorClass: 'internal', retry: 'bounded', message: 'x is undefined' });
    expect(classifyFailure(new WaitForTurnError('ECN-1 first'))).toMatchObject({ errorClass: 'waiting', retry: 'outage' });
  });
});
