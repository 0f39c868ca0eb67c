import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PeriodicTask } from '@threadline/platform';
import { ErpSystemApiConfig } from '../erp-system-api.config';
import { MasterDataFeedService } from './master-data-feed.service';

/** Reads the master-data feed at start-up and then every `feedIntervalMs`, as the other feeds; not at all without a cache. */
@Injectable()
export class MasterDataFeedPoller implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: PeriodicTask;

  constructor(
    @Inject(MasterDataFeedService) feed: MasterDataFeedService,
    @Inject(ErpSystemApiConfig) private readonly config: ErpSystemApiConfig,
  ) {
    this.task = new PeriodicTask('master-data feed sync', config.feedIntervalMs, () => feed.sync(), new Logger(MasterDataFeedPoller.name));
  }

  onApplicationBootstrap(): void {
    if (this.config.feedPolling && this.config.masterDataCacheTtlSeconds > 0) this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }
}
