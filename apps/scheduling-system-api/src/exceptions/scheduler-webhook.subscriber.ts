import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import { SchedulerConnector } from '../connector/scheduler.connector';
import { SchedulingSystemApiConfig } from '../scheduling-system-api.config';

export const WEBHOOK_PATH = '/v1/webhooks/scheduler';
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

/**
 * Subscribes this API to each plant scheduler's exception webhooks at start-up, in the background:
 * the boot never waits for (or fails on) a scheduler that is down; a failed attempt is retried
 * with backoff until every plant is subscribed. The scheduler keeps one subscription per URL, so a
 * restart subscribes again without duplicates.
 */
@Injectable()
export class SchedulerWebhookSubscriber implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SchedulerWebhookSubscriber.name);
  private readonly subscribed = new Set<string>();
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private done = false;

  constructor(
    @Inject(SchedulerConnector) private readonly scheduler: SchedulerConnector,
    @Inject(SchedulingSystemApiConfig) private readonly config: SchedulingSystemApiConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** Whether every plant is subscribed (for health and tests). */
  get complete(): boolean {
    return this.done;
  }

  onApplicationBootstrap(): void {
    if (this.config.webhookSubscribe) this.schedule(0, FIRST_RETRY_MS);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Where the scheduler reaches this API; undefined until the server listens (its port may be 0 until then). */
  callbackUrl(): string | undefined {
    if (this.config.publicUrl) return `${this.config.publicUrl.replace(/\/$/, '')}${WEBHOOK_PATH}`;
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    const address = server?.listening ? server.address() : null;
    if (!address || typeof address === 'string') return undefined;
    const host = ['0.0.0.0', '::', ''].includes(this.config.host) ? '127.0.0.1' : this.config.host;
    return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}${WEBHOOK_PATH}`;
  }

  private schedule(delayMs: number, nextDelayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.attempt().then((finished) => {
        if (finished) {
          this.done = true;
          return;
        }
        this.schedule(nextDelayMs, Math.min(nextDelayMs * 2, MAX_RETRY_MS));
      });
    }, delayMs);
    this.timer.unref();
  }

  /** True when every plant is subscribed. */
  private async attempt(): Promise<boolean> {
    const url = this.callbackUrl();
    if (!url) return false;
    try {
      const plants = this.config.plants?.length ? this.config.plants : await this.scheduler.listPlants();
      for (const plant of plants) {
        if (this.stopped) return true;
        if (this.subscribed.has(plant)) continue;
        await this.scheduler.subscribeToExceptions(plant, url, this.config.webhookSecret);
        this.subscribed.add(plant);
        this.logger.log(`subscribed to the exceptions of ${plant} at ${url}`);
      }
      return true;
    } catch (error) {
      this.logger.warn(`subscribing to scheduler exceptions failed, retrying: ${(error as Error).message}`);
      return false;
    }
  }
}
