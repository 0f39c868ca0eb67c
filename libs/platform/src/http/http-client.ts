import { ExponentialBackoff, handleWhen, retry, IPolicy, circuitBreaker, ConsecutiveBreaker, BrokenCircuitError } from 'cockatiel';
import { randomUUID } from 'node:crypto';
import { Pool } from 'undici';
import { BackendLimiter, BackendLimits } from './backend-limiter';
import { tracingEnabled } from '../telemetry/tracing';
import { currentContext, traceparentOf } from './request-context';

export interface HttpClientOptions {
  /** Name of the system on the other side, for errors and logs. */
  name: string;
  baseUrl: string;
  timeoutMs?: number;
  /** Attempts after the first, for idempotent requests only. */
  retries?: number;
  /** Supplies the bearer token for each call (service-to-service). */
  token?: () => Promise<string | undefined>;
  /** Extra headers sent on every call (for example a backend's basic auth). */
  headers?: Record<string, string>;
  /** Concurrent connections to the target. */
  connections?: number;
  /**
   * What the target allows: calls beyond its concurrency or rate wait in line (each attempt
   * queues on its own, retries too), at most `maxQueueWaitMs`, then fail as unavailable. Clients
   * of one backend (a service and an admin identity) share its limits by sharing one limiter.
   */
  limits?: BackendLimits | BackendLimiter;
}

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Safe to repeat: GET always is; a POST is when it carries an idempotency key. */
  idempotent?: boolean;
}

export interface HttpResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** The other side answered with a status >= 400. */
export class HttpStatusError extends Error {
  constructor(
    readonly service: string,
    readonly status: number,
    readonly body: unknown,
    readonly headers: Headers,
  ) {
    super(`${service} answered ${status}`);
    this.name = 'HttpStatusError';
  }
}

/** The other side did not answer: refused, reset, timed out, or its circuit is open. */
export class HttpUnavailableError extends Error {
  constructor(
    readonly service: string,
    readonly reason: string,
    readonly timedOut: boolean,
  ) {
    super(`${service} is unavailable: ${reason}`);
    this.name = 'HttpUnavailableError';
  }
}

/**
 * The call waited in line longer than allowed (the target's concurrency or rate limit was taken):
 * unavailable for the caller, but never retried (that would queue it again) and never counted
 * by the circuit breaker (the target itself did not fail).
 */
export class HttpQueueTimeoutError extends HttpUnavailableError {
  constructor(service: string, waitedMs: number) {
    super(service, `waited more than ${waitedMs} ms in line for a free call (this API's concurrency or rate limit for ${service})`, false);
    this.name = 'HttpQueueTimeoutError';
  }
}

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

/**
 * JSON over HTTP between Threadline's layers: a timeout on every call, retries with exponential
 * backoff and jitter for idempotent calls only, and a circuit breaker per target so that a dead
 * backend fails fast instead of tying up callers.
 */
export class HttpJsonClient {
  private readonly retryPolicy: IPolicy;
  private readonly breaker: IPolicy;
  /** Keep-alive connections to the one origin this client talks to (undici is several times faster than fetch). */
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly limiter?: BackendLimiter;
  /** A limiter handed in is shared with other clients: it outlives this one. */
  private readonly ownsLimiter: boolean = false;

  constructor(private readonly options: HttpClientOptions) {
    const base = new URL(options.baseUrl);
    this.pool = new Pool(base.origin, { connections: options.connections ?? 64, keepAliveTimeout: 30_000 });
    this.basePath = base.pathname.replace(/\/$/, '');
    if (options.limits instanceof BackendLimiter) this.limiter = options.limits;
    else if (options.limits) [this.limiter, this.ownsLimiter] = [new BackendLimiter(options.name, options.limits), true];
    const transient = handleWhen(
      (e) => (e instanceof HttpUnavailableError && !(e instanceof HttpQueueTimeoutError)) || (e instanceof HttpStatusError && RETRYABLE_STATUS.has(e.status)),
    );
    this.retryPolicy = retry(transient, {
      maxAttempts: options.retries ?? 2,
      backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 2000 }),
    });
    this.breaker = circuitBreaker(handleWhen((e) => e instanceof HttpUnavailableError), {
      halfOpenAfter: 5_000,
      breaker: new ConsecutiveBreaker(5),
    });
  }

  get name(): string {
    return this.options.name;
  }

  async request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    const method = req.method ?? 'GET';
    const idempotent = req.idempotent ?? (method === 'GET' || method === 'PUT' || method === 'DELETE');
    const once = () => this.breakerCall<T>(method, req);
    if (!idempotent) return once();
    return this.retryPolicy.execute(once);
  }

  get<T>(path: string, query?: HttpRequest['query']): Promise<T> {
    return this.request<T>({ path, query }).then((r) => r.body);
  }

  /** One attempt: in line for the target's limits (when set), then through the circuit breaker. */
  private breakerCall<T>(method: string, req: HttpRequest): Promise<HttpResponse<T>> {
    if (!this.limiter) return this.breakerAttempt<T>(method, req);
    return this.limiter.run(
      () => this.breakerAttempt<T>(method, req),
      (waitedMs) => new HttpQueueTimeoutError(this.options.name, waitedMs),
      () => new HttpUnavailableError(this.options.name, 'the client was closed', false),
    );
  }

  private async breakerAttempt<T>(method: string, req: HttpRequest): Promise<HttpResponse<T>> {
    try {
      return await this.breaker.execute(() => this.send<T>(method, req));
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        throw new HttpUnavailableError(this.options.name, 'circuit open after repeated failures', false);
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.ownsLimiter) await this.limiter?.stop();
    await this.pool.close();
  }

  private async send<T>(method: string, req: HttpRequest): Promise<HttpResponse<T>> {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) query.set(k, String(v));
    const path = `${this.basePath}/${req.path.replace(/^\//, '')}${query.size > 0 ? `?${query.toString()}` : ''}`;
    const context = currentContext();
    const headers: Record<string, string> = {
      accept: 'application/json',
      // The request context (an incoming request, a consumed event or a job) names the flow.
      'x-correlation-id': context?.correlationId ?? randomUUID(),
      // With tracing on, the undici instrumentation sends its client span's traceparent instead.
      ...(context && !tracingEnabled() ? { traceparent: traceparentOf(context) } : {}),
      ...this.options.headers,
      ...req.headers,
    };
    const token = await this.options.token?.();
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (req.body !== undefined) {
      headers['content-type'] = headers['content-type'] ?? 'application/json';
      body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    }
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    let status: number;
    let rawHeaders: Record<string, string | string[] | undefined>;
    let text: string;
    // The whole call within timeoutMs, waiting for a pool connection included. A timer of our own,
    // cleared on the answer: AbortSignal.timeout's timer outlives the call and fires anyway.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
    try {
      const response = await this.pool.request({
        path,
        method,
        headers,
        body,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: deadline.signal,
      });
      status = response.statusCode;
      rawHeaders = response.headers;
      text = await response.body.text();
    } catch (error) {
      const e = error as Error & { code?: string };
      const timedOut = e.name === 'TimeoutError' || e.code === 'UND_ERR_HEADERS_TIMEOUT' || e.code === 'UND_ERR_BODY_TIMEOUT' || e.code === 'UND_ERR_CONNECT_TIMEOUT';
      throw new HttpUnavailableError(this.options.name, timedOut ? `no answer within ${timeoutMs} ms` : e.message || e.code || String(e), timedOut);
    } finally {
      clearTimeout(timer);
    }
    let parsed: unknown = undefined;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    if (status >= 400) throw new HttpStatusError(this.options.name, status, parsed, toHeaders(rawHeaders));
    // Most callers read the body only: the Headers object (its names and values checked one by one) is made when asked for.
    let made: Headers | undefined;
    return {
      status,
      body: parsed as T,
      get headers() {
        return (made ??= toHeaders(rawHeaders));
      },
    };
  }
}

function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [k, v] of Object.entries(raw)) {
    if (Array.isArray(v)) for (const item of v) headers.append(k, item);
    else if (v !== undefined) headers.set(k, v);
  }
  return headers;
}
