import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { PlmConnector } from '../connector/plm.connector';
import { PlmSystemApiConfig } from '../plm-system-api.config';

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

/**
 * Subscribes this API to PLM's release webhooks once it listens, in the background: PLM being
 * down delays the subscription (retried with backoff) but never the boot, and the change feed
 * covers the releases in between. Subscribing is idempotent in PLM (one subscription per URL).
 */
@Injectable()
export class PlmWebhookSubscriber implements OnModuleDestroy {
  private readonly logger = new Logger(PlmWebhookSubscriber.name);
  private timer?: NodeJS.Timeout;
  private stopped = false;
  /** Settles when the subscription is in place (or the app stops first). */
  subscribed: Promise<boolean> = Promise.resolve(false);

  constructor(
    @Inject(PlmConnector) private readonly plm: PlmConnector,
    @Inject(PlmSystemApiConfig) private readonly config: PlmSystemApiConfig,
  ) {}

  static callbackUrl(baseUrl: string): string {
    return `${baseUrl.replace(/\/$/, '')}/v1/webhooks/plm`;
  }

  start(listeningUrl: string): void {
    if (!this.config.webhookSubscribe) return;
    const url = PlmWebhookSubscriber.callbackUrl(this.config.publicUrl ?? listeningUrl);
    this.subscribed = new Promise<boolean>((resolve) => this.attempt(url, FIRST_RETRY_MS, resolve));
  }

  onModuleDestroy(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private attempt(url: string, delayMs: number, done: (ok: boolean) => void): void {
    if (this.stopped) return done(false);
    this.plm.subscribeToReleases(url, this.config.webhookSecret).then(
      () => {
        this.logger.log(`subscribed to PLM release webhooks at ${url}`);
        done(true);
      },
      (error: Error) => {
        if (this.stopped) return done(false);
        this.logger.warn(`could not subscribe to PLM webhooks (retrying in ${delayMs} ms): ${error.message}`);
        this.timer = setTimeout(() => this.attempt(url, Math.min(delayMs * 2, MAX_RETRY_MS), done), delayMs);
        this.timer.unref();
      },
    );
  }
}
