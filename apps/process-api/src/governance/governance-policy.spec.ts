import type { EngineeringChangeDto, PlantImpactDto } from '@threadline/canonical';
import { decideGovernance, nextWindowOpening, plantEffectiveFrom } from './governance-policy';
import { ConfigError } from '@threadline/platform';
import { DEFAULT_POLICY, loadGovernancePolicy } from './governance-policy.config';

const change = (overrides: Partial<EngineeringChangeDto> = {}): EngineeringChangeDto => ({
  number: 'ECN-1',
  title: 't',
  description: null,
  state: 'RELEASED',
  priority: 'normal',
  targetPlants: ['P1'],
  effectivity: { type: 'date', startDate: '2026-12-01T00:00:00.000Z' },
  affectedItems: [
    { itemNumber: 'PUMP-100', fromRevision: 'A', toRevision: 'B', disposition: 'use-up', bomChanges: [{ action: 'replace', componentNumber: 'SEAL-200', replacementNumber: 'SEAL-210' }] },
  ],
  createdAt: '2026-11-20T00:00:00.000Z',
  releasedAt: '2026-11-20T00:00:00.000Z',
  ...overrides,
});

const impact = (perUnit: number | null): PlantImpactDto[] => [
  {
    plant: 'P1',
    effectiveFrom: '2026-12-01T00:00:00.000Z',
    whereUsed: [],
    workOrders: { total: 2, byStatus: { RELEASED: 2 }, numbers: ['1', '2'] },
    outgoingComponents: [],
    purchaseOrders: [],
    scheduledJobs: 2,
    costDelta: [{ itemNumber: 'PUMP-100', perUnit, currency: 'EUR' }],
    warnings: [],
  },
];

describe('governance policy', () => {
  it('auto-applies a use-up change with a small cost delta', () => {
    expect(decideGovernance(DEFAULT_POLICY, change(), impact(1.5)).kind).toBe('auto-apply');
  });

  it('asks for approval when stock is written off, the cost rises past the limit, or the change is critical', () => {
    const scrap = change({ affectedItems: [{ ...change().affectedItems[0], disposition: 'scrap' }] });
    expect(decideGovernance(DEFAULT_POLICY, scrap, impact(0))).toMatchObject({ kind: 'approval', reason: expect.stringContaining('scrap') });
    expect(decideGovernance(DEFAULT_POLICY, change(), impact(99))).toMatchObject({ kind: 'approval', reason: expect.stringContaining('99.00 EUR') });
    // The limit is per currency: 99 CZK is within the CZK limit.
    const czk = impact(99);
    czk[0].costDelta[0].currency = 'CZK';
    expect(decideGovernance(DEFAULT_POLICY, change(), czk).kind).toBe('auto-apply');
    expect(decideGovernance(DEFAULT_POLICY, change({ priority: 'critical' }), impact(0)).kind).toBe('approval');
  });

  it('moves a plant\'s effective date past its frozen horizon, to the start of the next day', () => {
    const now = new Date('2026-11-26T10:30:00.000Z');
    expect(plantEffectiveFrom(DEFAULT_POLICY, 'P1', '2026-11-27T00:00:00.000Z', now)).toBe('2026-11-27T00:00:00.000Z');
    // P2 is frozen for 7 days: the change applies from 2026-12-04.
    expect(plantEffectiveFrom(DEFAULT_POLICY, 'P2', '2026-11-27T00:00:00.000Z', now)).toBe('2026-12-04T00:00:00.000Z');
    expect(plantEffectiveFrom(DEFAULT_POLICY, 'P2', '2027-01-04T00:00:00.000Z', now)).toBe('2027-01-04T00:00:00.000Z');
  });

  it('finds the next release window opening in the plant\'s time zone', () => {
    const plant = { frozenHorizonDays: 0, timeZone: 'Europe/Prague', releaseWindows: [{ days: [2, 4], from: '06:00', to: '08:00' }] };
    // Thursday 2026-11-26 10:30 UTC = 11:30 in Prague: past Thursday's window; next is Tuesday 06:00 Prague = 05:00 UTC.
    expect(nextWindowOpening(plant, new Date('2026-11-26T10:30:00.000Z')).toISOString()).toBe('2026-12-01T05:00:00.000Z');
    const inside = new Date('2026-11-26T05:30:00.000Z');
    expect(nextWindowOpening(plant, inside)).toBe(inside);
    expect(nextWindowOpening({ frozenHorizonDays: 0 }, inside)).toBe(inside);
  });

  it('merges a policy given as JSON over the defaults', () => {
    const policy = loadGovernancePolicy(JSON.stringify({ plants: { P3: { frozenHorizonDays: 2 } }, autoApply: { maxCostDeltaPerUnit: { default: 5 } } }));
    expect(policy.plants.get('P3')?.frozenHorizonDays).toBe(2);
    expect(policy.plants.get('P2')?.frozenHorizonDays).toBe(7);
    expect(policy.autoApply).toEqual({ dispositions: ['use-up', 'use-as-is'], maxCostDeltaPerUnit: { default: 5 } });
  });
});

describe('governance policy settings are checked at boot', () => {
  const refusal = (json: string): string => {
    try {
      loadGovernancePolicy(json);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('the policy was accepted');
  };

  it('names a misspelt key, at any depth, in one line', () => {
    const message = refusal(JSON.stringify({ autoApply: { maxCostDeltaPerUnt: { EUR: 5 } }, plants: { P3: { frozenHorizon: 2, frozenHorizonDays: 0 } } }));
    expect(message).not.toContain('\n');
    expect(message).toContain('GOVERNANCE_POLICY autoApply.maxCostDeltaPerUnt');
    expect(message).toContain('plants.P3.frozenHorizon=');
    expect(refusal(JSON.stringify({ criticalNeedApproval: false }))).toContain('criticalNeedApproval');
  });

  it('names a bad value and says why', () => {
    expect(refusal(JSON.stringify({ plants: { P2: { frozenHorizonDays: -1 } } }))).toMatch(/plants\.P2\.frozenHorizonDays=-1 \(.*must not be less than 0/);
    expect(refusal(JSON.stringify({ autoApply: { dispositions: ['use-up', 'burn'] } }))).toContain('autoApply.dispositions');
    expect(refusal(JSON.stringify({ autoApply: { maxCostDeltaPerUnit: { EUR: -5 } } }))).toContain('autoApply.maxCostDeltaPerUnit');
    expect(refusal(JSON.stringify({ plants: { P3: { frozenHorizonDays: 0, timeZone: 'Mars/Olympus' } } }))).toContain('plants.P3.timeZone');
    expect(refusal(JSON.stringify({ plants: { P3: { frozenHorizonDays: 0, releaseWindows: [{ days: [8], from: '06:00', to: '08:00' }] } } }))).toContain(
      'plants.P3.releaseWindows.0.days',
    );
    expect(refusal(JSON.stringify({ plants: { P3: { frozenHorizonDays: 0, releaseWindows: [{ days: [2], from: '09:00', to: '08:00' }] } } }))).toContain(
      'plants.P3.releaseWindows.0 (from 09:00 is not before to 08:00)',
    );
    expect(refusal(JSON.stringify({ plants: { 'p 1': { frozenHorizonDays: 0 } } }))).toContain('plants.p 1 (not a plant code)');
  });

  it('refuses what is not a JSON object, and a file that cannot be read', () => {
    expect(refusal('{ plants: ')).toMatch(/^process-api: invalid configuration: GOVERNANCE_POLICY is not JSON/);
    expect(refusal('[]')).toContain('GOVERNANCE_POLICY must be a JSON object');
    expect(() => loadGovernancePolicy(undefined, '/nonexistent/policy.json')).toThrow(/GOVERNANCE_POLICY_FILE \/nonexistent\/policy.json cannot be read/);
  });

  it('keeps the documented default when nothing is set', () => {
    expect(loadGovernancePolicy()).toBe(DEFAULT_POLICY);
    expect(DEFAULT_POLICY.plants.get('P2')?.frozenHorizonDays).toBe(7);
  });
});
