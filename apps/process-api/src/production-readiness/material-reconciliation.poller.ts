import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { MessagingService } from '@threadline/messaging';
import { PeriodicTask } from '@threadline/platform';
import { DataSource } from 'typeorm';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProcessApiConfig } from '../process-api.config';
import { SystemApis } from '../system-apis/system-apis.client';
import { MaterialPushJob, PRODUCTION_READINESS_QUEUE } from './production-readiness.jobs';

/**
 * The periodic reconciliation: every `materialReconcileSeconds` a full push of each plant ERP runs
 * is enqueued, so a change event that was lost (or a change ERP's delta reads cannot see) heals.
 * The first round waits one interval: at start-up the schedulers hold what they were seeded or
 * last given. Also run on request (POST /v1/production-readiness/reconciliations).
 */
@Injectable()
export class MaterialReconciliationPoller implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task?: PeriodicTask;
  private started = false;

  constructor(
    @Inject(ProcessApiConfig) private readonly config: ProcessApiConfig,
    @Inject(SystemApis) private readonly systemApis: SystemApis,
    @Inject(MessagingService) private readonly messaging: MessagingService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    if (config.materialReconcileSeconds > 0) {
      this.task = new PeriodicTask('material availability reconciliation', config.materialReconcileSeconds * 1000, () => this.round(), new Logger(MaterialReconciliationPoller.name));
    }
  }

  onApplicationBootstrap(): void {
    this.task?.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task?.stop() ?? Promise.resolve();
  }

  private async round(): Promise<void> {
    if (!this.started) {
      this.started = true;
      return;
    }
    await this.reconcile();
  }

  /** Enqueues a full push of every plant; answers the plants. */
  async reconcile(): Promise<string[]> {
    const plants = await this.systemApis.erpPlants();
    await this.dataSource.transaction(async (em) => {
      for (const plant of plants) await this.messaging.enqueue(em, PRODUCTION_READINESS_QUEUE, { plant, kind: 'reconciliation' } satisfies MaterialPushJob);
    });
    return plants;
  }
}
