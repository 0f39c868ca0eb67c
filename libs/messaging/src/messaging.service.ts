import { Logger } from '@nestjs/common';
import { contextFrom, currentContext, quoteIdent, runInContext, traceparentOf } from '@threadline/platform';
import type PgBoss from 'pg-boss';
import { DataSource, EntityManager } from 'typeorm';
import { CloudEvent } from './cloud-event';
import { EventBus, RetryPolicy, TIER1_RETRY } from './event-bus';
import { executorFor } from './sql-executor';

export interface MessagingOptions {
  /** App name: prefixes this app's queues. */
  appName: string;
  /** The app's own schema, holding its outbox and inbox. */
  schema: string;
  databaseUrl: string;
  /** How often the relay looks for unpublished events when nobody kicked it. */
  relayIntervalMs?: number;
}

/** Where a job's data carries the correlation id and traceparent of the work that enqueued it. */
export const JOB_CONTEXT = '$context';

export interface EventConsumer {
  /** Unique within the app; the queue is `<app>.<name>`. */
  name: string;
  eventTypes: string[];
  retry?: RetryPolicy;
  /** Runs inside the transaction that records the event in the inbox. */
  handle(event: CloudEvent, em: EntityManager): Promise<void>;
}

export interface JobWorker<T> {
  /** Queue name, `<app>.<name>`. */
  queue: string;
  retry?: RetryPolicy;
  batchSize?: number;
  handle(data: T, job: PgBoss.Job<T>): Promise<void>;
}

/**
 * One app's messaging: a transactional outbox in its own schema relayed to the bus, consumers
 * that record each event id in an inbox (so redelivery is harmless), and durable jobs.
 */
export class MessagingService {
  private readonly logger: Logger;
  private readonly consumers: EventConsumer[] = [];
  private readonly workers: JobWorker<unknown>[] = [];
  private readonly schema: string;
  private relayTimer?: NodeJS.Timeout;
  private relayRunning?: Promise<void>;
  private relayAgain = false;
  private stopped = true;

  constructor(
    private readonly options: MessagingOptions,
    private readonly dataSource: DataSource,
    readonly bus: EventBus,
  ) {
    this.logger = new Logger(`Messaging:${options.appName}`);
    this.schema = quoteIdent(options.schema);
  }

  /** Writes an event to the outbox inside the caller's transaction. A repeated id is ignored. */
  async publish(em: EntityManager, event: CloudEvent): Promise<void> {
    // Events carry the correlation id and trace of the work that caused them.
    const context = currentContext();
    if (context) {
      event.correlationid ??= context.correlationId;
      event.traceparent ??= traceparentOf(context);
    }
    await em.query(
      `INSERT INTO ${this.schema}.outbox (id, type, source, subject, event) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO NOTHING`,
      [event.id, event.type, event.source, event.subject ?? null, JSON.stringify(event)],
    );
    this.kickAfterCommit();
  }

  /** Whether an event with this id is in the outbox (published or waiting to be), as seen by `em`. */
  async isPublished(em: EntityManager, eventId: string): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM ${this.schema}.outbox WHERE id = $1`, [eventId]);
    return rows.length > 0;
  }

  /**
   * Enqueues a durable job inside the caller's transaction. The job carries the correlation id and
   * trace of the work that enqueued it, so its worker continues them (logs, calls, events).
   */
  async enqueue(em: EntityManager, queue: string, data: object, options: PgBoss.SendOptions = {}): Promise<void> {
    const context = currentContext();
    const carried = context ? { ...data, [JOB_CONTEXT]: { correlationid: context.correlationId, traceparent: traceparentOf(context) } } : data;
    await this.bus.send(queue, carried, { ...options, db: await executorFor(em) });
  }

  registerConsumer(consumer: EventConsumer): void {
    this.consumers.push(consumer);
  }

  registerWorker<T>(worker: JobWorker<T>): void {
    this.workers.push(worker);
  }

  queueName(name: string): string {
    return `${this.options.appName}.${name}`;
  }

  async start(): Promise<void> {
    await this.bus.start();
    this.stopped = false;
    for (const consumer of this.consumers) {
      const queue = this.queueName(consumer.name);
      await this.bus.ensureQueue(queue, consumer.retry ?? TIER1_RETRY);
      for (const type of consumer.eventTypes) await this.bus.subscribe(type, queue);
      this.bus.work<CloudEvent>(queue, (job) => this.consume(consumer, job.data));
    }
    for (const worker of this.workers) {
      await this.bus.ensureQueue(worker.queue, worker.retry ?? TIER1_RETRY);
      this.bus.work(worker.queue, (job) => this.runJob(worker, job), { batchSize: worker.batchSize });
    }
    this.scheduleRelay(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.relayTimer) clearTimeout(this.relayTimer);
    await this.relayRunning;
    await this.bus.stop();
  }

  /** Publishes pending outbox rows now rather than at the next poll. */
  kick(): void {
    if (this.stopped) return;
    if (this.relayRunning) {
      this.relayAgain = true;
      return;
    }
    this.scheduleRelay(0);
  }

  private kickAfterCommit(): void {
    // The row becomes visible when the caller's transaction commits; a short delay covers that,
    // and the periodic poll covers everything else.
    setTimeout(() => this.kick(), 20).unref();
  }

  private async consume(consumer: EventConsumer, event: CloudEvent): Promise<void> {
    // Handle the event in the context it was published in: its calls and events continue the trace.
    return runInContext(contextFrom(event.correlationid ?? event.id, event.traceparent), () => this.handleOnce(consumer, event));
  }

  /** Runs a job in the context it was enqueued in (a fresh one for a job from before contexts were carried). */
  private runJob(worker: JobWorker<unknown>, job: PgBoss.Job<unknown>): Promise<void> {
    const { [JOB_CONTEXT]: carried, ...data } = (job.data ?? {}) as Record<string, unknown> & { [JOB_CONTEXT]?: { correlationid?: string; traceparent?: string } };
    return runInContext(contextFrom(carried?.correlationid ?? job.id, carried?.traceparent), () => worker.handle(data, job));
  }

  private async handleOnce(consumer: EventConsumer, event: CloudEvent): Promise<void> {
    let duplicate = false;
    await this.dataSource.transaction(async (em) => {
      const rows: unknown[] = await em.query(
        `INSERT INTO ${this.schema}.inbox (consumer, event_id, event_type) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [consumer.name, event.id, event.type],
      );
      if (rows.length === 0) {
        duplicate = true;
        return;
      }
      await consumer.handle(event, em);
    });
    if (duplicate) this.logger.debug(`${consumer.name}: ignored duplicate event ${event.id}`);
  }

  private scheduleRelay(delayMs: number): void {
    if (this.stopped) return;
    if (this.relayTimer) clearTimeout(this.relayTimer);
    this.relayTimer = setTimeout(() => {
      this.relayRunning = this.relayOnce()
        .catch((error: Error) => this.logger.warn(`outbox relay: ${error.message}`))
        .finally(() => {
          this.relayRunning = undefined;
          const again = this.relayAgain;
          this.relayAgain = false;
          this.scheduleRelay(again ? 0 : (this.options.relayIntervalMs ?? 1000));
        });
    }, delayMs);
    this.relayTimer.unref();
  }

  /** Moves up to a batch of outbox rows onto the bus, in one transaction with marking them sent. */
  private async relayOnce(): Promise<void> {
    let moved = 0;
    do {
      moved = await this.dataSource.transaction(async (em) => {
        const rows: { position: string; event: CloudEvent }[] = await em.query(
          `SELECT position, event FROM ${this.schema}.outbox WHERE published_at IS NULL
           ORDER BY position LIMIT 100 FOR UPDATE SKIP LOCKED`,
        );
        if (rows.length === 0) return 0;
        const db = await executorFor(em);
        for (const row of rows) await this.bus.publish(row.event.type, row.event, db);
        await em.query(`UPDATE ${this.schema}.outbox SET published_at = now(), attempts = attempts + 1 WHERE position = ANY($1)`, [
          rows.map((r) => r.position),
        ]);
        return rows.length;
      });
    } while (moved === 100 && !this.stopped);
  }
}
