import { FreppleTask } from '../connector/frepple-records';
import { fromCanonical, toCanonical } from './plan-run.mapper';

const task: FreppleTask = {
  id: 42,
  name: 'runplan',
  submitted: '2026-11-20T09:00:04',
  started: '2026-11-20T09:00:05',
  finished: '2026-11-20T09:00:06',
  arguments: '--constraint=15 --plantype=1',
  status: 'Done',
  message: 'Planned 12 manufacturing orders; 2 late',
  source: 'ECN-000042',
  planned_orders: 12,
  late_orders: 2,
};

describe('plan run mapper', () => {
  it('maps a finished runplan task', () => {
    expect(toCanonical(task, 'P2')).toEqual({
      id: '42',
      plant: 'P2',
      status: 'finished',
      startedAt: '2026-11-20T09:00:05.000Z',
      finishedAt: '2026-11-20T09:00:06.000Z',
      jobsPlanned: 12,
      lateJobs: 2,
      trigger: 'ECN-000042',
    });
  });

  it('maps running and failed tasks, and a task that never started', () => {
    expect(toCanonical({ ...task, status: '45%', finished: null }, 'P2')).toMatchObject({ status: 'running', finishedAt: null });
    expect(toCanonical({ ...task, status: 'Failed' }, 'P2').status).toBe('failed');
    expect(toCanonical({ ...task, started: null, source: undefined, planned_orders: null }, 'P2')).toMatchObject({
      startedAt: '2026-11-20T09:00:04.000Z',
      trigger: null,
      jobsPlanned: 0,
    });
  });

  it('asks frePPLe for a fully constrained plan tagged with the trigger', () => {
    expect(fromCanonical('ECN-000042')).toEqual({ constraint: 15, plantype: 1, source: 'ECN-000042' });
    expect(fromCanonical(null).source).toBeUndefined();
  });
});
