import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PeriodicTask } from '@threadline/platform';
import { PlmSystemApiConfig } from '../plm-system-api.config';
import { ChangeFeedService } from './change-feed.service';

/** Runs the change-feed catch-up at start-up and then every `feedIntervalMs` (see PeriodicTask). */
@Injectable()
export class ChangeFeedPoller implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: PeriodicTask;

  constructor(
    @Inject(ChangeFeedService) feed: ChangeFeedService,
    @Inject(PlmSystemApiConfig) private readonly config: PlmSystemApiConfig,
  ) {
    this.task = new PeriodicTask('change feed catch-up', config.feedIntervalMs, () => feed.sync(), new Logger(ChangeFeedPoller.name));
  }

  onApplicationBootstrap(): void {
    if (this.config.feedPolling) this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }
}
