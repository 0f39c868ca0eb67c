import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

/** The first key of the two-key advisory locks that mark a live owner (ASCII "THIK"). */
export const OWNER_LOCK_SPACE = 0x5448494b;

/**
 * This process's mark on the Idempotency-Keys it has in flight: a session-level advisory lock
 * (OWNER_LOCK_SPACE, a random id) held on a connection of its own for the life of the process.
 * PostgreSQL releases the lock the moment that session ends, which it does as soon as the process
 * dies (kill -9, a crash, an OOM kill): a key whose owner's lock is gone is taken over at once,
 * instead of answering 409 until `inFlightTimeoutSeconds` have passed.
 *
 * If the session is lost while the process lives, the keys it marked look abandoned; the process
 * had lost its database then, and its requests' own writes fail with it. It reconnects with a
 * new id. Without a lock (the database unreachable at start) keys are claimed unmarked and only
 * the timeout frees them, as before.
 */
@Injectable()
export class IdempotencyKeyOwner implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Idempotency');
  private client?: Client;
  private lockId: number | null = null;
  private retry?: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly dataSource: DataSource) {}

  /** The id of the lock this process holds now, or null while it holds none. */
  get current(): number | null {
    return this.lockId;
  }

  async onModuleInit(): Promise<void> {
    await this.connect().catch((error: Error) => this.reconnectLater(error));
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    this.lockId = null;
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const { url } = this.dataSource.options as PostgresConnectionOptions;
    const client = new Client({ connectionString: url, application_name: 'threadline:idempotency-owner' });
    client.on('error', (error: Error) => this.reconnectLater(error));
    await client.connect();
    // A random id another live process may hold already: try another.
    for (let tries = 0; tries < 10; tries++) {
      const id = randomInt(1, 2 ** 31 - 1);
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [OWNER_LOCK_SPACE, id]);
      if (rows[0].locked) {
        if (this.closed) {
          await client.end();
          return;
        }
        this.client = client;
        this.lockId = id;
        return;
      }
    }
    await client.end();
    throw new Error('no free owner lock id after 10 tries');
  }

  private reconnectLater(error: Error): void {
    if (this.closed || this.retry) return;
    this.lockId = null;
    const lost = this.client;
    this.client = undefined;
    void lost?.end().catch(() => undefined);
    this.logger.warn(`owner session lost (${error.message}); keys claimed from now on are freed by the timeout until it is back`);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.connect().catch((next: Error) => this.reconnectLater(next));
    }, 5_000);
    this.retry.unref();
  }
}
