import type { ChangeApprovalDto, EngineeringChangeDto } from '@threadline/canonical';
import { findCycle, missingApprovals, plantBomsToApply, productionChangesToApply, releasedItems, ValidationFacts, validateRelease } from './release-rules';
import { ReleaseRejectedError } from './release.errors';

const NOW = new Date('2026-11-26T10:00:00.000Z');

function anEngineeringChange(overrides: Partial<EngineeringChangeDto> = {}): EngineeringChangeDto {
  return {
    number: 'ECN-000042',
    title: 'Replace obsolete shaft seal',
    description: null,
    state: 'RELEASED',
    priority: 'high',
    targetPlants: ['P1', 'P2'],
    effectivity: { type: 'date', startDate: '2026-12-01T00:00:00.000Z' },
    affectedItems: [
      {
        itemNumber: 'PUMP-100',
        fromRevision: 'A',
        toRevision: 'B',
        disposition: 'use-up',
        bomChanges: [{ action: 'replace', componentNumber: 'SEAL-200', replacementNumber: 'SEAL-210' }],
      },
    ],
    createdAt: '2026-11-20T08:00:00.000Z',
    releasedAt: '2026-11-20T09:00:00.000Z',
    ...overrides,
  };
}

function someFacts(overrides: Partial<ValidationFacts> = {}): ValidationFacts {
  return {
    boms: {
      'PUMP-100': {
        revision: 'B',
        lines: [
          { findNumber: 10, componentNumber: 'HOUSING-110', quantity: 1, unit: 'EA' },
          { findNumber: 40, componentNumber: 'SEAL-210', quantity: 2, unit: 'EA' },
        ],
      },
    },
    components: { 'HOUSING-110': { unit: 'EA' }, 'SEAL-210': { unit: 'EA' } },
    structure: { 'HOUSING-110': ['CASTING-111', 'BOLT-M8'] },
    erpRevisions: { 'P1/PUMP-100': 'A', 'P2/PUMP-100': 'A' },
    erpLatestRevisions: {},
    inFlight: {},
    plantEffectiveFrom: {},
    otherReleases: [],
    now: NOW,
    effectivityPastToleranceHours: 24,
    effectivityMaxDaysAhead: 365,
    ...overrides,
  };
}

function rejection(change: EngineeringChangeDto, facts: ValidationFacts): { code: string; object: unknown } | undefined {
  const rejected = rejectionError(change, facts);
  return rejected && { code: rejected.code, object: rejected.extensions.object };
}

function rejectionError(change: EngineeringChangeDto, facts: ValidationFacts): ReleaseRejectedError | undefined {
  try {
    validateRelease(change, facts);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ReleaseRejectedError);
    return error as ReleaseRejectedError;
  }
}

function anApproval(role: string, decision: ChangeApprovalDto['decision'], approver = 'demo-approver'): ChangeApprovalDto {
  return { role, approver, decision, comment: null, decidedAt: '2026-11-20T08:30:00.000Z' };
}

describe('release validation rules', () => {
  it('accepts a consistent change', () => {
    expect(rejection(anEngineeringChange(), someFacts())).toBeUndefined();
  });

  describe('approvals', () => {
    const needsTwo = (approvals: ChangeApprovalDto[]) => anEngineeringChange({ requiredApprovals: ['engineering', 'quality'], approvals });

    it('accepts a change every required role approved, and one that requires none (also from payloads without the fields)', () => {
      expect(rejection(needsTwo([anApproval('quality', 'approved'), anApproval('engineering', 'approved')]), someFacts())).toBeUndefined();
      expect(rejection(anEngineeringChange({ requiredApprovals: [], approvals: [] }), someFacts())).toBeUndefined();
      const older = anEngineeringChange();
      delete older.requiredApprovals;
      delete older.approvals;
      expect(rejection(older, someFacts())).toBeUndefined();
    });

    it('rejects a change a required role has not decided on, naming the change and the role', () => {
      const change = needsTwo([anApproval('engineering', 'approved')]);
      expect(rejection(change, someFacts())).toEqual({ code: 'RELEASE_APPROVALS_MISSING', object: 'ECN-000042' });
      const result = rejectionError(change, someFacts());
      expect(result!.detail).toContain('quality');
      expect(result!.detail).not.toContain('engineering');
      // Without any decision both roles are named; an approval by a role nobody required does not count.
      const none = rejectionError(needsTwo([anApproval('purchasing', 'approved')]), someFacts());
      expect(none).toMatchObject({ code: 'RELEASE_APPROVALS_MISSING', extensions: { object: 'ECN-000042' } });
      expect(none!.detail).toMatch(/engineering, quality/);
    });

    it('rejects a change a required role rejected, naming the role and its approver', () => {
      const result = rejectionError(needsTwo([anApproval('engineering', 'approved'), anApproval('quality', 'rejected', 'q-lead')]), someFacts());
      expect(result).toMatchObject({ code: 'RELEASE_APPROVALS_MISSING', extensions: { object: 'ECN-000042' } });
      expect(result!.detail).toBe('ECN-000042 was rejected by role quality (q-lead)');
      expect(missingApprovals(needsTwo([anApproval('engineering', 'approved'), anApproval('quality', 'rejected', 'q-lead')]))).toBe(result!.detail);
    });
  });

  it('rejects a BOM cycle, naming the path', () => {
    const facts = someFacts({ structure: { 'HOUSING-110': ['CASTING-111', 'PUMP-100'] } });
    expect(rejection(anEngineeringChange(), facts)).toEqual({ code: 'RELEASE_BOM_CYCLE', object: 'PUMP-100/B' });
    expect(findCycle('PUMP-100', ['HOUSING-110'], facts.structure)).toEqual(['PUMP-100', 'HOUSING-110', 'PUMP-100']);
  });

  it('rejects a component that exists neither in PLM nor in the change, unless the change introduces it', () => {
    const unknown = someFacts({ components: { 'HOUSING-110': { unit: 'EA' }, 'SEAL-210': null } });
    expect(rejection(anEngineeringChange(), unknown)).toEqual({ code: 'RELEASE_COMPONENT_UNKNOWN', object: 'PUMP-100/B/SEAL-210' });
    const introduced = anEngineeringChange({
      affectedItems: [
        ...anEngineeringChange().affectedItems,
        { itemNumber: 'SEAL-210', fromRevision: 'A', toRevision: 'B', disposition: 'use-as-is', bomChanges: [{ action: 'add', componentNumber: 'ORING-9', quantity: 1 }] },
      ],
    });
    const facts = someFacts({
      components: { 'HOUSING-110': { unit: 'EA' }, 'ORING-9': { unit: 'EA' } },
      boms: { ...someFacts().boms, 'SEAL-210': { revision: 'B', lines: [{ findNumber: 10, componentNumber: 'ORING-9', quantity: 1, unit: 'EA' }] } },
      erpRevisions: { 'P1/PUMP-100': 'A', 'P2/PUMP-100': 'A', 'P1/SEAL-210': 'A', 'P2/SEAL-210': 'A' },
    });
    expect(rejection(introduced, facts)).toBeUndefined();
  });

  it('rejects a unit of measure that differs from the component item', () => {
    const facts = someFacts({ components: { 'HOUSING-110': { unit: 'EA' }, 'SEAL-210': { unit: 'SET' } } });
    expect(rejection(anEngineeringChange(), facts)).toEqual({ code: 'RELEASE_UOM_MISMATCH', object: 'PUMP-100/B/SEAL-210' });
  });

  it('rejects effectivity in the past or beyond the allowed window', () => {
    expect(rejection(anEngineeringChange({ effectivity: { type: 'date', startDate: '2026-11-20T00:00:00.000Z' } }), someFacts())?.code).toBe(
      'RELEASE_EFFECTIVITY_IN_PAST',
    );
    expect(rejection(anEngineeringChange({ effectivity: { type: 'date', startDate: '2028-01-01T00:00:00.000Z' } }), someFacts())?.code).toBe(
      'RELEASE_EFFECTIVITY_TOO_FAR',
    );
  });

  it('rejects a revision conflict: the plant builds another revision than the change starts from', () => {
    const facts = someFacts({ erpRevisions: { 'P1/PUMP-100': 'A', 'P2/PUMP-100': 'C' } });
    expect(rejection(anEngineeringChange(), facts)).toEqual({ code: 'RELEASE_REVISION_CONFLICT', object: 'P2/PUMP-100' });
  });

  it('rejects a change that a newer release of the same item supersedes, but not one a change on this change follows', () => {
    const facts = someFacts({ otherReleases: [{ changeNumber: 'ECN-000050', itemNumber: 'PUMP-100', fromRevision: 'C', toRevision: 'D' }] });
    expect(rejection(anEngineeringChange(), facts)).toEqual({ code: 'RELEASE_SUPERSEDED', object: 'PUMP-100/B' });
    const followed = someFacts({ otherReleases: [{ changeNumber: 'ECN-000050', itemNumber: 'PUMP-100', fromRevision: 'B', toRevision: 'C' }] });
    expect(rejection(anEngineeringChange(), followed)).toBeUndefined();
  });

  describe('a change on a change (B->C after A->B)', () => {
    const B_FROM = '2026-12-01T00:00:00.000Z';
    const onChange = (startDate = '2026-12-11T00:00:00.000Z') =>
      anEngineeringChange({
        number: 'ECN-000043',
        effectivity: { type: 'date', startDate },
        affectedItems: [{ ...anEngineeringChange().affectedItems[0], fromRevision: 'B', toRevision: 'C' }],
      });
    const firstChange = { changeNumber: 'ECN-000042', itemNumber: 'PUMP-100', fromRevision: 'A', toRevision: 'B' };
    /** ERP builds A and holds B from B_FROM in both plants (the first change applied there). */
    const bHeldInErp = (overrides: Partial<ValidationFacts> = {}) =>
      someFacts({
        erpLatestRevisions: { 'P1/PUMP-100': { revision: 'B', validFrom: B_FROM }, 'P2/PUMP-100': { revision: 'B', validFrom: B_FROM } },
        otherReleases: [firstChange],
        ...overrides,
      });

    it('is valid when ERP holds its fromRevision as the next version, future-dated', () => {
      expect(rejection(onChange(), bHeldInErp())).toBeUndefined();
    });

    it('is valid when an earlier release still on its way to the plant brings its fromRevision (a plant that was down)', () => {
      const facts = someFacts({
        erpLatestRevisions: { 'P1/PUMP-100': { revision: 'B', validFrom: B_FROM } },
        inFlight: { 'P2/PUMP-100': [{ changeNumber: 'ECN-000042', toRevision: 'B', effectiveFrom: B_FROM }] },
        otherReleases: [firstChange],
      });
      expect(rejection(onChange(), facts)).toBeUndefined();
    });

    it('is a revision conflict when neither ERP nor an earlier release brings its fromRevision, saying what the plant holds', () => {
      const facts = bHeldInErp({ erpLatestRevisions: { 'P1/PUMP-100': { revision: 'B', validFrom: B_FROM } } });
      const refused = rejectionError(onChange(), facts);
      expect(refused).toMatchObject({ code: 'RELEASE_REVISION_CONFLICT', extensions: { object: 'P2/PUMP-100' } });
      expect(refused!.detail).toBe('P2 builds PUMP-100 rev A, the change starts from rev B');
      // The change that skips the pending B (from A again, while ERP holds B from a future date) is a conflict too.
      const fromA = rejectionError(anEngineeringChange({ affectedItems: [{ ...anEngineeringChange().affectedItems[0], toRevision: 'B2' }] }), bHeldInErp());
      expect(fromA!.detail).toBe('P1 holds PUMP-100 rev B from 2026-12-01 (builds rev A now), the change starts from rev A');
    });

    it('is refused when it would take effect on or before the change it follows, naming that change and its date', () => {
      const early = rejectionError(onChange('2026-11-28T00:00:00.000Z'), bHeldInErp());
      expect(early).toMatchObject({ code: 'RELEASE_EFFECTIVITY_BEFORE_PREDECESSOR', extensions: { object: 'P1/PUMP-100' } });
      expect(early!.detail).toBe('P1: ECN-000043 would take effect 2026-11-28, not after ECN-000042 (rev B) effective 2026-12-01');
      // The same day is refused too: ERP keeps validity by day.
      expect(rejection(onChange('2026-12-01T12:00:00.000Z'), bHeldInErp())?.code).toBe('RELEASE_EFFECTIVITY_BEFORE_PREDECESSOR');
      // In the plant that gets the first change later (its frozen horizon), the later plant date counts.
      const inFlight = someFacts({
        erpLatestRevisions: { 'P1/PUMP-100': { revision: 'B', validFrom: B_FROM } },
        inFlight: { 'P2/PUMP-100': [{ changeNumber: 'ECN-000042', toRevision: 'B', effectiveFrom: '2026-12-15T00:00:00.000Z' }] },
      });
      expect(rejectionError(onChange(), inFlight)!.detail).toBe('P2: ECN-000043 would take effect 2026-12-11, not after ECN-000042 (rev B) effective 2026-12-15');
      expect(rejection(onChange(), { ...inFlight, plantEffectiveFrom: { P2: '2026-12-16T00:00:00.000Z' } })).toBeUndefined();
    });
  });

  it('rejects a change whose new revision PLM does not have', () => {
    expect(rejection(anEngineeringChange(), someFacts({ boms: {} }))).toEqual({ code: 'RELEASE_REVISION_NOT_FOUND', object: 'PUMP-100/B' });
  });

  it('derives the ERP BOM and the scheduler component list, valid from the plant\'s effective date', () => {
    const change = anEngineeringChange();
    const boms = someFacts().boms;
    expect(releasedItems(change)).toEqual([{ itemNumber: 'PUMP-100', fromRevision: 'A', toRevision: 'B' }]);
    expect(plantBomsToApply(change, boms, '2026-12-08T00:00:00.000Z')).toEqual([
      { itemNumber: 'PUMP-100', revision: 'B', changeNumber: 'ECN-000042', validFrom: '2026-12-08T00:00:00.000Z', lines: boms['PUMP-100'].lines },
    ]);
    expect(productionChangesToApply(change, boms, '2026-12-08T00:00:00.000Z')[0]).toMatchObject({
      effectiveFrom: '2026-12-08T00:00:00.000Z',
      components: [
        { componentNumber: 'HOUSING-110', quantity: 1, unit: 'EA' },
        { componentNumber: 'SEAL-210', quantity: 2, unit: 'EA' },
      ],
    });
  });

  it("tells the scheduler each component's sourcing where PLM's item facts were read with the BOM", () => {
    const boms = someFacts().boms;
    const withFacts = {
      'PUMP-100': { ...boms['PUMP-100'], components: { 'HOUSING-110': { unit: 'EA' as const, sourcing: 'make' as const }, 'SEAL-210': { unit: 'EA' as const, sourcing: 'buy' as const } } },
    };
    expect(productionChangesToApply(anEngineeringChange(), withFacts, '2026-12-08T00:00:00.000Z')[0].components).toEqual([
      { componentNumber: 'HOUSING-110', quantity: 1, unit: 'EA', sourcing: 'make' },
      { componentNumber: 'SEAL-210', quantity: 2, unit: 'EA', sourcing: 'buy' },
    ]);
  });
});
