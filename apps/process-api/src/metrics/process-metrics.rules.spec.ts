import { adoptionState, CASE_AGE_BOUNDS, caseAge, caseAgeOfBucket, leadTimeSeconds } from './process-metrics.rules';

describe('process metrics rules', () => {
  it.each([
    ['COMPLETED', 'COMPLETED', 'adopted'],
    ['COMPLETED', 'ROLLING_OUT', 'adopted'],
    ['ERP_APPLIED', 'ROLLING_OUT', 'pending'],
    ['WAITING_FOR_WINDOW', 'ROLLING_OUT', 'pending'],
    ['STALLED', 'ROLLING_OUT', 'pending'],
    ['FAILED', 'FAILED', 'failed'],
    ['PENDING', 'FAILED', 'failed'],
  ] as const)('a %s rollout of a %s release is %s', (rollout, release, state) => {
    expect(adoptionState(rollout, release)).toBe(state);
  });

  it.each([
    [0, 'lt_1h'],
    [-5, 'lt_1h'],
    [3599, 'lt_1h'],
    [3600, '1h_to_24h'],
    [86_399, '1h_to_24h'],
    [86_400, '1d_to_7d'],
    [7 * 86_400 - 1, '1d_to_7d'],
    [7 * 86_400, 'gt_7d'],
    [400 * 86_400, 'gt_7d'],
  ])('an open case %i s old is %s', (seconds, bucket) => {
    expect(caseAge(seconds)).toBe(bucket);
  });

  it("agrees with SQL's width_bucket over the same bounds (the number of bounds at or below the age)", () => {
    const widthBucket = (age: number) => CASE_AGE_BOUNDS.filter((b) => b <= age).length;
    for (const seconds of [0, 59, 3600, 50_000, 86_400, 604_799, 604_800, 10_000_000]) expect(caseAgeOfBucket(widthBucket(seconds))).toBe(caseAge(seconds));
  });

  it("lead time runs from PLM's release time, or from the release's reception when PLM gave none", () => {
    const completed = new Date('2027-01-04T10:00:00Z');
    expect(leadTimeSeconds('2027-01-04T09:00:00Z', new Date('2027-01-04T09:00:05Z'), completed)).toBe(3600);
    expect(leadTimeSeconds(null, new Date('2027-01-04T09:59:00Z'), completed)).toBe(60);
    expect(leadTimeSeconds('2027-01-04T11:00:00Z', new Date(), completed)).toBe(0);
  });
});
