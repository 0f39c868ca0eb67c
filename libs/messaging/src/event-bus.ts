import { Logger } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { SqlExecutor } from './sql-executor';

export interface RetryPolicy {
  /** Attempts after the first. */
  retryLimit: number;
  /** Seconds before the first retry; doubles each time (pg-boss adds jitter). */
  retryDelaySeconds: number;
}

/** Tier-1 flows (engineering release, scheduling): persistent retries before a dead letter. */
export const TIER1_RETRY: RetryPolicy = { retryLimit: 10, retryDelaySeconds: 1 };

export interface EventBusOptions {
  databaseUrl: string;
  applicationName: string;
  /** Postgres schema pg-boss keeps its queues in; shared by all apps like a broker. */
  schema?: string;
  poolSize?: number;
}

export type JobHandler<T> = (job: PgBoss.Job<T>) => Promise<void>;

/**
 * The Postgres transport: pg-boss queues in the same database, so an event or a command can be
 * enqueued inside the transaction that changes the state behind it.
 */
export class EventBus {
  readonly boss: PgBoss;
  private started = false;
  private readonly logger = new Logger(EventBus.name);

  constructor(options: EventBusOptions) {
    this.boss = new PgBoss({
      connectionString: options.databaseUrl,
      schema: options.schema ?? 'pgboss',
      max: options.poolSize ?? 4,
      application_name: options.applicationName,
      schedule: false,
    });
    this.boss.on('error', () => undefined);
  }

  async start(): Promise<void> {
    if (this.started) return;
    await retryOnContention(() => this.boss.start());
    this.started = true;
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  /** Creates the queue and its dead-letter queue (idempotent, and safe when replicas race). */
  async ensureQueue(name: string, retry: RetryPolicy = TIER1_RETRY): Promise<void> {
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
    };
    if (await this.boss.getQueue(name)) await this.boss.updateQueue(name, options);
    else await this.boss.createQueue(name, options);
  }

  async subscribe(eventType: string, queue: string): Promise<void> {
    await this.boss.subscribe(eventType, queue);
  }

  async publish(eventType: string, data: object, db?: SqlExecutor): Promise<void> {
    await this.boss.publish(eventType, data, db ? ({ db } as PgBoss.SendOptions) : {});
  }

  async send(queue: string, data: object, options: PgBoss.SendOptions & { db?: SqlExecutor } = {}): Promise<string | null> {
    return this.boss.send(queue, data, options as PgBoss.SendOptions);
  }

  /**
   * Runs `handler` for each job; a job that throws is failed on its own (and retried by pg-boss)
   * without failing the others fetched in the same batch.
   */
  async work<T>(queue: string, handler: JobHandler<T>, options: { batchSize?: number; pollingIntervalSeconds?: number } = {}): Promise<void> {
    await this.boss.work<T>(
      queue,
      { batchSize: options.batchSize ?? 5, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5 },
      async (jobs) => {
        await Promise.all(
          jobs.map(async (job) => {
            try {
              await handler(job);
            } catch (error) {
              const e = error as Error;
              // pg-boss retries it with backoff, then moves it to the dead-letter queue.
              this.logger.warn(`${queue}: job ${job.id} failed: ${e.message}`);
              await this.boss.fail(queue, job.id, { message: e.message, name: e.name });
            }
          }),
        );
      },
    );
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
