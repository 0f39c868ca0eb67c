import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { decideDuplicateDelivery, decideFault, FaultProfileDto, seededRandom } from './fault-profile';
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

  describe('duplicate webhook deliveries', () => {
    it('sends a share of deliveries twice, repeatably for one seed, and draws nothing without a rate', () => {
      const run = (seed: number) => {
        const injector = new FaultInjector();
        injector.set('P1', { duplicateWebhookRate: 0.3, seed });
        return Array.from({ length: 200 }, () => injector.duplicateDelivery('P1'));
      };
      expect(run(5)).toEqual(run(5));
      expect(run(5)).not.toEqual(run(6));
      const share = run(5).filter(Boolean).length / 200;
      expect(share).toBeGreaterThan(0.2);
      expect(share).toBeLessThan(0.4);

      let draws = 0;
      const counting = () => (draws++, 0);
      expect(decideDuplicateDelivery({ errorRate: 0.5 }, counting)).toBe(false);
      expect(decideDuplicateDelivery({ duplicateWebhookRate: 0 }, counting)).toBe(false);
      expect(draws).toBe(0);
      expect(decideDuplicateDelivery({ duplicateWebhookRate: 1 }, counting)).toBe(true);
      expect(draws).toBe(1);
    });

    it("leaves a profile's request faults as they were, however many deliveries are decided in between", () => {
      const requestFaults: FaultProfileDto = { errorRate: 0.3, rateLimitRate: 0.2, seed: 7 };
      const kinds = (injector: FaultInjector, deliveriesBetween: number) =>
        Array.from({ length: 50 }, () => {
          for (let i = 0; i < deliveriesBetween; i++) injector.duplicateDelivery('*');
          return injector.decide('*', NOW).kind;
        });
      const without = kinds(withProfile(requestFaults), 0);
      expect(kinds(withProfile({ ...requestFaults, duplicateWebhookRate: 0.5 }), 3)).toEqual(without);
      // The sequence such a profile met before duplicates existed.
      const random = seededRandom(7);
      expect(without).toEqual(Array.from({ length: 50 }, () => decideFault(requestFaults, random, NOW).kind));
    });

    it("uses the scope's own profile before `*`, never duplicates without a profile, and counts what it injected", () => {
      const injector = new FaultInjector();
      expect(injector.duplicateDelivery('P1')).toBe(false);
      injector.set('*', { duplicateWebhookRate: 1 });
      injector.set('P2', { errorRate: 1 });
      expect([injector.duplicateDelivery('P1'), injector.duplicateDelivery(undefined), injector.duplicateDelivery('P2')]).toEqual([true, true, false]);
      injector.decide('P2', NOW);
      injector.set('P3', { outages: [{ from: '2026-11-26T10:00:00.000Z', to: '2026-11-26T10:15:00.000Z' }] });
      injector.decide('P3', NOW);
      injector.set('P1', { rateLimitRate: 1 });
      injector.decide('P1', NOW);
      expect(injector.injected()).toEqual({ errors: 1, rateLimited: 1, outageRefusals: 1, duplicateDeliveries: 2 });
    });

    it('accepts a rate between 0 and 1 only', () => {
      const problems = (value: unknown) => validateSync(plainToInstance(FaultProfileDto, { duplicateWebhookRate: value })).map((e) => e.property);
      expect(problems(0.3)).toEqual([]);
      expect(problems(1.5)).toEqual(['duplicateWebhookRate']);
      expect(problems(-0.1)).toEqual(['duplicateWebhookRate']);
      expect(problems('often')).toEqual(['duplicateWebhookRate']);
    });
  });
});

function withProfile(profile: FaultProfileDto): FaultInjector {
  const injector = new FaultInjector();
  injector.set('*', profile);
  return injector;
}
