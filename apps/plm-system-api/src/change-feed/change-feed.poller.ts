import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PlmSystemApiConfig } from '../plm-system-api.config';
import { ChangeFeedService } from './change-feed.service';

/**
 * Runs the change-feed catch-up at start-up and then every `feedIntervalMs`, one run at a time.
 * A failed run (PLM down) is logged and retried at the next tick; it never stops the app.
 */
@Injectable()
export class ChangeFeedPoller implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ChangeFeedPoller.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(ChangeFeedService) private readonly feed: ChangeFeedService,
    @Inject(PlmSystemApiConfig) private readonly config: PlmSystemApiConfig,
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
      .catch((error: Error) => this.logger.warn(`change feed catch-up failed, retrying in ${this.config.feedIntervalMs} ms: ${error.message}`))
      .finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        this.timer = setTimeout(() => this.tick(), this.config.feedIntervalMs);
        this.timer.unref();
      });
  }
}
