import { AppError, BackendError, BackendErrorCode, BackendUnavailableError, isAppError, NotFoundError } from '../errors/app-error';
import { HttpClientOptions, HttpJsonClient, HttpQueueTimeoutError, HttpRequest, HttpResponse, HttpStatusError, HttpUnavailableError } from './http-client';
import { ServiceTokenError, ServiceTokenOptions, ServiceTokenProvider } from './service-token.provider';
import { AppMetrics } from '../metrics/app-metrics';
import { timeBackendCall } from '../metrics/http-metrics';

/** What a backend's HTTP status means for the caller of the API in front of it. */
export type BackendOutcome =
  /** The backend's rules refuse the request; repeating it will not help (BACKEND_REJECTED, 422). */
  | 'rejected'
  /** The backend's current state refuses the request (BACKEND_CONFLICT, 409). */
  | 'conflict'
  /** The backend refuses this platform's own credentials: an operator's to fix (BACKEND_AUTH_FAILED, 502). */
  | 'unauthorized'
  /** Down, overloaded or rate-limiting, after the client's retries (BACKEND_UNAVAILABLE, 503). */
  | 'unavailable'
  /** The backend's own gateway gave up waiting (BACKEND_TIMEOUT, 504). */
  | 'timeout'
  /** Anything else: the backend or our call to it is broken (BACKEND_ERROR, 502). */
  | 'faulty';

export type BackendStatusTable = Readonly<Partial<Record<number, BackendOutcome>>>;

/**
 * How HTTP statuses read for most backends; a status not listed is `faulty`. A 404 on a call that
 * names the one object it reads is NOT_FOUND for that object whatever the table says; on any other
 * call the path itself is unknown, which means our call is broken. A backend whose dialect differs
 * lists only its differences (BackendDialect.statuses), and the README of the API in front of it
 * documents the resulting table.
 */
export const STANDARD_BACKEND_STATUSES: BackendStatusTable = {
  400: 'rejected',
  401: 'unauthorized',
  403: 'unauthorized',
  409: 'conflict',
  422: 'rejected',
  429: 'unavailable',
  503: 'unavailable',
  504: 'timeout',
};

const CODES: Record<BackendOutcome, BackendErrorCode> = {
  rejected: 'BACKEND_REJECTED',
  conflict: 'BACKEND_CONFLICT',
  unauthorized: 'BACKEND_AUTH_FAILED',
  unavailable: 'BACKEND_UNAVAILABLE',
  timeout: 'BACKEND_TIMEOUT',
  faulty: 'BACKEND_ERROR',
};

/** How one backend speaks: its name, where its statuses differ from the standard, its error text. */
export interface BackendDialect {
  /** The backend's name in errors (`backend`) and logs. */
  backend: string;
  statuses?: BackendStatusTable;
  /**
   * Where the backend's own error document says more than its status: an outcome for this answer,
   * or undefined to read the status table.
   */
  outcomeOf?(status: number, body: unknown): BackendOutcome | undefined;
  /** The human message inside the backend's own error document, if it has one. */
  messageOf?(body: unknown, status: number): string | undefined;
}

/** The one object a call reads or changes, so that the backend's 404 becomes NOT_FOUND naming it. */
export interface NamedObject {
  what: string;
  id: string;
}

export function backendOutcome(dialect: BackendDialect, status: number): BackendOutcome {
  return dialect.statuses?.[status] ?? STANDARD_BACKEND_STATUSES[status] ?? 'faulty';
}

/**
 * Turns what the HTTP client throws into the platform's coded errors, by the backend's status
 * table; the backend's own error document travels along in `backendError` and its status in
 * `backendStatus`. Anything that is not an HTTP failure is returned unchanged.
 */
export function translateBackendError(error: unknown, dialect: BackendDialect, object?: NamedObject): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof HttpQueueTimeoutError) {
    // This API's own limit for the backend, not the backend failing: `queued` tells them apart.
    return new BackendError('BACKEND_UNAVAILABLE', dialect.backend, error.reason, { queued: true }).withHeaders({ 'retry-after': '1' });
  }
  if (error instanceof HttpUnavailableError) return new BackendUnavailableError(dialect.backend, error.reason, error.timedOut);
  if (error instanceof ServiceTokenError) {
    return error.refused
      ? new BackendError('BACKEND_AUTH_FAILED', dialect.backend, `no service token: ${error.message}`)
      : new BackendUnavailableError(dialect.backend, `no service token: ${error.message}`);
  }
  if (!(error instanceof HttpStatusError)) return error;
  if (error.status === 404 && object) {
    return new NotFoundError(object.what, object.id, { backend: dialect.backend, backendStatus: error.status, backendError: error.body });
  }
  const detail = dialect.messageOf?.(error.body, error.status) ?? `${dialect.backend} answered ${error.status}`;
  const code = CODES[dialect.outcomeOf?.(error.status, error.body) ?? backendOutcome(dialect, error.status)];
  const translated = new BackendError(code, dialect.backend, detail, { backendStatus: error.status, backendError: error.body });
  const retryAfter = error.headers.get('retry-after');
  return retryAfter ? translated.withHeaders({ 'retry-after': retryAfter }) : translated;
}

/** A refusal that retrying cannot change: the object is missing, or the backend's rules or state say no. */
export function isPermanentRefusal(error: unknown): error is AppError {
  return isAppError(error) && (error.code === 'NOT_FOUND' || error.code === 'BACKEND_REJECTED' || error.code === 'BACKEND_CONFLICT');
}

/** One line for logs and histories: who answered what, in the backend's words where it gave some. */
export function describeBackendFailure(error: unknown): string {
  if (isAppError(error) && typeof error.extensions.backendStatus === 'number') {
    return `${String(error.extensions.backend)} answered ${error.extensions.backendStatus}${error.detail ? `: ${error.detail}` : ''}`;
  }
  if (isAppError(error)) return error.detail ?? error.code;
  return (error as Error)?.message ?? String(error);
}

export interface BackendClientOptions extends Omit<HttpClientOptions, 'name' | 'token'> {
  dialect: BackendDialect;
  /** OAuth 2.0 client credentials this platform presents to the backend (a service token). */
  credentials?: ServiceTokenOptions;
}

/**
 * The one way Threadline calls another system: a service token, a pool of keep-alive connections,
 * a timeout on every call, retries for idempotent calls, a circuit breaker (HttpJsonClient), and
 * every failure translated by the backend's status table. Adapters keep only their dialect.
 */
export class BackendClient {
  private readonly http: HttpJsonClient;
  /** The app that built this client (http_client_request_duration_seconds); none outside an app. */
  private readonly metrics = AppMetrics.current();

  constructor(private readonly options: BackendClientOptions) {
    const backend = options.dialect.backend;
    const tokens = options.credentials && new ServiceTokenProvider(options.credentials);
    this.http = new HttpJsonClient({
      ...options,
      name: backend,
      token: tokens
        ? () =>
            tokens.get().catch((error: unknown) => {
              // An IdP that is down is the backend being unreachable (retried, counted by the breaker);
              // refused credentials are not retried.
              if (error instanceof ServiceTokenError && error.refused) throw error;
              throw new HttpUnavailableError(backend, `no service token: ${(error as Error).message}`, false);
            })
        : undefined,
    });
  }

  get backend(): string {
    return this.options.dialect.backend;
  }

  /** The answer's body; `object` names what a single-object read reads, for its 404. */
  async send<T>(request: HttpRequest, object?: NamedObject): Promise<T> {
    return (await this.request<T>(request, object)).body;
  }

  async request<T>(request: HttpRequest, object?: NamedObject): Promise<HttpResponse<T>> {
    try {
      return await timeBackendCall(this.metrics, this.backend, () => this.http.request<T>(request));
    } catch (error) {
      throw translateBackendError(error, this.options.dialect, object);
    }
  }

  /** Closes the connection pool; calls made afterwards fail at once as unavailable. */
  close(): Promise<void> {
    return this.http.close();
  }
}

/** The backend refused because of its current state (a duplicate, say): a race callers may resolve by reading again. */
export function isBackendConflict(error: unknown): boolean {
  return error instanceof AppError && error.code === 'BACKEND_CONFLICT';
}
