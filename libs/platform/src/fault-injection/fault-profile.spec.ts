import { decideFault, FaultProfileDto, seededRandom } from './fault-profile';
import { FaultInjector } from './fault-injector';

const NOW = new Date('2026-11-26T10:05:00.000Z');

describe('fault injection', () => {
  it('is repeatable: the same seed gives the same sequence of faults', () => {
    const profile: FaultProfileDto = { errorRate: 0.3, rateLimitRate: 0.2, latencyMinMs: 10, latencyMaxMs: 90, seed: 7 };
    const run = () => {
      const random = seededRandom(7);
      return Array.from({ length: 50 }, () => decideFault(profile, random, NOW));
    };
    expect(run()).toEqual(run());
    const kinds = run().map((d) => d.kind);
    expect(kinds).toContain('error');
    expect(kinds).toContain('rate-limited');
    expect(kinds).toContain('pass');
  });

  it('answers 503 for every request inside an outage window, and nothing outside it', () => {
    const profile: FaultProfileDto = { outages: [{ from: '2026-11-26T10:00:00.000Z', to: '2026-11-26T10:15:00.000Z' }] };
    const random = seededRandom(1);
    expect(decideFault(profile, random, NOW)).toMatchObject({ kind: 'error', status: 503 });
    expect(decideFault(profile, random, new Date('2026-11-26T10:15:00.000Z')).kind).toBe('pass');
  });

  it('keeps latency within the configured range and adds the slow delay', () => {
    const random = seededRandom(3);
    for (let i = 0; i < 100; i++) {
      const d = decideFault({ latencyMinMs: 20, latencyMaxMs: 40 }, random, NOW);
      expect(d.delayMs).toBeGreaterThanOrEqual(20);
      expect(d.delayMs).toBeLessThanOrEqual(40);
    }
    expect(decideFault({ slowRate: 1, slowMs: 5000 }, random, NOW).delayMs).toBe(5000);
  });

  it('uses a scope\'s own profile before the `*` profile', () => {
    const injector = new FaultInjector();
    injector.set('*', { errorRate: 1 });
    injector.set('P1', {});
    expect(injector.decide('P1', NOW).kind).toBe('pass');
    expect(injector.decide('P2', NOW).kind).toBe('error');
    injector.clear();
    expect(injector.decide('P2', NOW).kind).toBe('pass');
  });
});
