import type { EngineeringChangeDto, IncomingComponentImpactDto, OutgoingComponentImpactDto, PlantImpactDto } from '@threadline/canonical';
import { decideGovernance, substituteGap } from './governance-policy';
import { DEFAULT_POLICY, loadGovernancePolicy } from './governance-policy.config';

const change: EngineeringChangeDto = {
  number: 'ECN-1',
  title: 't',
  description: null,
  state: 'RELEASED',
  priority: 'normal',
  targetPlants: ['P3'],
  effectivity: { type: 'date', startDate: '2026-12-10T00:00:00.000Z' },
  affectedItems: [
    { itemNumber: 'VALVE-300', fromRevision: 'A', toRevision: 'B', disposition: 'use-up', bomChanges: [{ action: 'replace', componentNumber: 'SEAL-200', replacementNumber: 'SEAL-210' }] },
  ],
  createdAt: '2026-11-20T00:00:00.000Z',
  releasedAt: '2026-11-20T00:00:00.000Z',
};

const seal200 = (useUpDate: string | null): OutgoingComponentImpactDto => ({
  itemNumber: 'SEAL-200',
  disposition: 'use-up',
  unit: 'EA',
  onHand: 90,
  allocated: 110,
  onOrder: 0,
  useUpDate,
  scrapQuantity: 0,
  scrapValue: 0,
  currency: 'MXN',
  action: '',
});

const seal210 = (verdict: IncomingComponentImpactDto['verdict']): IncomingComponentImpactDto => ({
  itemNumber: 'SEAL-210',
  replaces: ['SEAL-200'],
  usedIn: ['VALVE-300'],
  unit: 'EA',
  onHand: 0,
  onOrder: 0,
  openSupply: [],
  demand: 60,
  coveredQuantity: verdict === 'covered' ? 60 : 0,
  coveredUntil: verdict === 'covered' ? null : '2026-12-21T06:00:00.000Z',
  verdict,
});

const plant = (outgoing: OutgoingComponentImpactDto, incoming?: IncomingComponentImpactDto[]): PlantImpactDto[] => [
  {
    plant: 'P3',
    effectiveFrom: '2026-12-10T00:00:00.000Z',
    whereUsed: [],
    workOrders: { total: 2, byStatus: { RELEASED: 2 }, numbers: ['1', '2'] },
    outgoingComponents: [outgoing],
    purchaseOrders: [],
    scheduledJobs: 2,
    costDelta: [{ itemNumber: 'VALVE-300', perUnit: 0, currency: 'MXN' }],
    warnings: [],
    ...(incoming ? { incomingComponents: incoming } : {}),
  },
];

const ON = loadGovernancePolicy(JSON.stringify({ substituteCoverage: { approvalWhenUncovered: true } }));

describe('governance: substitute stock', () => {
  it('asks for approval, with a suggested effective date, when the old stock runs out before the change is effective and the substitute does not cover', () => {
    const decision = decideGovernance(ON, change, plant(seal200('2026-12-05T06:00:00.000Z'), [seal210('not-covered')]));
    expect(decision).toEqual({
      kind: 'approval',
      reason:
        'substitute stock: SEAL-200 runs out in P3 on 2026-12-05, before the change is effective there on 2026-12-10, and SEAL-210 covers 0 of 60 EA on the new revision (until 2026-12-21); suggested effective date 2026-12-05',
    });
  });

  it('lets the change apply when the substitute covers, the old stock lasts to the effective date, or the rule is off (the default)', () => {
    expect(substituteGap(plant(seal200('2026-12-05T06:00:00.000Z'), [seal210('covered')]))).toBeNull();
    expect(substituteGap(plant(seal200('2026-12-12T06:00:00.000Z'), [seal210('not-covered')]))).toBeNull();
    expect(substituteGap(plant(seal200(null), [seal210('not-covered')]))).toBeNull();
    expect(DEFAULT_POLICY.substituteCoverage.approvalWhenUncovered).toBe(false);
    expect(decideGovernance(DEFAULT_POLICY, change, plant(seal200('2026-12-05T06:00:00.000Z'), [seal210('not-covered')])).kind).toBe('auto-apply');
  });

  it('treats an impact assessed before substitutes were known (no incomingComponents) as uncovered', () => {
    expect(substituteGap(plant(seal200('2026-12-05T06:00:00.000Z')))).toContain('nothing replaces it');
  });

  it('refuses a malformed section at boot', () => {
    expect(() => loadGovernancePolicy(JSON.stringify({ substituteCoverage: { approvalWhenUncovered: 'yes' } }))).toThrow(/substituteCoverage/);
  });
});
