import { deriveProblems, DerivedProblem, PlannedJob, ProblemNames, reconcileProblems, StoredProblem } from './problem-derivation';

const NOW = new Date('2026-12-01T06:00:00Z');
const at = (hoursFromNow: number) => new Date(NOW.getTime() + hoursFromNow * 3_600_000);

function aJob(overrides: Partial<PlannedJob> = {}): PlannedJob {
  return {
    reference: '1000008',
    item: 'PUMP-100',
    quantity: 25,
    due: at(48),
    start: at(0),
    end: at(20),
    latenessMinutes: 0,
    release: NOW,
    steps: [
      { resource: 'P2-ASSY', start: at(0), end: at(10) },
      { resource: 'P2-TEST', start: at(10), end: at(20) },
    ],
    ...overrides,
  };
}

function stored(id: string, problem: Pick<DerivedProblem, 'name' | 'owner'>, active = true): StoredProblem {
  return { id, name: problem.name, owner: problem.owner, active };
}

describe('deriveProblems', () => {
  it('finds nothing for an order on time with its material', () => {
    expect(deriveProblems([aJob()], NOW)).toEqual([]);
  });

  it('reports a late order with its hours late, and the resource it queued for when material was there', () => {
    const late = aJob({
      due: at(24),
      end: at(42.5),
      latenessMinutes: 18.5 * 60,
      steps: [
        { resource: 'P2-ASSY', start: at(2), end: at(10) },
        { resource: 'P2-TEST', start: at(32.5), end: at(42.5) },
      ],
    });
    const problems = deriveProblems([late], NOW);
    expect(problems.map((p) => [p.name, p.owner, p.resource, p.weight])).toEqual([
      ['late', '1000008', null, 18.5],
      ['overload', '1000008', 'P2-TEST', 22.5],
    ]);
    expect(problems[0]).toMatchObject({ entity: 'demand', item: 'PUMP-100', startdate: at(24), enddate: at(42.5) });
    expect(problems[0].description).toContain('18.5 h after its due date');
  });

  it('reports a material shortage, and a lateness it causes without blaming a resource', () => {
    const waiting = aJob({
      materialsAvailableAt: at(14 * 24),
      release: at(14 * 24),
      start: at(14 * 24),
      end: at(14 * 24 + 20),
      latenessMinutes: (14 * 24 + 20 - 48) * 60,
      steps: [
        { resource: 'P2-ASSY', start: at(14 * 24), end: at(14 * 24 + 10) },
        { resource: 'P2-TEST', start: at(14 * 24 + 10), end: at(14 * 24 + 20) },
      ],
    });
    const problems = deriveProblems([waiting], NOW);
    expect(problems.map((p) => [p.name, p.weight])).toEqual([
      ['material shortage', 336],
      ['late', 308],
    ]);
    expect(problems[0]).toMatchObject({ entity: 'material', startdate: NOW, enddate: at(336) });
  });

  it('does not call a short queue an overload', () => {
    const slightlyLate = aJob({ due: at(19), latenessMinutes: 60, steps: [{ resource: 'P2-ASSY', start: at(0.5), end: at(20) }] });
    expect(deriveProblems([slightlyLate], NOW).map((p) => p.name)).toEqual(['late']);
  });
});

describe('reconcileProblems: stable ids, nothing announced twice', () => {
  const late = deriveProblems([aJob({ due: at(10), latenessMinutes: 600, end: at(20) })], NOW)[0];

  it('creates a problem it has never seen', () => {
    expect(reconcileProblems([], [late])).toEqual({ created: [late], updated: [], resolved: [] });
  });

  it('keeps the id of a problem found again, with its new figures, and announces nothing', () => {
    const again = { ...late, weight: 12, description: 'later still' };
    const changes = reconcileProblems([stored('P2-EXC-000017', late)], [again]);
    expect(changes.created).toEqual([]);
    expect(changes.updated).toEqual([{ id: 'P2-EXC-000017', problem: again }]);
    expect(changes.resolved).toEqual([]);
  });

  it('keeps the id of a problem that comes back after it had gone, without announcing it again', () => {
    const changes = reconcileProblems([stored('P2-EXC-000017', late, false)], [late]);
    expect(changes.created).toEqual([]);
    expect(changes.updated.map((u) => u.id)).toEqual(['P2-EXC-000017']);
  });

  it('resolves plan problems no longer found, but never a quality hold', () => {
    const hold = stored('P2-EXC-000020', { name: ProblemNames.QualityHold, owner: '1000008' });
    const gone = stored('P2-EXC-000018', { name: ProblemNames.Overload, owner: '1000009' });
    const alreadyGone = stored('P2-EXC-000019', { name: ProblemNames.Late, owner: '1000010' }, false);
    const changes = reconcileProblems([hold, gone, alreadyGone], []);
    expect(changes.resolved).toEqual(['P2-EXC-000018']);
  });

  it('tells the same kind on two jobs, and two kinds on one job, apart', () => {
    const otherJob = { ...late, owner: '1000009' };
    const otherKind = { ...late, name: ProblemNames.MaterialShortage };
    const changes = reconcileProblems([stored('P2-EXC-000017', late)], [late, otherJob, otherKind]);
    expect(changes.updated.map((u) => u.id)).toEqual(['P2-EXC-000017']);
    expect(changes.created).toEqual([otherJob, otherKind]);
  });
});

describe('material shortage with known supply', () => {
  it('is no shortage when the covering purchase order arrives before the job is due', () => {
    const job = aJob({ materialsAvailableAt: at(10), release: at(10), materialWaits: [{ item: 'SEAL-200', availableAt: at(10), supply: '4500000002/00010' }] });
    expect(deriveProblems([job], NOW).map((p) => p.name)).toEqual([]);
  });

  it('is a shortage naming the component and purchase order when it arrives after the due date', () => {
    const job = aJob({
      materialsAvailableAt: at(100),
      release: at(100),
      start: at(100),
      end: at(120),
      latenessMinutes: 72 * 60,
      materialWaits: [{ item: 'SEAL-200', availableAt: at(100), supply: '4500000002/00010' }],
    });
    const problems = deriveProblems([job], NOW);
    expect(problems.map((p) => p.name)).toEqual([ProblemNames.MaterialShortage, ProblemNames.Late]);
    expect(problems[0].description).toContain('SEAL-200 (purchase order 4500000002/00010 arriving 2026-12-05 10:00 UTC)');
  });

  it('is a shortage when nothing on order covers the component', () => {
    const job = aJob({ materialsAvailableAt: at(30), release: at(30), materialWaits: [{ item: 'SEAL-200', availableAt: at(30), supply: null }] });
    const [problem] = deriveProblems([job], NOW);
    expect(problem.name).toBe(ProblemNames.MaterialShortage);
    expect(problem.description).toContain('SEAL-200 (not covered by stock or open purchase orders');
  });
});

