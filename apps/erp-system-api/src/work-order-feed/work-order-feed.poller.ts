import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ErpSystemApiConfig } from '../erp-system-api.config';
import { WorkOrderFeedService } from './work-order-feed.service';

/**
 * Reads the work-order change feed at start-up (in the background: the boot never waits for ERP)
 * and then every `feedIntervalMs`, one sync at a time. A failed sync (ERP down) is logged and
 * retried at the next tick; it never stops the app.
 */
@Injectable()
export class WorkOrderFeedPoller implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WorkOrderFeedPoller.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(WorkOrderFeedService) private readonly feed: WorkOrderFeedService,
    @Inject(ErpSystemApiConfig) private readonly config: ErpSystemApiConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.feedPolling) this.tick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.stopped) return;
    this.running = this.feed
      .sync()
      .then(() => undefined)
      .catch((error: Error) => this.logger.warn(`work-order feed sync failed, next one in ${this.config.feedIntervalMs} ms: ${error.message}`))
      .finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        this.timer = setTimeout(() => this.tick(), this.config.feedIntervalMs);
        this.timer.unref();
      });
  }
}
