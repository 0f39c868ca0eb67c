import { Inject, Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { FaultInjector } from '@threadline/platform';
import { randomUUID } from 'node:crypto';
import { PlmMockConfig } from '../plm-mock.config';
import { EventSubscriptionRepository } from './event-subscription.repository';
import { WebhookEvent } from './event-subscription.odata';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from './webhook-signature';
import { webhookUrlProblem } from './webhook-url-policy';

export interface WebhookTarget {
  id: string;
  url: string;
  secret: string;
}

export interface DeliveryResult {
  subscriptionId: string;
  delivered: boolean;
  attempts: number;
  status: number | null;
  error: string | null;
}

/** Sends one request; answers the status, or throws when there is no answer. */
export type WebhookSender = (url: string, headers: Record<string, string>, body: string, timeoutMs: number) => Promise<number>;

const fetchSender: WebhookSender = async (url, headers, body, timeoutMs) => {
  // redirect: 'manual': a subscriber cannot bounce the PLM server to a host the policy refuses.
  const response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  await response.arrayBuffer().catch(() => undefined);
  return response.status;
};

/** PLM serves every plant, so its one fault scope is `*`. */
const FAULT_SCOPE = '*';

/** Worth another attempt: no answer, a timeout, throttling or a server error. */
function retryable(status: number | null): boolean {
  return status === null || status === 408 || status === 429 || status >= 500;
}

/**
 * Sends events to their subscribers after the change that caused them has committed. Each
 * delivery is signed (see webhook-signature.ts) and retried with exponential backoff; it runs in
 * the background, so a slow or dead subscriber never blocks or fails a release. Deliveries still
 * waiting when the app stops are dropped: subscribers catch up from the change feed. A fault
 * profile's `duplicateWebhookRate` sends an acknowledged delivery once more, as an at-least-once
 * sender does when an acknowledgement is lost: subscribers must recognise it by its delivery id or
 * its content.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopped = false;
  private wakeSleepers = new Set<() => void>();
  sender: WebhookSender = fetchSender;

  constructor(
    @Inject(EventSubscriptionRepository) private readonly subscriptions: EventSubscriptionRepository,
    @Inject(PlmMockConfig) private readonly config: PlmMockConfig,
    // Optional: without fault injection (a unit test's dispatcher) nothing is sent twice.
    @Optional() @Inject(FaultInjector) private readonly faults?: FaultInjector,
  ) {}

  /** Fire and forget: never throws, never waits for a subscriber. */
  dispatch(event: WebhookEvent, payload: object): void {
    if (this.stopped) return;
    const run = this.deliverAll(event, payload).catch((error: Error) => this.logger.warn(`${event}: dispatch failed: ${error.message}`));
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  async deliverAll(event: WebhookEvent, payload: object): Promise<DeliveryResult[]> {
    const targets = await this.subscriptions.forEvent(event);
    const body = JSON.stringify(payload);
    return Promise.all(
      targets.map(async (target) => {
        const result = await this.deliver(target, event, body);
        await this.subscriptions
          .recordDelivery(target.id, { status: result.status, attempts: result.attempts, error: result.error })
          .catch(() => undefined);
        return result;
      }),
    );
  }

  async deliver(target: WebhookTarget, event: WebhookEvent, body: string): Promise<DeliveryResult> {
    const result: DeliveryResult = { subscriptionId: target.id, delivered: false, attempts: 0, status: null, error: null };
    // The URL was checked on subscribing; the allow-list may have changed since.
    const problem = webhookUrlProblem(target.url, this.config.webhookAllowedHosts);
    if (problem) return { ...result, error: `URL ${problem}` };
    const deliveryId = randomUUID();
    for (let attempt = 1; attempt <= this.config.webhookMaxAttempts && !this.stopped; attempt++) {
      if (attempt > 1) await this.sleep(this.config.webhookRetryBaseMs * 2 ** (attempt - 2));
      if (this.stopped) break;
      result.attempts = attempt;
      Object.assign(result, await this.send(target, event, deliveryId, body));
      if (result.error === null) {
        result.delivered = true;
        if (this.faults?.duplicateDelivery(FAULT_SCOPE)) await this.sendDuplicate(target, event, deliveryId, body);
        return result;
      }
      if (!retryable(result.status)) break;
    }
    this.logger.warn(`${event} to ${target.url}: not delivered after ${result.attempts} attempt(s): ${result.error}`);
    return result;
  }

  /** One signed POST of the delivery, with a fresh timestamp; answers its status or why there was none. */
  private async send(target: WebhookTarget, event: WebhookEvent, deliveryId: string, body: string): Promise<Pick<DeliveryResult, 'status' | 'error'>> {
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'content-type': 'application/json',
      [EVENT_HEADER]: event,
      [DELIVERY_HEADER]: deliveryId,
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: signWebhook(target.secret, timestamp, body),
    };
    try {
      const status = await this.sender(target.url, headers, body, this.config.webhookTimeoutMs);
      return { status, error: status >= 200 && status < 300 ? null : `answered ${status}` };
    } catch (error) {
      return { status: null, error: (error as Error).message || String(error) };
    }
  }

  /** The injected duplicate: the acknowledged delivery once more, not retried (the first one arrived). */
  private async sendDuplicate(target: WebhookTarget, event: WebhookEvent, deliveryId: string, body: string): Promise<void> {
    if (this.stopped) return;
    const again = await this.send(target, event, deliveryId, body);
    this.logger.log(`${event} to ${target.url}: delivery ${deliveryId} sent again (injected duplicate): ${again.error ?? `answered ${again.status}`}`);
  }

  /** Waits for the deliveries running now (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const wake of this.wakeSleepers) wake();
    await this.idle();
  }

  protected sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeSleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.wakeSleepers.add(done);
    });
  }
}
