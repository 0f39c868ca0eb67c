import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PeriodicTask } from '@threadline/platform';
import { SchedulingSystemApiConfig } from '../scheduling-system-api.config';
import { ExceptionReconciler } from './exception-reconciler.service';

/**
 * Runs a reconciliation round at start-up and then every `reconcileIntervalMs` (see PeriodicTask);
 * a round that cannot list the plants (the scheduler is down) is tried again at the next tick.
 */
@Injectable()
export class ExceptionReconciliationPoller implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: PeriodicTask;

  constructor(
    @Inject(ExceptionReconciler) reconciler: ExceptionReconciler,
    @Inject(SchedulingSystemApiConfig) private readonly config: SchedulingSystemApiConfig,
  ) {
    this.task = new PeriodicTask('reconciliation round', config.reconcileIntervalMs, () => reconciler.reconcile(), new Logger(ExceptionReconciliationPoller.name));
  }

  /** Rounds finished since start-up, failed ones included (for tests and health). */
  get rounds(): number {
    return this.task.rounds;
  }

  onApplicationBootstrap(): void {
    if (this.config.reconcilePolling) this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }
}
