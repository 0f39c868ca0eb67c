import { rolloutTimes, Transition, whenWords } from './lead-time.rules';

const at = (minutes: number) => new Date(Date.parse('2026-11-30T08:00:00.000Z') + minutes * 60_000);
const move = (plant: string, to: string, minutes: number, extra: Partial<Transition> = {}): Transition => ({
  plant,
  from: null,
  to,
  at: at(minutes),
  reason: `${to} reason`,
  notBefore: null,
  effectiveFrom: null,
  ...extra,
});
const timeline = { changeNumber: 'ECN-1', releaseId: 'r', targetPlants: ['P1', 'P2'], plmReleasedAt: at(0), receivedAt: at(1) };

describe('rolloutTimes', () => {
  it('says in plain words what each plant waits for', () => {
    const waiting = rolloutTimes(timeline, [move('', 'RECEIVED', 1), move('', 'VALIDATED', 2), move('', 'IMPACT_ASSESSED', 3), move('', 'AWAITING_APPROVAL', 3)], at(10));
    expect(waiting.map((r) => [r.plant, r.state, r.status])).toEqual([
      ['P1', 'AWAITING_APPROVAL', 'waiting for an approver since Monday 30 Nov 08:03 UTC'],
      ['P2', 'AWAITING_APPROVAL', 'waiting for an approver since Monday 30 Nov 08:03 UTC'],
    ]);
    expect(waiting[0].stages).toEqual({ validation: 120, impact: 60, approvalWait: null, releaseWindowWait: null, erp: null, scheduler: null });

    const rejected = rolloutTimes(timeline, [move('', 'RECEIVED', 1), move('', 'REJECTED', 2, { reason: 'RELEASE_BOM_CYCLE on PUMP-100' })], at(10));
    expect(rejected[0]).toMatchObject({ state: 'REJECTED', status: 'rejected: RELEASE_BOM_CYCLE on PUMP-100' });

    const stalled = rolloutTimes(timeline, [move('', 'APPROVED', 4), move('', 'ROLLING_OUT', 4), move('P1', 'STALLED', 5, { reason: 'dead letter d1: ERP refused' })], at(10));
    expect(stalled[0].status).toBe('stalled at P1 since Monday 30 Nov 08:05 UTC: an operator must replay or discard its dead letter (dead letter d1: ERP refused)');
  });

  it('counts a release-window wait still under way up to now', () => {
    const [, p2] = rolloutTimes(timeline, [move('', 'APPROVED', 4), move('', 'ROLLING_OUT', 4), move('P2', 'WAITING_FOR_WINDOW', 5, { notBefore: at(600) })], at(65));
    expect(p2).toMatchObject({ state: 'WAITING_FOR_WINDOW', status: "waiting for P2's release window, opens Monday 30 Nov 18:00 UTC" });
    expect(p2.stages.releaseWindowWait).toBe(3600);
  });

  it('formats times in UTC', () => {
    expect(whenWords(new Date('2026-12-07T06:00:00.000Z'))).toBe('Monday 7 Dec 06:00 UTC');
  });
});
