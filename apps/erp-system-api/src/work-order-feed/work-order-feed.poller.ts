import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PeriodicTask } from '@threadline/platform';
import { ErpSystemApiConfig } from '../erp-system-api.config';
import { WorkOrderFeedService } from './work-order-feed.service';

/** Reads the work-order change feed at start-up and then every `feedIntervalMs` (see PeriodicTask). */
@Injectable()
export class WorkOrderFeedPoller implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: PeriodicTask;

  constructor(
    @Inject(WorkOrderFeedService) feed: WorkOrderFeedService,
    @Inject(ErpSystemApiConfig) private readonly config: ErpSystemApiConfig,
  ) {
    this.task = new PeriodicTask('work-order feed sync', config.feedIntervalMs, () => feed.sync(), new Logger(WorkOrderFeedPoller.name));
  }

  onApplicationBootstrap(): void {
    if (this.config.feedPolling) this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }
}
