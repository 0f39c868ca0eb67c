import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulingSystemApiConfig } from '../scheduling-system-api.config';
import { ExceptionReconciler } from './exception-reconciler.service';

/**
 * Runs a reconciliation round at start-up (in the background: the boot never waits for the
 * scheduler) and then every `reconcileIntervalMs`, one round at a time. A round that cannot list
 * the plants (the scheduler is down) is logged and retried at the next tick; it never stops the app.
 */
@Injectable()
export class ExceptionReconciliationPoller implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ExceptionReconciliationPoller.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private finished = 0;

  constructor(
    @Inject(ExceptionReconciler) private readonly reconciler: ExceptionReconciler,
    @Inject(SchedulingSystemApiConfig) private readonly config: SchedulingSystemApiConfig,
  ) {}

  /** Rounds finished since start-up, failed ones included (for tests and health). */
  get rounds(): number {
    return this.finished;
  }

  onApplicationBootstrap(): void {
    if (this.config.reconcilePolling) this.tick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.stopped) return;
    this.running = this.reconciler
      .reconcile()
      .then(() => undefined)
      .catch((error: Error) => this.logger.warn(`reconciliation round failed, next one in ${this.config.reconcileIntervalMs} ms: ${error.message}`))
      .finally(() => {
        this.running = undefined;
        this.finished++;
        if (this.stopped) return;
        this.timer = setTimeout(() => this.tick(), this.config.reconcileIntervalMs);
        this.timer.unref();
      });
  }
}
