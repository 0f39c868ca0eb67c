import { CallHandler, DynamicModule, ExecutionContext, Inject, Injectable, Logger, Module, NestInterceptor, OnModuleDestroy, OnModuleInit, RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { HttpAdapterHost, ModulesContainer } from '@nestjs/core';
import { createHash } from 'node:crypto';
import { catchError, concatMap, from, map, Observable, of, switchMap, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import { AppError } from '../errors/app-error';
import { quoteIdent } from '../database/database.module';
import { IdempotencyKeyOwner, OWNER_LOCK_SPACE } from './idempotency-key-owner';

export interface IdempotencyOptions {
  /** The app's schema, holding idempotency_keys (see idempotencyTableMigration). */
  schema: string;
  /** How long a key is remembered. */
  ttlHours?: number;
  /**
   * After this long a key still "in flight" is taken to be abandoned and the next request with it
   * runs, instead of getting 409 until the key expires. A key whose owning process has died is
   * taken over at once (see IdempotencyKeyOwner); this bounds the wait on a live one that hangs.
   */
  inFlightTimeoutSeconds?: number;
  /** How often expired keys are deleted; 0 turns the sweep off. */
  purgeIntervalMinutes?: number;
}

export const DEFAULT_IN_FLIGHT_TIMEOUT_SECONDS = 120;

/** Present in an app that honours Idempotency-Key (the OpenAPI document then declares the header). */
export const IDEMPOTENCY_OPTIONS = Symbol('IDEMPOTENCY_OPTIONS');
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

interface Stored {
  fingerprint: string;
  state: 'in-flight' | 'done';
  status: number | null;
  body: unknown;
}

/**
 * The claim of a key (see IdempotencyInterceptor.claim): one row, `claimed` true when this request
 * now holds the key (`claim`, the claim's time to the microsecond, names this claim), else the
 * key's record.
 */
function claimStatement(table: string): string {
  return `
    WITH claimed AS (
      INSERT INTO ${table} AS k (client_id, key, fingerprint, state, expires_at, owner_lock)
      VALUES ($1, $2, $3, 'in-flight', now() + make_interval(hours => $4), $5)
      ON CONFLICT (client_id, key) DO UPDATE
        SET fingerprint = EXCLUDED.fingerprint, state = 'in-flight', status = NULL, body = NULL,
            created_at = now(), expires_at = EXCLUDED.expires_at, owner_lock = EXCLUDED.owner_lock
        WHERE k.expires_at < now()
           OR (k.state = 'in-flight'
               AND (k.created_at < now() - make_interval(secs => $6)
                    OR (k.owner_lock IS NOT NULL AND NOT EXISTS (
                          SELECT 1 FROM pg_locks l
                           WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                             AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                             AND l.classid = $7::int::oid AND l.objid = k.owner_lock::oid))))
      RETURNING created_at
    )
    SELECT true AS claimed, created_at::text AS claim, NULL AS fingerprint, NULL AS state, NULL AS status, NULL AS body FROM claimed
    UNION ALL
    SELECT false, NULL, fingerprint, state, status, body FROM ${table}
     WHERE client_id = $1 AND key = $2 AND NOT EXISTS (SELECT 1 FROM claimed)`;
}

/**
 * The IETF Idempotency-Key header on POST: the first request with a key runs and its response is
 * kept; a retry with the same key and payload gets that response again (`Idempotent-Replayed:
 * true`); a retry while the first still runs gets 409; the same key with another payload gets 422.
 * Keys are scoped to the client and expire after `ttlHours` (24 by default); a sweeper deletes
 * expired ones. Only successful responses are kept: a request that was refused or failed frees its
 * key; a key in flight whose process died is free again at once, one left in flight longer than
 * `inFlightTimeoutSeconds` too.
 */
@Injectable()
class IdempotencyInterceptor implements NestInterceptor, OnModuleInit {
  private readonly logger = new Logger('Idempotency');
  private readonly table: string;
  private readonly claimSql: string;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(IDEMPOTENCY_OPTIONS) private readonly options: IdempotencyOptions,
    private readonly owner: IdempotencyKeyOwner,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    this.table = `${quoteIdent(options.schema)}.idempotency_keys`;
    this.claimSql = claimStatement(this.table);
  }

  onModuleInit(): void {
    const server = this.adapterHost.httpAdapter?.getInstance<object>();
    if (server) interceptorsByServer.set(server, this);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<{ method: string; url: string; body: unknown; headers: Record<string, string | undefined>; user?: { clientId: string } }>();
    const reply = http.getResponse<{ statusCode: number; status(code: number): unknown; header(k: string, v: string): unknown }>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (!KEY_PATTERN.test(key)) {
      return throwError(() => new AppError('IDEMPOTENCY_KEY_INVALID', 'An Idempotency-Key is 1 to 255 visible ASCII characters'));
    }
    const clientId = request.user?.clientId ?? 'anonymous';
    const fingerprint = createHash('sha256').update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('base64url');
    return from(this.claim(clientId, key, fingerprint)).pipe(
      switchMap(({ stored, claim }) => {
        if (stored) {
          if (stored.fingerprint !== fingerprint) {
            throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This key was used for a different request');
          }
          if (stored.state === 'in-flight') {
            throw new AppError('IDEMPOTENCY_REQUEST_IN_FLIGHT', 'The first request with this key has not finished; retry later');
          }
          reply.status(stored.status ?? 200);
          reply.header('idempotent-replayed', 'true');
          return of(stored.body);
        }
        const held = claim!;
        return next.handle().pipe(
          // Recorded before the response goes out, so that a retry sent on receipt is replayed and
          // does not race the record (409). Not recorded: the key stays in flight until the timeout.
          concatMap((body: unknown) =>
            from(this.complete(clientId, key, held, reply.statusCode, body)).pipe(
              catchError((error: Error) => {
                this.logger.warn(`response for an Idempotency-Key not recorded: ${error.message}`);
                return of(undefined);
              }),
              map(() => body),
            ),
          ),
          // A refused or failed request changed nothing: free the key, so that a retry runs again
          // (and gets the same refusal, or succeeds once the cause is gone).
          catchError((error: unknown) => from(this.release(clientId, key, held)).pipe(switchMap(() => throwError(() => error)))),
        );
      }),
    );
  }

  /**
   * Records the key as in flight, or returns what is recorded for it, in one statement (one
   * autocommit): the INSERT claims a new key, and its ON CONFLICT branch takes over a key that is
   * free again (expired, in flight too long, or in flight for a process that died: no session holds
   * its owner's lock any more). A key not taken over is read in the same statement; the sweeper
   * deletes expired keys in the background.
   */
  private async claim(clientId: string, key: string, fingerprint: string): Promise<{ stored?: Stored; claim?: string }> {
    // Bounded: only a key claimed and freed again between each two reads sends it round.
    for (let attempt = 0; attempt < 5; attempt++) {
      const rows: (Stored & { claimed: boolean; claim: string | null })[] = await this.dataSource.query(this.claimSql, [
        clientId,
        key,
        fingerprint,
        this.options.ttlHours ?? 24,
        this.owner.current,
        this.options.inFlightTimeoutSeconds ?? DEFAULT_IN_FLIGHT_TIMEOUT_SECONDS,
        OWNER_LOCK_SPACE,
      ]);
      if (rows.length > 0) return rows[0].claimed ? { claim: rows[0].claim! } : { stored: rows[0] };
      // The key was claimed by a request whose INSERT committed after this statement's snapshot
      // was taken (two requests with one key at the same moment): read it again.
      const stored: Stored[] = await this.dataSource.query(`SELECT fingerprint, state, status, body FROM ${this.table} WHERE client_id = $1 AND key = $2`, [
        clientId,
        key,
      ]);
      if (stored.length > 0) return { stored: stored[0] };
      // ... and freed it since: claim again.
    }
    throw new AppError('IDEMPOTENCY_REQUEST_IN_FLIGHT', 'The first request with this key has not finished; retry later');
  }

  /**
   * Records the response, if the key is still this request's claim: a request taken over (in flight
   * past the timeout) must not overwrite the claim of the request that took it over.
   */
  private async complete(clientId: string, key: string, claim: string, status: number, body: unknown): Promise<void> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH done AS (
         UPDATE ${this.table} SET state = 'done', status = $4, body = $5
          WHERE client_id = $1 AND key = $2 AND state = 'in-flight' AND created_at = $3::timestamptz RETURNING 1
       ) SELECT 1 FROM done`,
      [clientId, key, claim, status, JSON.stringify(body ?? null)],
    );
    if (rows.length === 0) this.logger.warn(`response for Idempotency-Key ${key} not recorded: another request took the key over while this one ran`);
  }

  /** Frees the key, if it is still this request's claim (not a later request's that took it over). */
  private async release(clientId: string, key: string, claim: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM ${this.table} WHERE client_id = $1 AND key = $2 AND state = 'in-flight' AND created_at = $3::timestamptz`, [
      clientId,
      key,
      claim,
    ]);
  }
}

/** Each app's interceptor, by the app's Fastify instance (several apps share one process in `npm start`). */
const interceptorsByServer = new WeakMap<object, IdempotencyInterceptor>();

/**
 * What POST handlers carry (see IdempotentPostRoutes): one object for the process, handing each
 * request to its own app's interceptor. Controller classes, and so their handlers' metadata, are
 * shared by every app built from them in a process; the apps' interceptors are not.
 */
const POST_IDEMPOTENCY: NestInterceptor = {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const own = interceptorsByServer.get(context.switchToHttp().getRequest<{ server: object }>().server);
    return own ? own.intercept(context, next) : next.handle();
  },
};

/**
 * Puts the Idempotency-Key interceptor on the POST handlers of the app's controllers, and only
 * there, while the app is being built (before Nest maps its routes). As a global interceptor it
 * ran on every request of every method, and Nest's interceptor chain (an rxjs pipeline and two
 * AsyncResource bindings per request) was a sizeable part of a cached GET's cost.
 */
@Injectable()
class IdempotentPostRoutes {
  constructor(modules: ModulesContainer) {
    for (const module of modules.values()) {
      for (const controller of module.controllers.values()) {
        const prototype = (controller.metatype as { prototype?: object } | null)?.prototype;
        if (!prototype) continue;
        for (const name of Object.getOwnPropertyNames(prototype)) {
          const handler = Object.getOwnPropertyDescriptor(prototype, name)?.value as object | undefined;
          if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.POST) continue;
          const interceptors = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? []) as unknown[];
          if (!interceptors.includes(POST_IDEMPOTENCY)) Reflect.defineMetadata(INTERCEPTORS_METADATA, [POST_IDEMPOTENCY, ...interceptors], handler);
        }
      }
    }
  }
}

/** Deletes expired keys now and then, so the table holds about one TTL's worth of keys. */
@Injectable()
export class IdempotencyKeySweeper implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Idempotency');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(IDEMPOTENCY_OPTIONS) private readonly options: IdempotencyOptions,
  ) {}

  onModuleInit(): void {
    const minutes = this.options.purgeIntervalMinutes ?? 15;
    if (minutes <= 0) return;
    this.timer = setInterval(() => {
      this.purgeExpired().catch((error: Error) => this.logger.warn(`expired keys not purged: ${error.message}`));
    }, minutes * 60_000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Deletes expired keys in batches (short transactions); returns how many went. */
  async purgeExpired(batchSize = 1000): Promise<number> {
    const table = `${quoteIdent(this.options.schema)}.idempotency_keys`;
    let total = 0;
    for (;;) {
      // TypeORM answers a DELETE with [rows, affected].
      const [, deleted]: [unknown[], number] = await this.dataSource.query(
        `DELETE FROM ${table} WHERE ctid IN (SELECT ctid FROM ${table} WHERE expires_at < now() LIMIT $1)`,
        [batchSize],
      );
      total += deleted;
      if (deleted < batchSize) return total;
    }
  }
}

@Module({})
export class IdempotencyModule {
  static forApp(options: IdempotencyOptions): DynamicModule {
    return {
      module: IdempotencyModule,
      providers: [
        { provide: IDEMPOTENCY_OPTIONS, useValue: options },
        IdempotencyInterceptor,
        IdempotentPostRoutes,
        IdempotencyKeySweeper,
        IdempotencyKeyOwner,
      ],
      exports: [IdempotencyKeySweeper],
    };
  }
}
