import { queueSeries, stepSeries } from './messaging.metrics';

describe('messaging metrics: every known flow and queue has a value, 0 when the tables have none', () => {
  const kinds = [
    { queue: 'process-api.rollout', flow: 'release-rollout', tier: 1 as const },
    { queue: 'process-api.hold', flow: 'exception-cases', tier: 2 as const },
    { queue: 'process-api.release-hold', flow: 'exception-cases', tier: 2 as const },
  ];

  it("stepSeries: one row per flow and tier, the ledger's figures where there are some", () => {
    const series = stepSeries(kinds, [{ flow: 'release-rollout', tier: 1, retrying: 2, oldestRetrySeconds: 95, deadOpen: 1 }]);
    expect(series).toEqual([
      { flow: 'release-rollout', tier: 1, retrying: 2, oldestRetrySeconds: 95, deadOpen: 1 },
      { flow: 'exception-cases', tier: 2, retrying: 0, oldestRetrySeconds: 0, deadOpen: 0 },
    ]);
  });

  it("stepSeries keeps a flow the ledger names that this process did not register (an older version's)", () => {
    expect(stepSeries([], [{ flow: 'gone', tier: 3, retrying: 0, oldestRetrySeconds: 0, deadOpen: 4 }])).toEqual([
      { flow: 'gone', tier: 3, retrying: 0, oldestRetrySeconds: 0, deadOpen: 4 },
    ]);
  });

  it('queueSeries: every queue in created, retry and active', () => {
    const series = queueSeries(['process-api.rollout', 'process-api.hold'], [{ queue: 'process-api.rollout', state: 'active', jobs: 3 }]);
    expect(series).toEqual([
      { queue: 'process-api.rollout', state: 'created', jobs: 0 },
      { queue: 'process-api.rollout', state: 'retry', jobs: 0 },
      { queue: 'process-api.rollout', state: 'active', jobs: 3 },
      { queue: 'process-api.hold', state: 'created', jobs: 0 },
      { queue: 'process-api.hold', state: 'retry', jobs: 0 },
      { queue: 'process-api.hold', state: 'active', jobs: 0 },
    ]);
  });
});
