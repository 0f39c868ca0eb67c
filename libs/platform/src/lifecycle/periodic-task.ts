import { Logger } from '@nestjs/common';

/**
 * Runs `run` now (in the background: a boot never waits for a backend) and then `intervalMs` after
 * each run ends, one run at a time. A failed run (its backend down) is logged and tried again at the
 * next tick; it never stops the app. `stop()` cancels the next tick and waits for a run under way.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private finished = 0;

  constructor(
    private readonly what: string,
    private readonly intervalMs: number,
    private readonly run: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  /** Runs finished since start, failed ones included (for tests and health). */
  get rounds(): number {
    return this.finished;
  }

  start(): void {
    this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.stopped) return;
    this.running = this.run()
      .then(() => undefined)
      .catch((error: Error) => this.logger.warn(`${this.what} failed, next one in ${this.intervalMs} ms: ${error.message}`))
      .finally(() => {
        this.running = undefined;
        this.finished++;
        if (this.stopped) return;
        this.timer = setTimeout(() => this.tick(), this.intervalMs);
        this.timer.unref();
      });
  }
}
