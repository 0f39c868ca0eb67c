import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { FaultInjector } from '@threadline/platform';
import { randomUUID } from 'node:crypto';
import { FreppleApiError } from '../errors/frepple-api.error';
import { formatDateTime } from '../input-api/frepple-format';
import type { ProblemRecord } from '../problems/problem.service';
import { SchedulerMockConfig } from '../scheduler-mock.config';
import { WebhookRepository, WebhookRow } from './webhook.repository';
import { checkWebhookUrl, WebhookUrlRefused } from './webhook-url-policy';
import { DELIVERY_HEADER, EVENT_HEADER, signDelivery, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './webhook-signature';

export const WEBHOOK_EVENTS = ['problem'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** A subscription as the API shows it: the secret is write-only. */
export type WebhookRecord = Record<string, unknown>;

function toRecord(row: WebhookRow): WebhookRecord {
  return { id: row.id, url: row.url, events: row.events, created: formatDateTime(row.created), lastmodified: formatDateTime(row.lastmodified) };
}

/** What a subscriber receives for one problem. */
export interface ProblemDelivery {
  event: 'problem';
  plant: string;
  problem: ProblemRecord;
}

type FieldErrors = Record<string, string[]>;

/**
 * Webhook subscriptions per plant (a mock extension: frePPLe has none) and their deliveries.
 * A delivery is a signed POST (see webhook-signature.ts), retried with exponential backoff and
 * jitter on a network error, a timeout, 408, 429 or 5xx; other 4xx answers end it. Deliveries run
 * in the background and live in memory: they never block a plan run, and a restart drops the
 * ones still waiting for a retry (a subscriber catches up through GET .../api/output/problem/).
 * A plant's fault profile with `duplicateWebhookRate` sends an acknowledged delivery once more
 * (same delivery id and body, signed afresh), as an at-least-once sender does when an
 * acknowledgement is lost.
 */
@Injectable()
export class WebhookService implements OnModuleDestroy {
  private readonly logger = new Logger(WebhookService.name);
  private readonly pending = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  private closed = false;

  constructor(
    private readonly subscriptions: WebhookRepository,
    @Inject(SchedulerMockConfig) private readonly config: SchedulerMockConfig,
    @Inject(FaultInjector) private readonly faults: FaultInjector,
  ) {}

  /** Idempotent per (plant, url): subscribing again updates the secret and events of the one subscription. */
  async subscribe(plant: string, body: unknown): Promise<{ record: WebhookRecord; created: boolean }> {
    const row = await this.subscriptions.upsert(plant, await this.validate(body));
    return { record: toRecord(row), created: row.inserted };
  }

  async list(plant: string): Promise<WebhookRecord[]> {
    return (await this.subscriptions.list(plant)).map(toRecord);
  }

  async remove(plant: string, id: string): Promise<void> {
    if (!/^\d{1,9}$/.test(id)) throw FreppleApiError.notFound();
    if (!(await this.subscriptions.delete(plant, Number(id)))) throw FreppleApiError.notFound();
  }

  /** Announces new problems to the plant's subscribers. Returns at once; never throws. */
  announceProblems(plant: string, problems: ProblemRecord[]): void {
    if (problems.length === 0 || this.closed) return;
    this.subscriptions
      .subscribersTo(plant, 'problem')
      .then((subscribers) => {
        for (const subscriber of subscribers) {
          for (const problem of problems) {
            const delivery: ProblemDelivery = { event: 'problem', plant, problem };
            void this.deliver(subscriber, JSON.stringify(delivery), randomUUID(), 1);
          }
        }
      })
      .catch((error: Error) => this.logger.warn(`${plant}: could not read webhook subscriptions: ${error.message}`));
  }

  onModuleDestroy(): void {
    this.closed = true;
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
    for (const controller of this.inFlight) controller.abort();
  }

  private async deliver(subscriber: WebhookRow, body: string, deliveryId: string, attempt: number): Promise<void> {
    if (this.closed) return;
    const target = `webhook ${subscriber.id} (${subscriber.url}) delivery ${deliveryId}`;
    const outcome = await this.post(subscriber, body, deliveryId);
    if (outcome.ok) {
      if (this.faults.duplicateDelivery(subscriber.plant)) await this.sendDuplicate(subscriber, body, deliveryId, target);
      return;
    }
    const failure = outcome.failure;
    if (!outcome.retryable) {
      this.logger.warn(`${target}: ${failure}; not retried`);
      return;
    }
    if (this.closed) return;
    if (attempt >= this.config.webhookMaxAttempts) {
      this.logger.warn(`${target}: ${failure}; gave up after ${attempt} attempts`);
      return;
    }
    const delay = this.config.webhookBackoffMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
    this.logger.log(`${target}: ${failure}; attempt ${attempt + 1} in ${Math.round(delay)} ms`);
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      void this.deliver(subscriber, body, deliveryId, attempt + 1);
    }, delay);
    timer.unref();
    this.pending.add(timer);
  }

  /** The injected duplicate: the acknowledged delivery once more, not retried (the first one arrived). */
  private async sendDuplicate(subscriber: WebhookRow, body: string, deliveryId: string, target: string): Promise<void> {
    if (this.closed) return;
    const again = await this.post(subscriber, body, deliveryId);
    this.logger.log(`${target}: sent again (injected duplicate): ${again.ok ? 'acknowledged' : again.failure}`);
  }

  /** One signed POST of a delivery, with a fresh timestamp. */
  private async post(subscriber: WebhookRow, body: string, deliveryId: string): Promise<{ ok: true } | { ok: false; failure: string; retryable: boolean }> {
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), this.config.webhookTimeoutMs);
    this.inFlight.add(controller);
    try {
      // Checked again at delivery: the host may resolve elsewhere than when it subscribed.
      await checkWebhookUrl(subscriber.url, { allowPublicHosts: this.config.webhookAllowPublicHosts });
      const timestamp = Math.floor(Date.now() / 1000);
      const response = await fetch(subscriber.url, {
        method: 'POST',
        redirect: 'manual',
        signal: controller.signal,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'frePPLe-mock-webhooks/1.0',
          [EVENT_HEADER]: 'problem',
          [DELIVERY_HEADER]: deliveryId,
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signDelivery(subscriber.secret, timestamp, body),
        },
        body,
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return { ok: true };
      const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
      return { ok: false, failure: `answered ${response.status}`, retryable };
    } catch (error) {
      if (error instanceof WebhookUrlRefused) return { ok: false, failure: `refused: ${error.message}`, retryable: false };
      const failure = controller.signal.aborted ? `no answer within ${this.config.webhookTimeoutMs} ms` : (error as Error).message;
      return { ok: false, failure, retryable: true };
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(controller);
    }
  }

  /** DRF-style field errors, all at once. */
  private async validate(body: unknown): Promise<{ url: string; secret: string; events: WebhookEvent[] }> {
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw FreppleApiError.badRequest({ non_field_errors: ['Invalid data. Expected a dictionary.'] });
    const { url, secret, events = ['problem'], ...rest } = body as Record<string, unknown>;
    const errors: FieldErrors = {};
    for (const name of Object.keys(rest)) errors[name] = ['Unknown field.'];
    if (typeof url !== 'string' || url.length === 0) errors.url = ['This field is required.'];
    else if (url.length > 2000) errors.url = ['Ensure this field has no more than 2000 characters.'];
    else {
      try {
        await checkWebhookUrl(url, { allowPublicHosts: this.config.webhookAllowPublicHosts });
      } catch (error) {
        if (!(error instanceof WebhookUrlRefused)) throw error;
        errors.url = [error.message];
      }
    }
    if (typeof secret !== 'string' || secret.length === 0) errors.secret = ['This field is required.'];
    else if (secret.length < 16 || secret.length > 256) errors.secret = ['Ensure this field has between 16 and 256 characters.'];
    if (!Array.isArray(events) || events.length === 0 || events.some((e) => !(WEBHOOK_EVENTS as readonly unknown[]).includes(e))) {
      errors.events = [`Expected a non-empty list of: ${WEBHOOK_EVENTS.join(', ')}.`];
    }
    if (Object.keys(errors).length > 0) throw FreppleApiError.badRequest(errors);
    return { url: url as string, secret: secret as string, events: [...new Set(events as WebhookEvent[])] };
  }
}
