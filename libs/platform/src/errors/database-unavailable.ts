import { AppError } from './app-error';
import { defineErrorCodes } from './error-codes';

/** The app's own database refused or dropped the connection: an outage, not a bug. */
export const DATABASE_ERRORS = defineErrorCodes({
  DATABASE_UNAVAILABLE: {
    status: 503,
    title: 'The database is not reachable',
    description: "This API's own database is down, restarting or out of connections; retry later (see Retry-After)",
  },
});

/** Long enough for a restart or a failover to finish, short enough not to stall a retrying client. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Socket-level failures of the connection (node's own codes, as node-postgres passes them on). */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT']);

/**
 * SQLSTATEs that say the server is not serving this connection, whatever the statement was:
 * 57P01 admin_shutdown (also pg_terminate_backend), 57P02 crash_shutdown, 57P03 cannot_connect_now
 * (starting up, shutting down, in recovery), 53300 too_many_connections. Class 08 is matched apart.
 */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/**
 * What node-postgres and pg-pool say when the connection goes without a code: the socket closed
 * under a client (pg/lib/client.js), no connection within connectionTimeoutMillis (pg-pool).
 * Not 'Connection terminated' alone: that is a client this process ended itself.
 */
const CONNECTION_MESSAGES = ['Connection terminated unexpectedly', 'timeout exceeded when trying to connect', 'Connection terminated due to connection timeout'];

/**
 * Whether `error` is a connection-level failure of PostgreSQL (down, restarting, out of
 * connections, the connection dropped), as opposed to an error of the query itself (a constraint,
 * a missing table, bad SQL), which stays a bug. Looks into TypeORM's QueryFailedError (its
 * driverError) and AggregateError's `errors` (node's happy-eyeballs connect), not into any `cause`:
 * fetch's 'fetch failed' wraps the same socket codes for a backend, which is not the database.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return causes(error).some(isConnectionFailure);
}

/** A short description of the connection failure for the log: its code and message. */
export function databaseFailureReason(error: unknown): string {
  const failure = causes(error).find(isConnectionFailure) as { code?: unknown; message?: unknown } | undefined;
  if (!failure) return '';
  const code = typeof failure.code === 'string' ? failure.code : undefined;
  const message = typeof failure.message === 'string' && failure.message ? failure.message : undefined;
  return [code, message].filter((part) => part !== undefined).join(': ');
}

/** Answered as 503 DATABASE_UNAVAILABLE with Retry-After; the failure's own words go to the log only. */
export class DatabaseUnavailableError extends AppError<'DATABASE_UNAVAILABLE'> {
  constructor(readonly reason: string) {
    super('DATABASE_UNAVAILABLE', 'The database is not reachable; retry later');
    this.withHeaders({ 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) });
  }
}

function isConnectionFailure(error: object): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (SOCKET_CODES.has(code) || SERVER_CODES.has(code)) return true;
    // SQLSTATE class 08, connection exception (08000, 08003, 08006, 08001, 08004, ...).
    if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && CONNECTION_MESSAGES.includes(message);
}

/** The error, the driver's error TypeORM wrapped, and the attempts an AggregateError gathered. */
function causes(error: unknown): object[] {
  const driverError = (error as { driverError?: unknown } | null)?.driverError;
  const found = [error, driverError].filter((e): e is object => typeof e === 'object' && e !== null);
  return [...found, ...found.flatMap((e) => (e instanceof AggregateError ? e.errors : []).filter((a): a is object => typeof a === 'object' && a !== null))];
}
