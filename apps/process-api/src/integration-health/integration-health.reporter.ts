import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MessagingService, StepRecord, StepState } from '@threadline/messaging';
import { PeriodicTask } from '@threadline/platform';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { ProcessApiConfig } from '../process-api.config';
import { BackendCallCounter } from './backend-calls.counter';
import { integrationHealthReportedEvent } from './integration-health.events';
import { backendHealth } from './integration-health.rules';

/** The most failing steps of one state a report reads from the ledger (pages of 200). */
const MAX_STEPS = 5000;

/**
 * Every `integrationHealthReportSeconds` the process API publishes one integration-health report:
 * its calls to each system API per plant since the last report, and the failing steps of the
 * shared step ledger that name a backend. A report is only published when it lists something or
 * the previous one listed failing steps (so a recovery is reported), which keeps an idle platform
 * quiet: at most one small event per period, its entries bounded by backends x plants.
 */
@Injectable()
export class IntegrationHealthReporter implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(IntegrationHealthReporter.name);
  private readonly counter: BackendCallCounter;
  private readonly task: PeriodicTask;
  private readonly reporter = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private periodStart = new Date();
  private previousHadSteps = false;

  constructor(
    @Inject(ProcessApiConfig) private readonly config: ProcessApiConfig,
    @Inject(MessagingService) private readonly messaging: MessagingService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.counter = new BackendCallCounter({
      'plm-system-api': config.plmSystemApiUrl,
      'erp-system-api': config.erpSystemApiUrl,
      'scheduling-system-api': config.schedulingSystemApiUrl,
    });
    this.task = new PeriodicTask('integration-health report', config.integrationHealthReportSeconds * 1000, () => this.report(), this.logger);
  }

  onApplicationBootstrap(): void {
    if (this.config.integrationHealthReportSeconds <= 0) return;
    this.counter.start();
    this.periodStart = new Date();
    // The first run comes one period after start, so it has a period to report.
    setTimeout(() => this.task.start(), this.config.integrationHealthReportSeconds * 1000).unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.counter.stop();
    await this.task.stop();
  }

  /** Publishes one report, if there is anything to say; answers whether it did. */
  async report(now = new Date()): Promise<boolean> {
    const calls = this.counter.drain();
    const [retrying, dead] = await Promise.all([this.steps(['retrying', 'replaying']), this.steps(['dead'])]);
    const backends = backendHealth(calls, retrying, dead);
    const hasSteps = backends.some((b) => b.retryingSteps > 0 || b.deadLetters > 0);
    const periodStart = this.periodStart;
    this.periodStart = now;
    if (backends.length === 0 && !this.previousHadSteps) return false;
    this.previousHadSteps = hasSteps;
    await this.dataSource.transaction((em) => this.messaging.publish(em, integrationHealthReportedEvent(this.reporter, periodStart, now, backends)));
    return true;
  }

  private async steps(states: StepState[]): Promise<StepRecord[]> {
    const out: StepRecord[] = [];
    let after: { t: string; id: string } | undefined;
    do {
      const page = await this.messaging.ledger.list({ states }, after, 200);
      out.push(...page.items);
      after = page.nextCursor ?? undefined;
    } while (after && out.length < MAX_STEPS);
    return out;
  }
}
