import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PeriodicTask } from '@threadline/platform';
import { ErpSystemApiConfig } from '../erp-system-api.config';
import { MaterialAvailabilityFeedService } from './material-availability-feed.service';

/** Reads the material availability feed at start-up and then every `feedIntervalMs`, as the work-order feed. */
@Injectable()
export class MaterialAvailabilityFeedPoller implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: PeriodicTask;

  constructor(
    @Inject(MaterialAvailabilityFeedService) feed: MaterialAvailabilityFeedService,
    @Inject(ErpSystemApiConfig) private readonly config: ErpSystemApiConfig,
  ) {
    this.task = new PeriodicTask('material availability feed sync', config.feedIntervalMs, () => feed.sync(), new Logger(MaterialAvailabilityFeedPoller.name));
  }

  onApplicationBootstrap(): void {
    if (this.config.feedPolling) this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }
}
