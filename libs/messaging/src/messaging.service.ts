import { Logger } from '@nestjs/common';
import { contextFrom, currentContext, quoteIdent, RequestContext, runInContext, traceparentOf, withoutActiveSpan } from '@threadline/platform';
import type PgBoss from 'pg-boss';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import { CloudEvent } from './cloud-event';
import { EventBus, EXPIRY_RETRY } from './event-bus';
import {
  ATTR_CLOUDEVENTS_EVENT_ID,
  ATTR_CLOUDEVENTS_EVENT_SOURCE,
  ATTR_CLOUDEVENTS_EVENT_TYPE,
  ATTR_MESSAGING_CONSUMER_GROUP_NAME,
  ATTR_STEP_ATTEMPT,
  markActiveSpanFailed,
  inProcessSpan,
  inSendSpan,
  OUTBOX_SYSTEM,
  QUEUE_SYSTEM,
} from './messaging-tracing';
import { MessagingMetrics } from './messaging.metrics';
import { executorFor } from './sql-executor';
import { classifyFailure, ErrorClass } from './step-failure';
import { STEP_KEYS, StepLedger } from './step-ledger';
import { DEFAULT_TIER_SETTINGS, retryDelaySeconds, Tier, TierPolicies } from './tiers';

export interface MessagingOptions {
  /** App name: prefixes this app's queues. */
  appName: string;
  /** The app's own schema, holding its outbox and inbox. */
  schema: string;
  databaseUrl: string;
  /** How often the relay looks for unpublished events when nobody kicked it. */
  relayIntervalMs?: number;
  /** Retry, priority and alert policy per integration tier (MESSAGING_TIERS); default DEFAULT_TIER_SETTINGS. */
  tiers?: TierPolicies;
  /** How long published events stay in the outbox, for event replays; default OUTBOX_RETENTION_HOURS. */
  outboxRetentionHours?: number;
}

/** Published events are kept a week by default: long enough to replay them into a rebuilt read model. */
export const OUTBOX_RETENTION_HOURS = 24 * 7;

/** The most events one replay re-emits; replay a long range in slices. */
export const MAX_EVENT_REPLAY = 10_000;

/**
 * How long an event whose type no queue subscribes to yet waits in the outbox for a consumer to
 * subscribe (apps start in any order); after that nobody wanted it, and it is marked published.
 */
export const SUBSCRIBER_GRACE_MINUTES = 10;

/**
 * How often the relay looks for unpublished events nobody kicked it for (each publish kicks it once
 * its transaction has committed): events of a process that died before its kick, and those that
 * waited for a subscriber. Each look is a transaction, busy or not.
 */
export const DEFAULT_RELAY_INTERVAL_MS = 2000;

/** The most outbox rows one relay statement moves. */
const RELAY_BATCH = 100;

/** Publishes committing this close together are relayed in one pass. */
const KICK_COALESCE_MS = 10;

/** How often the relay sweeps published events past their retention out of the outbox. */
const OUTBOX_SWEEP_INTERVAL_MS = 10 * 60_000;

/** Where a job's data carries the correlation id and traceparent of the work that enqueued it. */
export const JOB_CONTEXT = STEP_KEYS.context;

/** What a failing step is about, for operators' filters: the plant and the engineering change. */
export interface StepLabels {
  plant?: string | null;
  changeNumber?: string | null;
}

/** A step became a dead letter: its id (what operators replay or discard) and why. */
export interface DeadLetterNotice {
  id: string;
  reason: string;
  errorClass: ErrorClass;
}

/**
 * A failing step is retried by its tier's policy (as long as an outage lasts, a few times for a
 * fault, never for a refusal), and recorded in the step ledger; when retrying cannot help it
 * becomes a dead letter and `onDeadLetter` runs in the transaction that records it.
 */
interface StepPolicy<T> {
  /** The flow it belongs to, for operators and the tier table (default: the consumer or queue name). */
  flow?: string;
  /** Integration tier: 1 engineering release and scheduling feedback, 2 exception cases, 3 read models. Default 1. */
  tier?: Tier;
  labels?(data: T): StepLabels;
  onDeadLetter?(data: T, deadLetter: DeadLetterNotice, em: EntityManager): Promise<void>;
  /** An operator gave the dead letter up: the flow's consequence (a rollout fails), in the same transaction. */
  onDiscard?(data: T, reason: string, em: EntityManager): Promise<void>;
}

export interface EventConsumer extends StepPolicy<CloudEvent> {
  /** Unique within the app; the queue is `<app>.<name>`. */
  name: string;
  eventTypes: string[];
  /** Runs inside the transaction that records the event in the inbox. */
  handle(event: CloudEvent, em: EntityManager): Promise<void>;
}

/**
 * Handed to a worker's handler: `settle(em)` completes the job (and marks a retried step recovered)
 * inside the handler's last transaction, so the step's outcome and its job's completion commit
 * together and cost no transaction of their own. A handler that never calls it is completed after
 * it returns, as before.
 */
export interface JobStep {
  settle(em: EntityManager): Promise<void>;
}

export interface JobWorker<T> extends StepPolicy<T> {
  /** Queue name, `<app>.<name>`. */
  queue: string;
  batchSize?: number;
  handle(data: T, job: PgBoss.Job<T>, step: JobStep): Promise<void>;
}

/** The longest wait between attempts of a step waiting for its turn: it should go on soon after. */
const MAX_WAIT_FOR_TURN_SECONDS = 30;

interface StepMeta {
  context?: { correlationid?: string; traceparent?: string };
  work?: string;
  attempt?: number;
}

/** A job's own data, without what the messaging layer added to it. */
function splitJobData(raw: unknown): { data: Record<string, unknown>; meta: StepMeta } {
  const { [STEP_KEYS.context]: context, [STEP_KEYS.work]: work, [STEP_KEYS.attempt]: attempt, ...data } = (raw ?? {}) as Record<string, unknown>;
  return {
    data,
    meta: {
      context: context as StepMeta['context'],
      work: typeof work === 'string' ? work : undefined,
      attempt: typeof attempt === 'number' ? attempt : undefined,
    },
  };
}

/** CloudEvents semantic-convention attributes of an event's spans. */
function cloudEventAttributes(event: CloudEvent): Record<string, string> {
  return { [ATTR_CLOUDEVENTS_EVENT_ID]: event.id, [ATTR_CLOUDEVENTS_EVENT_TYPE]: event.type, [ATTR_CLOUDEVENTS_EVENT_SOURCE]: event.source };
}

/** A step's work whose failure also marks its `process` span failed (the step is retried or dead-lettered by runStep). */
async function failingTheSpan(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    markActiveSpanFailed(error);
    throw error;
  }
}

/** An outbox row: the event's columns, its JSON made when it was published (later changes to the objects it came from do not reach it). */
interface OutboxRow {
  id: string;
  type: string;
  source: string;
  subject: string | null;
  json: string;
}

/** An event published in a transaction, not written yet, and the transaction depth (savepoint) it was published at. */
interface PendingEvent {
  row: OutboxRow;
  depth: number;
}

function outboxRow(event: CloudEvent): OutboxRow {
  return { id: event.id, type: event.type, source: event.source, subject: event.subject ?? null, json: JSON.stringify(event) };
}

/** How deep the runner's transaction is: 1 for the transaction itself, more inside savepoints (TypeORM keeps it protected). */
function transactionDepth(runner: QueryRunner): number {
  return (runner as unknown as { transactionDepth: number }).transactionDepth;
}

/** The trace of the work under way, as a traceparent, when there is one. */
function currentTraceparent(): string | undefined {
  const context = currentContext();
  return context ? traceparentOf(context) : undefined;
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
  private readonly tiers: TierPolicies;
  /** The failing steps of every app on the database: what operators see, replay and discard. */
  readonly ledger: StepLedger;
  /** This app's messaging figures at GET /metrics (none outside an app). */
  private readonly metrics?: MessagingMetrics;
  private relayTimer?: NodeJS.Timeout;
  private relayRunning?: Promise<void>;
  private relayAgain = false;
  private stopped = true;
  private lastSweep = 0;
  private kickTimer?: NodeJS.Timeout;
  /** Marks a transaction (its query runner's data) that published: the relay is kicked when it commits. */
  private readonly kickOnCommit = Symbol('relay-kick');
  /** The events a transaction published (its query runner's data), written in one INSERT just before it commits. */
  private readonly pendingEvents = Symbol('outbox-pending');
  /** The outbox relay's one statement (see relayStatement), made once. */
  private readonly relaySql: string;

  constructor(
    private readonly options: MessagingOptions,
    private readonly dataSource: DataSource,
    readonly bus: EventBus,
  ) {
    this.logger = new Logger(`Messaging:${options.appName}`);
    this.schema = quoteIdent(options.schema);
    this.tiers = options.tiers ?? DEFAULT_TIER_SETTINGS;
    this.ledger = new StepLedger(dataSource, bus);
    this.relaySql = this.relayStatement();
    this.watchCommits();
    this.metrics = MessagingMetrics.forApp(options.appName, this.schema, dataSource, bus, () => [
      ...this.consumers.map((c) => ({ queue: this.queueName(c.name), flow: c.flow ?? c.name, tier: c.tier ?? 1 })),
      ...this.workers.map((w) => ({ queue: w.queue, flow: w.flow ?? w.queue, tier: w.tier ?? 1 })),
    ]);
  }

  /**
   * Writes an event to the outbox inside the caller's transaction (a repeated id is ignored). The
   * events of one transaction are written together, in publishing order, just before it commits:
   * one statement for all of them (see watchCommits); outside a transaction, at once.
   */
  async publish(em: EntityManager, event: CloudEvent): Promise<void> {
    await this.stampEvent(event);
    const runner = em.queryRunner;
    if (runner?.isTransactionActive) {
      const data = runner.data as Record<symbol, PendingEvent[] | undefined>;
      (data[this.pendingEvents] ??= []).push({ row: outboxRow(event), depth: transactionDepth(runner) });
    } else {
      await this.writeEvents(em, [outboxRow(event)]);
    }
    this.kickAfterCommit(em);
  }

  /**
   * Writes events to the outbox now, inside the caller's transaction, in one INSERT; answers how
   * many were new (an id the outbox holds already is not written again): for announcers that count
   * what they announced.
   */
  async publishAllIfNew(em: EntityManager, events: CloudEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    for (const event of events) await this.stampEvent(event);
    const written = await this.writeEvents(em, events.map(outboxRow));
    this.kickAfterCommit(em);
    return written;
  }

  /**
   * Events carry the correlation id and trace of the work that caused them: with tracing on, the
   * trace of their `send` span, which their consumers continue.
   */
  private async stampEvent(event: CloudEvent): Promise<void> {
    const context = currentContext();
    if (context) event.correlationid ??= context.correlationId;
    const span = { system: OUTBOX_SYSTEM, destination: event.type, messageId: event.id, correlationId: event.correlationid, attributes: cloudEventAttributes(event) } as const;
    await inSendSpan(span, (traceparent) => {
      const carried = traceparent ?? currentTraceparent();
      if (carried) event.traceparent ??= carried;
      return Promise.resolve();
    });
  }

  /** One INSERT of the events, in order (their outbox positions follow it); answers how many were new. */
  private async writeEvents(em: EntityManager | QueryRunner, events: OutboxRow[]): Promise<number> {
    const params: unknown[] = [];
    const rows = events.map((e) => {
      params.push(e.id, e.type, e.source, e.subject, e.json);
      const n = params.length;
      return `($${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
    });
    const written = (await em.query(
      `INSERT INTO ${this.schema}.outbox (id, type, source, subject, event) VALUES ${rows.join(', ')} ON CONFLICT (id) DO NOTHING RETURNING 1`,
      params,
    )) as unknown[];
    return written.length;
  }

  /**
   * Re-emits this app's published events of one type, published in [from, to), oldest first, to one
   * queue only (a consumer's): its inbox keeps the replay idempotent. Answers how many were sent.
   */
  async replayEvents(request: { type: string; from: Date; to: Date; queue: string }): Promise<number> {
    let sent = 0;
    let after = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (em) => {
        const rows: { position: string; event: CloudEvent }[] = await em.query(
          `SELECT position, event FROM ${this.schema}.outbox
            WHERE type = $1 AND published_at IS NOT NULL AND created_at >= $2 AND created_at < $3 AND position > $4
            ORDER BY position LIMIT 200`,
          [request.type, request.from, request.to, after],
        );
        const db = await executorFor(em);
        for (const row of rows) await this.bus.send(request.queue, row.event, { db });
        return rows;
      });
      sent += batch.length;
      if (batch.length < 200 || sent >= MAX_EVENT_REPLAY) return sent;
      after = Number(batch[batch.length - 1].position);
    }
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
    await inSendSpan({ system: QUEUE_SYSTEM, destination: queue, correlationId: context?.correlationId }, async (traceparent, setMessageId) => {
      const carriedTrace = traceparent ?? (context && traceparentOf(context));
      const carried = carriedTrace ? { ...data, [JOB_CONTEXT]: { correlationid: context?.correlationId, traceparent: carriedTrace } } : data;
      const worker = this.workers.find((w) => w.queue === queue);
      const priority = options.priority ?? this.tiers[worker?.tier ?? 1].priority;
      const id = await this.bus.send(queue, carried, { ...options, priority, db: await executorFor(em) });
      if (id) setMessageId(id);
    });
  }

  /**
   * Discards a dead letter with a reason; when the step is one of this app's, its flow's
   * `onDiscard` runs in the same transaction.
   */
  discardDeadLetter(workId: string, by: string, reason: string): ReturnType<StepLedger['discard']> {
    return this.ledger.discard(workId, by, reason, async (step, em) => {
      if (step.app !== this.options.appName) return;
      const worker = this.workers.find((w) => w.queue === step.queue);
      const consumer = this.consumers.find((c) => this.queueName(c.name) === step.queue);
      await (worker ?? consumer)?.onDiscard?.(step.payload as never, reason, em);
    });
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
    await this.ledger.repository.ensureTables();
    this.stopped = false;
    for (const consumer of this.consumers) {
      const queue = this.queueName(consumer.name);
      await this.bus.ensureQueue(queue, EXPIRY_RETRY);
      for (const type of consumer.eventTypes) await this.bus.subscribe(type, queue);
      this.bus.work(queue, (job) => this.consume(consumer, queue, job));
    }
    for (const worker of this.workers) {
      await this.bus.ensureQueue(worker.queue, EXPIRY_RETRY);
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

  /**
   * Kicks the relay once the caller's transaction has committed (its rows are visible then), and
   * once for all the transactions that commit within KICK_COALESCE_MS: one relay pass moves them
   * all. Outside a transaction the row is there already.
   */
  private kickAfterCommit(em: EntityManager): void {
    const runner = em.queryRunner;
    if (runner?.isTransactionActive) (runner.data as Record<symbol, unknown>)[this.kickOnCommit] = true;
    else this.kickSoon();
  }

  private kickSoon(): void {
    if (this.kickTimer) return;
    this.kickTimer = setTimeout(() => {
      this.kickTimer = undefined;
      this.kick();
    }, KICK_COALESCE_MS);
    this.kickTimer.unref();
  }

  /** Kicks the relay after the commit of a transaction that published (see kickAfterCommit). */
  private watchCommits(): void {
    const subscriber: EntitySubscriberInterface = {
      // The outermost commit writes what the transaction published (a savepoint's release keeps it for the outer one).
      beforeTransactionCommit: async ({ queryRunner }) => {
        const data = queryRunner.data as Record<symbol, PendingEvent[] | undefined> | undefined;
        const pending = data?.[this.pendingEvents];
        if (!pending?.length || transactionDepth(queryRunner) > 1) return;
        delete data![this.pendingEvents];
        await this.writeEvents(queryRunner, pending.map((p) => p.row));
      },
      // A rollback drops what was published since the transaction (or the savepoint) began.
      beforeTransactionRollback: ({ queryRunner }) => {
        const data = queryRunner.data as Record<symbol, PendingEvent[] | undefined> | undefined;
        const pending = data?.[this.pendingEvents];
        if (!pending) return;
        const depth = transactionDepth(queryRunner);
        data[this.pendingEvents] = pending.filter((p) => p.depth < depth);
      },
      afterTransactionCommit: ({ queryRunner }) => {
        const data = queryRunner.data as Record<symbol, unknown> | undefined;
        if (queryRunner.isTransactionActive || !data?.[this.kickOnCommit]) return;
        delete data[this.kickOnCommit];
        this.kickSoon();
      },
      afterTransactionRollback: ({ queryRunner }) => {
        if (!queryRunner.isTransactionActive) delete (queryRunner.data as Record<symbol, unknown> | undefined)?.[this.kickOnCommit];
      },
    };
    this.dataSource.subscribers.push(subscriber);
  }

  private consume(consumer: EventConsumer, queue: string, job: PgBoss.Job<unknown>): Promise<void | 'settled'> {
    const { data, meta } = splitJobData(job.data);
    const event = data as unknown as CloudEvent;
    const message = {
      system: QUEUE_SYSTEM,
      destination: queue,
      messageId: job.id,
      correlationId: event.correlationid,
      attributes: { ...cloudEventAttributes(event), [ATTR_MESSAGING_CONSUMER_GROUP_NAME]: consumer.name, [ATTR_STEP_ATTEMPT]: (meta.attempt ?? 0) + 1 },
    } as const;
    // Handle the event in the context it was published in: its calls and events continue the trace
    // (with tracing on, under a `process` span whose parent is the event's `send` span).
    return inProcessSpan(message, event.traceparent, () => {
      const context = contextFrom(event.correlationid ?? event.id, event.traceparent);
      return runInContext(context, () =>
        this.runStep({ queue, flow: consumer.flow ?? consumer.name, tier: consumer.tier ?? 1, job, meta, context, payload: event, policy: consumer }, (step) =>
          failingTheSpan(() => this.handleOnce(consumer, event, step)),
        ),
      );
    });
  }

  /** Runs a job in the context it was enqueued in (a fresh one for a job from before contexts were carried). */
  private runJob(worker: JobWorker<unknown>, job: PgBoss.Job<unknown>): Promise<void | 'settled'> {
    const { data, meta } = splitJobData(job.data);
    const message = {
      system: QUEUE_SYSTEM,
      destination: worker.queue,
      messageId: job.id,
      correlationId: meta.context?.correlationid,
      attributes: { [ATTR_STEP_ATTEMPT]: (meta.attempt ?? 0) + 1 },
    } as const;
    // With tracing on, a `process` span whose parent is the enqueuer's `send` span (a retry's: the failed attempt's).
    return inProcessSpan(message, meta.context?.traceparent, () => {
      const context = contextFrom(meta.context?.correlationid ?? job.id, meta.context?.traceparent);
      return runInContext(context, () =>
        this.runStep({ queue: worker.queue, flow: worker.flow ?? worker.queue, tier: worker.tier ?? 1, job, meta, context, payload: data, policy: worker }, (step) =>
          failingTheSpan(() => worker.handle(data, job, step)),
        ),
      );
    });
  }

  /**
   * Runs one attempt of a step. When it fails, the tier's policy decides: another attempt later (a
   * new job, with capped backoff) or a dead letter; either way the ledger records the attempt and
   * the failed job is completed in the same transaction, so nothing is lost or done twice.
   */
  private async runStep<T>(
    step: { queue: string; flow: string; tier: Tier; job: PgBoss.Job<unknown>; meta: StepMeta; context: RequestContext; payload: T; policy: StepPolicy<T> },
    work: (settler: JobStep) => Promise<void>,
  ): Promise<void | 'settled'> {
    const workId = step.meta.work ?? step.job.id;
    let settled = false;
    const settler: JobStep = {
      settle: async (em) => {
        if (step.meta.work) await this.ledger.repository.recordRecovered(em, workId);
        await this.bus.boss.complete(step.queue, step.job.id, {}, { db: await executorFor(em) });
        settled = true;
      },
    };
    try {
      await work(settler);
      if (settled) return 'settled';
      if (step.meta.work) await this.dataSource.transaction((em) => this.ledger.repository.recordRecovered(em, workId));
      return;
    } catch (error) {
      const attempt = (step.meta.attempt ?? 0) + 1;
      const failure = classifyFailure(error);
      const policy = this.tiers[step.tier];
      const deadLetter =
        failure.retry === 'never' ||
        (failure.retry === 'bounded' && attempt >= policy.maxAttempts) ||
        (failure.retry === 'outage' && policy.outageAttempts > 0 && attempt >= policy.outageAttempts);
      const waitSeconds = failure.errorClass === 'waiting' ? Math.min(retryDelaySeconds(policy, attempt), MAX_WAIT_FOR_TURN_SECONDS) : retryDelaySeconds(policy, attempt);
      const labels = step.policy.labels?.(step.payload) ?? {};
      await this.dataSource.transaction(async (em) => {
        const db = await executorFor(em);
        const base = {
          workId,
          app: this.options.appName,
          queue: step.queue,
          flow: step.flow,
          tier: step.tier,
          labels,
          payload: step.payload,
          attempt,
          jobId: step.job.id,
          failure,
          correlationId: step.context.correlationId,
          traceId: step.context.traceId,
          traceparent: traceparentOf(step.context),
        };
        if (deadLetter) {
          await this.ledger.repository.recordFailure(em, { ...base, outcome: { kind: 'dead-letter' } });
          await step.policy.onDeadLetter?.(step.payload, { id: workId, reason: failure.message, errorClass: failure.errorClass }, em);
        } else {
          const data = {
            ...(step.payload as Record<string, unknown>),
            [STEP_KEYS.context]: { correlationid: step.context.correlationId, traceparent: traceparentOf(step.context) },
            [STEP_KEYS.work]: workId,
            [STEP_KEYS.attempt]: attempt,
          };
          const nextJobId = await this.bus.send(step.queue, data, { startAfter: waitSeconds, priority: policy.priority, db });
          await this.ledger.repository.recordFailure(em, { ...base, outcome: { kind: 'retry', nextAttemptAt: new Date(Date.now() + waitSeconds * 1000), nextJobId } });
        }
        await this.bus.boss.complete(step.queue, step.job.id, {}, { db });
      });
      this.metrics?.stepFailed(step.flow, step.tier, deadLetter ? 'dead-letter' : 'retry');
      const next = deadLetter ? `dead letter ${workId}` : `attempt ${attempt + 1} in ${waitSeconds} s`;
      this.logger.warn(`${step.queue}: ${failure.message} (${failure.errorClass}, attempt ${attempt}; ${next})`);
      return 'settled';
    }
  }

  /** The event's inbox row, its handling and its job's completion commit together. */
  private async handleOnce(consumer: EventConsumer, event: CloudEvent, step: JobStep): Promise<void> {
    let duplicate = false;
    await this.dataSource.transaction(async (em) => {
      const rows: unknown[] = await em.query(
        `INSERT INTO ${this.schema}.inbox (consumer, event_id, event_type) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [consumer.name, event.id, event.type],
      );
      if (rows.length === 0) duplicate = true;
      else await consumer.handle(event, em);
      await step.settle(em);
    });
    if (duplicate) this.logger.debug(`${consumer.name}: ignored duplicate event ${event.id}`);
  }

  private scheduleRelay(delayMs: number): void {
    if (this.stopped) return;
    if (this.relayTimer) clearTimeout(this.relayTimer);
    this.relayTimer = setTimeout(() => {
      // A request's publish wakes the relay: its passes (and the timers they set) must not join that request's trace.
      this.relayRunning = withoutActiveSpan(() =>
        this.relayOnce()
          .then(() => this.sweepOutbox())
          .catch((error: Error) => this.logger.warn(`outbox relay: ${error.message}`))
          .finally(() => {
            this.relayRunning = undefined;
            const again = this.relayAgain;
            this.relayAgain = false;
            this.scheduleRelay(again ? 0 : (this.options.relayIntervalMs ?? DEFAULT_RELAY_INTERVAL_MS));
          }),
      );
    }, delayMs);
    this.relayTimer.unref();
  }

  /** Now and then, deletes published events older than the retention (in batches, so no long lock). */
  private async sweepOutbox(): Promise<void> {
    if (Date.now() - this.lastSweep < OUTBOX_SWEEP_INTERVAL_MS) return;
    this.lastSweep = Date.now();
    const hours = this.options.outboxRetentionHours ?? OUTBOX_RETENTION_HOURS;
    for (;;) {
      // A CTE, so the answer is rows (TypeORM answers a bare DELETE with [rows, count]).
      const [{ n }]: { n: string }[] = await this.dataSource.query(
        `WITH swept AS (
           DELETE FROM ${this.schema}.outbox WHERE position IN (
             SELECT position FROM ${this.schema}.outbox WHERE published_at < now() - $1 * interval '1 hour' ORDER BY position LIMIT 1000
           ) RETURNING position
         ) SELECT count(*) AS n FROM swept`,
        [hours],
      );
      if (Number(n) < 1000 || this.stopped) return;
    }
  }

  /**
   * Moves up to a batch of outbox rows onto the bus, in one statement (so one transaction) with
   * marking them sent. pg-boss delivers an event only to the queues subscribed to its type when it
   * is published. An app that starts before its consumers (the launcher starts the system APIs
   * first) would lose what it announces at start-up, so an event nobody subscribes to yet waits in
   * the outbox, for SUBSCRIBER_GRACE_MINUTES at most, and goes out once a consumer subscribes.
   */
  private async relayOnce(): Promise<void> {
    let moved = 0;
    do {
      const [row]: { moved: number }[] = await this.dataSource.query(this.relaySql, [
        SUBSCRIBER_GRACE_MINUTES,
        this.bus.wakeChannel.channel,
        this.bus.wakeChannel.enabled,
        this.bus.defaultExpirySeconds,
      ]);
      moved = row.moved;
    } while (moved === RELAY_BATCH && !this.stopped);
  }

  /**
   * The relay's statement: lock a batch of unsent rows, each with the queues subscribed to its type;
   * insert a pg-boss job per row and queue, with the queue's policy as pg-boss's own insert does
   * (retry limit, delay and backoff, expiry, retention, dead-letter queue; pg-boss's defaults where
   * the queue sets none); mark the rows sent; wake the queues' workers (pg_notify, delivered on
   * commit). One round trip, and an idle pass (nothing to move) is one cheap SELECT.
   */
  private relayStatement(): string {
    const subscriptions = this.bus.subscriptionTable;
    return `
      WITH batch AS (
        SELECT o.position, o.event, ARRAY(SELECT s.name FROM ${subscriptions} s WHERE s.event = o.type) AS queues
          FROM ${this.schema}.outbox o
         WHERE o.published_at IS NULL
           AND (EXISTS (SELECT 1 FROM ${subscriptions} s WHERE s.event = o.type) OR o.created_at < now() - $1 * interval '1 minute')
         ORDER BY o.position LIMIT ${RELAY_BATCH} FOR UPDATE OF o SKIP LOCKED
      ), jobs AS (
        INSERT INTO ${this.bus.jobTable} (id, name, data, priority, start_after, dead_letter, expire_in, keep_until, retry_limit, retry_delay, retry_backoff, policy)
        SELECT gen_random_uuid(), q.name, b.event, 0, now(), q.dead_letter,
               COALESCE(q.expire_seconds, $4::int) * interval '1s',
               now() + COALESCE(q.retention_minutes * interval '1 minute', interval '14 days'),
               COALESCE(q.retry_limit, 2),
               CASE WHEN COALESCE(q.retry_backoff, false) THEN GREATEST(COALESCE(q.retry_delay, 0), 1) ELSE COALESCE(q.retry_delay, 0) END,
               COALESCE(q.retry_backoff, false),
               q.policy
          FROM batch b CROSS JOIN LATERAL unnest(b.queues) AS subscribed (queue)
          JOIN ${this.bus.queueTable} q ON q.name = subscribed.queue
        ON CONFLICT DO NOTHING
        RETURNING name
      ), sent AS (
        UPDATE ${this.schema}.outbox o SET published_at = now(), attempts = o.attempts + 1 FROM batch b WHERE o.position = b.position
      )
      SELECT (SELECT count(*) FROM batch)::int AS moved,
             (SELECT count(pg_notify($2, 'q:' || w.name)) FROM (SELECT DISTINCT name FROM jobs) w WHERE $3::bool)::int AS woken`;
  }
}
