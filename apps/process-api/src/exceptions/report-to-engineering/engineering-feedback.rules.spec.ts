import { FeedbackCase, JobBuild, mayConcernRelease, PlantRelease, problemReportFor, releaseTiedToCase } from './engineering-feedback.rules';

const day = (n: number) => new Date(Date.UTC(2026, 10, 1) + n * 86_400_000);

function release(overrides: Partial<PlantRelease> = {}): PlantRelease {
  return {
    releaseId: 'r1',
    changeNumber: 'ECN-000042',
    receivedAt: day(0),
    releaseState: 'COMPLETED',
    rolloutState: 'COMPLETED',
    effectiveFrom: day(10),
    items: [{ itemNumber: 'PUMP-100', fromRevision: 'A', toRevision: 'B' }],
    ...overrides,
  };
}

const hold: FeedbackCase = { kind: 'quality-hold', itemNumber: 'PUMP-100', raisedAt: day(5) };
const afterEffective: JobBuild = { revision: 'A', plannedStart: day(15) };
const beforeEffective: JobBuild = { revision: 'A', plannedStart: day(4) };

describe('engineering feedback: is a quality hold tied to a recently released change', () => {
  it('ties a hold on a job starting once the new revision is in force in the plant', () => {
    expect(releaseTiedToCase(hold, afterEffective, [release()], 90)).toEqual({ release: release(), toRevision: 'B' });
  });

  it('ties a hold on a work order that carries the new revision, whatever its start', () => {
    expect(releaseTiedToCase(hold, { revision: 'B', plannedStart: day(1) }, [release()], 90)?.toRevision).toBe('B');
  });

  it('does not tie a job that still builds the old revision (starts before the effective date)', () => {
    expect(releaseTiedToCase(hold, beforeEffective, [release()], 90)).toBeNull();
    expect(releaseTiedToCase(hold, { revision: null, plannedStart: null }, [release()], 90)).toBeNull();
  });

  it('does not tie other kinds of exception, other items, or releases outside the window', () => {
    expect(releaseTiedToCase({ ...hold, kind: 'delay' }, afterEffective, [release()], 90)).toBeNull();
    expect(releaseTiedToCase({ ...hold, itemNumber: 'VALVE-300' }, afterEffective, [release()], 90)).toBeNull();
    expect(releaseTiedToCase({ ...hold, raisedAt: day(91) }, afterEffective, [release()], 90)).toBeNull();
    expect(releaseTiedToCase({ ...hold, raisedAt: day(90) }, afterEffective, [release()], 90)).not.toBeNull();
    // A release received after the hold was raised did not cause it.
    expect(releaseTiedToCase({ ...hold, raisedAt: day(-1) }, afterEffective, [release()], 90)).toBeNull();
  });

  it('takes a release received in the same second the hold was raised: the scheduler stamps holds in whole seconds', () => {
    const received = new Date(day(0).getTime() + 706);
    expect(releaseTiedToCase({ ...hold, raisedAt: day(0) }, afterEffective, [release({ receivedAt: received })], 90)).not.toBeNull();
    expect(mayConcernRelease({ ...hold, raisedAt: day(0) }, [release({ receivedAt: received })], 90)).toBe(true);
    // A second later it was received after the hold.
    expect(mayConcernRelease({ ...hold, raisedAt: day(0) }, [release({ receivedAt: new Date(day(0).getTime() + 1_000) })], 90)).toBe(false);
  });

  it('ignores rejected or failed releases and failed rollouts, but takes one still rolling out', () => {
    expect(releaseTiedToCase(hold, afterEffective, [release({ releaseState: 'REJECTED' })], 90)).toBeNull();
    expect(releaseTiedToCase(hold, afterEffective, [release({ releaseState: 'FAILED' })], 90)).toBeNull();
    expect(releaseTiedToCase(hold, afterEffective, [release({ rolloutState: 'FAILED' })], 90)).toBeNull();
    expect(releaseTiedToCase(hold, afterEffective, [release({ releaseState: 'ROLLING_OUT', rolloutState: 'ERP_APPLIED' })], 90)).not.toBeNull();
  });

  it('takes the newest release the job builds: a change on a change names the later one', () => {
    const first = release();
    const second = release({ releaseId: 'r2', changeNumber: 'ECN-000043', receivedAt: day(2), effectiveFrom: day(20), items: [{ itemNumber: 'PUMP-100', fromRevision: 'B', toRevision: 'C' }] });
    expect(releaseTiedToCase(hold, { revision: 'A', plannedStart: day(25) }, [first, second], 90)?.release.changeNumber).toBe('ECN-000043');
    // Starting between the two dates, the job builds B: the first change's.
    expect(releaseTiedToCase(hold, { revision: 'A', plannedStart: day(15) }, [first, second], 90)).toEqual({ release: first, toRevision: 'B' });
  });

  it('enqueues the feedback step only when a release may concern the hold', () => {
    expect(mayConcernRelease(hold, [release()], 90)).toBe(true);
    expect(mayConcernRelease(hold, [], 90)).toBe(false);
    expect(mayConcernRelease({ ...hold, kind: 'material-shortage' }, [release()], 90)).toBe(false);
  });

  it('writes the problem report: the change, the item revision, the case id as external reference, priority from severity', () => {
    const report = problemReportFor(
      { id: 'case-1', plant: 'P1', jobId: '1000004', workOrderNumber: '1000004', itemNumber: 'PUMP-100', severity: 'critical', detail: 'Leak test failed' },
      { release: release(), toRevision: 'B' },
    );
    expect(report).toMatchObject({
      changeNumber: 'ECN-000042',
      affectedItems: [{ itemNumber: 'PUMP-100', revision: 'B' }],
      externalReference: 'case-1',
      priority: 'critical',
      category: 'quality',
    });
    expect(report.title).toBe('Quality hold at P1 on PUMP-100 rev B (ECN-000042)');
    expect(report.description).toMatch(/^Leak test failed\n/);
  });
});
