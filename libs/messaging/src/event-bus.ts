import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import PgBoss from 'pg-boss';
import { quoteIdent } from '@threadline/platform';
import type { SqlExecutor } from './sql-executor';

export interface RetryPolicy {
  /** Attempts after the first. */
  retryLimit: number;
  /** Seconds before the first retry; doubles each time (pg-boss adds jitter). */
  retryDelaySeconds: number;
}

/**
 * pg-boss's own retries, for a job whose worker died (it expires) or whose failure could not even be
 * recorded. A failing step's retries and dead letters are MessagingService's (by integration tier,
 * with capped backoff and a ledger); this policy only makes sure such a job is taken up again.
 */
export const EXPIRY_RETRY: RetryPolicy = { retryLimit: 50, retryDelaySeconds: 1 };

export interface EventBusOptions {
  databaseUrl: string;
  applicationName: string;
  /** Postgres schema pg-boss keeps its queues in; shared by all apps like a broker. */
  schema?: string;
  poolSize?: number;
  /**
   * Wake workers when a job is sent or an event published (Postgres NOTIFY, delivered on commit,
   * to every app on the database) instead of waiting for their next poll. Polling stays the
   * fallback, so a lost notification only costs the polling interval. Default true.
   */
  notifyWorkers?: boolean;
  /**
   * Seconds an active job may go without its worker's heartbeat before pg-boss fails it by timeout
   * and retries it: about how long the jobs of a worker that died wait. Default 30.
   */
  jobExpirySeconds?: number;
  /** How often pg-boss's maintenance (which expires those jobs) runs, in seconds. Default 10. */
  maintenanceIntervalSeconds?: number;
}

/**
 * Crash recovery. pg-boss 10 takes a job whose worker died up again only when it expires: its
 * maintenance fails an active job once `started_on + expire_in` has passed and retries it (while
 * `retry_count < retry_limit`). A short expiry and frequent maintenance bring such jobs back within
 * expiry + maintenance interval (+ the retry delay); a heartbeat keeps a long step of a live worker
 * from expiring (QueueWorker).
 */
export const DEFAULT_JOB_EXPIRY_SECONDS = 30;
export const DEFAULT_MAINTENANCE_INTERVAL_SECONDS = 10;

/**
 * How often an idle queue's worker looks for jobs nobody woke it for. Sends wake the workers
 * (NOTIFY on commit) and a job this process delays wakes its worker when due, so polling only
 * catches what those miss (a lost notification, another process's delayed job, pg-boss's own
 * retries): each poll is a transaction, per queue and process, busy or not.
 */
export const DEFAULT_POLLING_INTERVAL_SECONDS = 2;

/**
 * Handles one job. Resolving to 'settled' says the handler already completed the job itself, in the
 * transaction that rescheduled it or recorded it as a dead letter; the worker then leaves it alone.
 */
export type JobHandler<T> = (job: PgBoss.Job<T>) => Promise<void | 'settled'>;

export interface WorkOptions {
  /** Jobs of this queue handled at once by this process. Default 5. */
  batchSize?: number;
  /** How long an idle worker waits before it looks for jobs again (unless woken). Default DEFAULT_POLLING_INTERVAL_SECONDS. */
  pollingIntervalSeconds?: number;
}

/**
 * One queue's worker: keeps up to `concurrency` jobs in flight, each completed or failed on its
 * own, and fetches more as soon as a slot frees while the queue has a backlog. It waits the
 * polling interval only when the queue is empty, and a wake-up ends that wait early.
 *
 * While a handler runs, the worker beats for its job: every `heartbeatMs` it moves the job's
 * `started_on` forward, so pg-boss's expiry (`started_on + expire_in`) takes up only the jobs of a
 * worker that died, never a long step of a live one. pg-boss 10 has no heartbeat of its own; the
 * transport owns this one. A job leaves the heartbeat as soon as its handler returns or throws.
 */
class QueueWorker<T> {
  private readonly inFlight = new Set<Promise<void>>();
  /** Job id -> when its handler started, while the handler runs. */
  private readonly running = new Map<string, number>();
  private stopping = false;
  private woken = false;
  private wakeUp?: () => void;
  private loop?: Promise<void>;
  private heartbeat?: NodeJS.Timeout;
  private beating = false;

  constructor(
    private readonly boss: PgBoss,
    /** pg-boss's job table, `<schema>.job`. */
    private readonly jobTable: string,
    readonly queue: string,
    private readonly handler: JobHandler<T>,
    private readonly concurrency: number,
    private readonly idleMs: number,
    private readonly heartbeatMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.loop = this.run();
    this.heartbeat = setInterval(() => void this.beat(), this.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Looks for jobs now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Stops fetching and waits for the jobs in flight (they keep their heartbeat meanwhile). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    await Promise.all(this.inFlight);
    this.stopHeartbeat();
  }

  /** A job still running after this is left to expire, and pg-boss retries it. */
  stopHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.running.clear();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const free = this.concurrency - this.inFlight.size;
      if (free <= 0) {
        await this.pause(Promise.race(this.inFlight));
        continue;
      }
      this.woken = false;
      // pg-boss's fetch answers [] when the database cannot be reached; the wait below paces retries.
      const jobs = await this.boss.fetch<T>(this.queue, { batchSize: free });
      for (const job of jobs) this.handle(job);
      // Fewer than asked for: the queue is drained for now.
      if (jobs.length < free && !this.woken) await this.pause(delay(this.idleMs));
    }
  }

  private handle(job: PgBoss.Job<T>): void {
    const running = (async () => {
      try {
        if ((await this.runHandler(job)) !== 'settled') await this.boss.complete(this.queue, job.id);
      } catch (error) {
        const e = error as Error;
        // pg-boss retries it with backoff, then moves it to the dead-letter queue.
        this.logger.warn(`${this.queue}: job ${job.id} failed: ${e.message}`);
        await this.boss.fail(this.queue, job.id, { message: e.message, name: e.name }).catch((failError: Error) => {
          // The job stays active; pg-boss expires it and retries it later.
          this.logger.warn(`${this.queue}: job ${job.id} could not be marked failed: ${failError.message}`);
        });
      }
    })().finally(() => this.inFlight.delete(running));
    this.inFlight.add(running);
  }

  /** Runs the handler with its job in the heartbeat, and takes it out however the handler ends. */
  private async runHandler(job: PgBoss.Job<T>): Promise<void | 'settled'> {
    this.running.set(job.id, Date.now());
    try {
      return await this.handler(job);
    } finally {
      this.running.delete(job.id);
    }
  }

  /** Moves `started_on` forward for the jobs whose handler has run for a heartbeat or longer. */
  private async beat(): Promise<void> {
    const now = Date.now();
    const due = [...this.running].filter(([, since]) => now - since >= this.heartbeatMs).map(([id]) => id);
    if (this.beating || due.length === 0) return;
    this.beating = true;
    try {
      // SKIP LOCKED: a job whose row a handler's transaction holds (it is settling the job) needs no
      // beat, and waiting for that transaction would hold one of pg-boss's few pool connections.
      // The last SELECT reads the jobs that got no beat, as they were before this statement.
      const { rows }: { rows: Array<{ id: string; state: string }> } = await this.boss.getDb().executeSql(
        `WITH live AS (
           SELECT id FROM ${this.jobTable} WHERE name = $1 AND id = ANY($2::uuid[]) AND state = 'active' FOR UPDATE SKIP LOCKED
         ), beaten AS (
           UPDATE ${this.jobTable} j SET started_on = now() FROM live WHERE j.name = $1 AND j.id = live.id RETURNING j.id
         )
         SELECT id, state FROM ${this.jobTable} WHERE name = $1 AND id = ANY($2::uuid[]) AND id NOT IN (SELECT id FROM beaten)`,
        [this.queue, due],
      );
      for (const { id, state } of rows) {
        // A handler never fails its own job before it returns, so these were failed by timeout: the
        // heartbeat came too late (database unreachable, event loop blocked) and the job runs again.
        if (state !== 'retry' && state !== 'failed') continue;
        this.logger.warn(`${this.queue}: job ${id} expired while its handler still ran (state ${state}); pg-boss takes it up again`);
        this.running.delete(id);
      }
    } catch (error) {
      // The next beat tries again; until expire_in passes the job is safe.
      this.logger.warn(`${this.queue}: heartbeat failed: ${(error as Error).message}`);
    } finally {
      this.beating = false;
    }
  }

  /** Waits for `until`, a wake-up or a stop, whichever comes first. */
  private async pause(until: Promise<unknown>): Promise<void> {
    if (this.stopping) return;
    await new Promise<void>((resolve) => {
      this.wakeUp = resolve;
      void until.then(
        () => resolve(),
        () => resolve(),
      );
    });
    this.wakeUp = undefined;
  }
}

/** A timer that does not keep the process alive. */
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * The Postgres transport: pg-boss queues in the same database, so an event or a command can be
 * enqueued inside the transaction that changes the state behind it.
 */
export class EventBus {
  readonly boss: PgBoss;
  private started = false;
  private readonly logger = new Logger(EventBus.name);
  private readonly workers = new Map<string, QueueWorker<unknown>>();
  /** Event type -> the queues of this process subscribed to it (to wake them on a publish). */
  private readonly subscriptions = new Map<string, Set<string>>();
  private readonly channel: string;
  private listener?: Client;
  private listenRetry?: NodeJS.Timeout;
  private readonly jobExpirySeconds: number;

  constructor(private readonly options: EventBusOptions) {
    // One notification channel per pg-boss schema: the apps sharing the queues share it.
    this.channel = `${options.schema ?? 'pgboss'}_wake`;
    this.jobExpirySeconds = options.jobExpirySeconds ?? DEFAULT_JOB_EXPIRY_SECONDS;
    this.boss = new PgBoss({
      connectionString: options.databaseUrl,
      schema: options.schema ?? 'pgboss',
      max: options.poolSize ?? 4,
      application_name: options.applicationName,
      schedule: false,
      // Crash recovery (see DEFAULT_JOB_EXPIRY_SECONDS): the default for jobs of queues created
      // elsewhere; ensureQueue sets the same on the queue.
      expireInSeconds: this.jobExpirySeconds,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? DEFAULT_MAINTENANCE_INTERVAL_SECONDS,
    });
    this.boss.on('error', () => undefined);
  }

  async start(): Promise<void> {
    if (this.started) return;
    await retryOnContention(() => this.boss.start());
    this.started = true;
    if (this.options.notifyWorkers ?? true) await this.listen();
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    if (this.listenRetry) clearTimeout(this.listenRetry);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    // Jobs in flight may finish (as pg-boss's graceful stop allowed them); one that hangs is left
    // active, and pg-boss expires and retries it.
    await Promise.race([Promise.all([...this.workers.values()].map((w) => w.stop())), delay(10_000)]);
    for (const worker of this.workers.values()) worker.stopHeartbeat();
    this.workers.clear();
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  /**
   * LISTENs on the wake-up channel on a connection of its own. When it cannot (or loses the
   * connection), workers still poll; it tries again a few seconds later.
   */
  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.options.databaseUrl, application_name: `${this.options.applicationName}:wake` });
    const retry = (error: Error) => {
      if (this.listener !== client) return;
      this.listener = undefined;
      void client.end().catch(() => undefined);
      if (!this.started) return;
      this.logger.warn(`wake-up listener: ${error.message}; workers poll until it is back`);
      this.listenRetry = setTimeout(() => void this.listen(), 5_000);
      this.listenRetry.unref();
    };
    client.on('error', retry);
    client.on('notification', (message) => this.onWake(message.payload ?? ''));
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      retry(error as Error);
    }
  }

  /** `q:<queue>` after a job was sent or an event relayed to the queue; `e:<event type>` from instances of before the relay's batches. */
  private onWake(payload: string): void {
    const queues = payload.startsWith('q:') ? [payload.slice(2)] : payload.startsWith('e:') ? [...(this.subscriptions.get(payload.slice(2)) ?? [])] : [];
    for (const queue of queues) this.workers.get(queue)?.wake();
  }

  /** Notifies the listening apps, on `db` (delivered when its transaction commits) or on its own. */
  private async notify(payload: string, db?: SqlExecutor): Promise<void> {
    if (!(this.options.notifyWorkers ?? true)) return;
    const sql = 'SELECT pg_notify($1, $2)';
    if (db) await db.executeSql(sql, [this.channel, payload]);
    else await this.boss.getDb().executeSql(sql, [this.channel, payload]);
  }

  /** Creates the queue and its dead-letter queue (idempotent, and safe when replicas race). */
  async ensureQueue(name: string, retry: RetryPolicy = EXPIRY_RETRY): Promise<void> {
    await retryOnContention(() => this.createQueues(name, retry));
  }

  private async createQueues(name: string, retry: RetryPolicy): Promise<void> {
    const deadLetter = `${name}.dead`;
    if (!(await this.boss.getQueue(deadLetter))) await this.boss.createQueue(deadLetter);
    const options = {
      name,
      retryLimit: retry.retryLimit,
      retryDelay: retry.retryDelaySeconds,
      retryBackoff: true,
      deadLetter,
      retentionMinutes: 60 * 24 * 7,
      // A dead worker's job is taken up when it expires; the retry limit must leave room for that.
      expireInSeconds: this.jobExpirySeconds,
    };
    if (await this.boss.getQueue(name)) await this.boss.updateQueue(name, options);
    else await this.boss.createQueue(name, options);
  }

  /** The event types some queue on this database subscribes to (every app's, not only this one's). */
  /** pg-boss's table of subscriptions (event type to queue), for SQL that asks whether a type has any. */
  get subscriptionTable(): string {
    return `${quoteIdent(this.options.schema ?? 'pgboss')}.subscription`;
  }

  async subscribe(eventType: string, queue: string): Promise<void> {
    await this.boss.subscribe(eventType, queue);
    this.subscriptions.set(eventType, new Set([...(this.subscriptions.get(eventType) ?? []), queue]));
  }

  /** pg-boss's tables of jobs and of queues (their policies), for the outbox relay's one statement. */
  get jobTable(): string {
    return `${quoteIdent(this.options.schema ?? 'pgboss')}.job`;
  }

  get queueTable(): string {
    return `${quoteIdent(this.options.schema ?? 'pgboss')}.queue`;
  }

  /** How a job's workers are woken once it commits: `pg_notify(channel, 'q:' || queue)`; `enabled` false when notifications are off. */
  get wakeChannel(): { channel: string; enabled: boolean } {
    return { channel: this.channel, enabled: this.options.notifyWorkers ?? true };
  }

  /** How long a job runs before it expires when its queue sets nothing (pg-boss's default as configured here). */
  get defaultExpirySeconds(): number {
    return this.jobExpirySeconds;
  }

  async send(queue: string, data: object, options: PgBoss.SendOptions & { db?: SqlExecutor } = {}): Promise<string | null> {
    const id = await this.boss.send(queue, data, options);
    // A job due later: waking anyone now would find nothing; this process's worker is woken when it
    // is due (polling finds it otherwise).
    if (!options.startAfter) await this.notify(`q:${queue}`, options.db);
    else this.wakeWhenDue(queue, options.startAfter);
    return id;
  }

  /** Wakes this process's worker of the queue when a job sent with `startAfter` becomes due. */
  private wakeWhenDue(queue: string, startAfter: number | string | Date): void {
    const due = typeof startAfter === 'number' ? Date.now() + startAfter * 1000 : new Date(startAfter).getTime();
    // Far-off jobs (a release window opening tomorrow) are left to polling; a timer per job would pile up.
    const inMs = due - Date.now();
    if (!Number.isFinite(inMs) || inMs > 10 * 60_000) return;
    // pg-boss compares start_after with the database's clock: a little after due, so the fetch finds it.
    setTimeout(() => this.workers.get(queue)?.wake(), Math.max(0, inMs) + 50).unref();
  }

  /**
   * Runs `handler` for each job, up to `batchSize` at once; a job that throws is failed on its own
   * (and retried by pg-boss) without failing the others. A backlog is worked off without pauses.
   */
  work<T>(queue: string, handler: JobHandler<T>, options: WorkOptions = {}): void {
    // Beats six times per expiry, so a slow database or a busy event loop can miss a few.
    const heartbeatMs = Math.max(250, (this.jobExpirySeconds * 1000) / 6);
    const jobTable = `${this.options.schema ?? 'pgboss'}.job`;
    const idleMs = (options.pollingIntervalSeconds ?? DEFAULT_POLLING_INTERVAL_SECONDS) * 1000;
    const worker = new QueueWorker<T>(this.boss, jobTable, queue, handler, options.batchSize ?? 5, idleMs, heartbeatMs, this.logger);
    this.workers.set(queue, worker as QueueWorker<unknown>);
    worker.start();
  }
}

/**
 * Apps that start at the same moment against a fresh database race to create pg-boss's schema and
 * queues; Postgres resolves that with a deadlock or a unique violation for the loser, who only
 * needs to try again.
 */
async function retryOnContention<T>(action: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= attempts || !['40P01', '23505', '40001', '42P07'].includes(code ?? '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt + Math.random() * 200));
    }
  }
}
