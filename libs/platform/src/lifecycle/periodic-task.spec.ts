import { Logger } from '@nestjs/common';
import { PeriodicTask } from './periodic-task';

describe('PeriodicTask', () => {
  const warn = jest.fn();
  const logger = { warn } as unknown as Logger;

  it('runs at start and again after each run, goes on after a failure, one run at a time; stop waits for the run under way', async () => {
    let calls = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    let release: () => void = () => undefined;
    const task = new PeriodicTask('probe', 1, async () => {
      calls++;
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      try {
        if (calls === 2) throw new Error('backend down');
        if (calls === 4) await new Promise<void>((resolve) => (release = resolve));
      } finally {
        concurrent--;
      }
    }, logger);
    task.start();
    while (calls < 4) await new Promise((resolve) => setTimeout(resolve, 2));
    expect(warn).toHaveBeenCalledWith('probe failed, next one in 1 ms: backend down');

    let stopped = false;
    const stopping = task.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;
    const finished = task.rounds;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect({ calls, finished, maxConcurrent }).toEqual({ calls: 4, finished: 4, maxConcurrent: 1 });
  });
});
