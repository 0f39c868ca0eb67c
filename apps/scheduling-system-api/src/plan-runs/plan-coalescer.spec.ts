import { PlanCoalescer } from './plan-coalescer';

/** A run the test finishes (or fails) when it wants, recording what it was given. */
interface Run {
  plant: string;
  triggers: string[];
  finish: (value: string) => void;
  fail: (error: Error) => void;
}

function aCoalescer(windowMs = 0) {
  const runs: Run[] = [];
  const coalescer = new PlanCoalescer<string>(
    (plant, triggers) =>
      new Promise<string>((resolve, reject) => {
        runs.push({ plant, triggers: [...triggers], finish: resolve, fail: reject });
      }),
    windowMs,
  );
  return { coalescer, runs };
}

/** Until the coalescer has started `count` runs (its window and hand-overs are timers). */
async function started(runs: Run[], count: number): Promise<void> {
  while (runs.length < count) await new Promise((resolve) => setTimeout(resolve, 1));
}

describe('PlanCoalescer', () => {
  it('serves requests for one plant arriving together with one run given all their triggers, once each', async () => {
    const { coalescer, runs } = aCoalescer(20);
    const waiting = [coalescer.replan('P1', 'ECN-1'), coalescer.replan('P1', 'ECN-2'), coalescer.replan('P1', null), coalescer.replan('P1', 'ECN-1')];
    await started(runs, 1);
    expect(runs.map((r) => [r.plant, r.triggers])).toEqual([['P1', ['ECN-1', 'ECN-2']]]);
    runs[0].finish('run 7');
    expect(await Promise.all(waiting)).toEqual(['run 7', 'run 7', 'run 7', 'run 7']);
  });

  it('plans each plant on its own', async () => {
    const { coalescer, runs } = aCoalescer();
    const p1 = coalescer.replan('P1', 'ECN-1');
    const p2 = coalescer.replan('P2', 'ECN-1');
    await started(runs, 2);
    expect(runs.map((r) => r.plant).sort()).toEqual(['P1', 'P2']);
    for (const run of runs) run.finish(`${run.plant} run`);
    expect([await p1, await p2]).toEqual(['P1 run', 'P2 run']);
  });

  it('gives a request arriving while a run is under way the next run, started once that one ends, never the one under way', async () => {
    const { coalescer, runs } = aCoalescer();
    const first = coalescer.replan('P1', 'ECN-1');
    await started(runs, 1);
    const second = coalescer.replan('P1', 'ECN-2');
    const third = coalescer.replan('P1', 'ECN-3');
    // One run per plant at a time: the next waits for the first to end.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(runs).toHaveLength(1);
    expect(coalescer.pending('P1', 'ECN-1')).toBe(first);
    expect(coalescer.pending('P1', 'ECN-2')).toBe(second);
    expect(coalescer.pending('P1', 'ECN-9')).toBeUndefined();
    runs[0].finish('run 1');
    expect(await first).toBe('run 1');
    await started(runs, 2);
    expect(runs[1].triggers).toEqual(['ECN-2', 'ECN-3']);
    runs[1].finish('run 2');
    expect([await second, await third]).toEqual(['run 2', 'run 2']);
    expect(coalescer.pending('P1', 'ECN-2')).toBeUndefined();
  });

  it('fails every waiter of a failed run with its error, and plans the next requests afresh', async () => {
    const { coalescer, runs } = aCoalescer();
    const waiting = [coalescer.replan('P1', 'ECN-1'), coalescer.replan('P1', 'ECN-2')];
    await started(runs, 1);
    const error = new Error('scheduler unavailable');
    runs[0].fail(error);
    for (const w of waiting) await expect(w).rejects.toBe(error);
    const retry = coalescer.replan('P1', 'ECN-1');
    await started(runs, 2);
    expect(runs[1].triggers).toEqual(['ECN-1']);
    runs[1].finish('run 2');
    expect(await retry).toBe('run 2');
  });
});
