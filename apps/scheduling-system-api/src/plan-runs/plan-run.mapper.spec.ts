import { FreppleTask } from '../connector/frepple-records';
import { fromCanonical, planSource, toCanonical, triggersOf } from './plan-run.mapper';

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
      triggers: ['ECN-000042'],
      triggerCount: 1,
    });
  });

  it('maps a run that re-planned for several changes: the first is its trigger, all it names its triggers, with how many in all', () => {
    expect(toCanonical({ ...task, source: 'ECN-000042,ECN-000043 (+5)' }, 'P2')).toMatchObject({
      trigger: 'ECN-000042',
      triggers: ['ECN-000042', 'ECN-000043'],
      triggerCount: 7,
    });
  });

  it('maps running and failed tasks, and a task that never started', () => {
    expect(toCanonical({ ...task, status: '45%', finished: null }, 'P2')).toMatchObject({ status: 'running', finishedAt: null });
    expect(toCanonical({ ...task, status: 'Failed' }, 'P2').status).toBe('failed');
    expect(toCanonical({ ...task, started: null, source: undefined, planned_orders: null }, 'P2')).toMatchObject({
      startedAt: '2026-11-20T09:00:04.000Z',
      trigger: null,
      triggers: [],
      triggerCount: 0,
      jobsPlanned: 0,
    });
  });

  it('asks frePPLe for a fully constrained plan tagged with its triggers', () => {
    expect(fromCanonical(['ECN-000042'])).toEqual({ constraint: 15, plantype: 1, source: 'ECN-000042' });
    expect(fromCanonical(['ECN-000042', 'erp-change']).source).toBe('ECN-000042,erp-change');
    expect(fromCanonical([]).source).toBeUndefined();
  });

  it("names as many triggers as the scheduler's 300 characters hold, then how many more, and reads that back", () => {
    // 40 change numbers of 40 characters: 7 fit with the count of the others.
    const many = Array.from({ length: 40 }, (_, i) => `ECN-${String(i).padStart(36, '0')}`);
    const source = planSource(many)!;
    expect(source.length).toBeLessThanOrEqual(300);
    expect(source).toBe(`${many.slice(0, 7).join(',')} (+33)`);
    expect(triggersOf(source)).toEqual({ listed: many.slice(0, 7), count: 40 });
    expect(planSource(['ECN-1', 'ECN-1', 'ECN-2'])).toBe('ECN-1,ECN-2');
    expect(triggersOf(planSource(['ECN-1', 'ECN-2']))).toEqual({ listed: ['ECN-1', 'ECN-2'], count: 2 });
  });
});
