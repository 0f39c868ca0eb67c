import { subscribe, unsubscribe } from 'node:diagnostics_channel';

/** How one call ended, for the health report. */
export type CallOutcome = 'ok' | 'failed' | 'unavailable';

export interface CallCounts {
  calls: number;
  failedCalls: number;
  unavailableCalls: number;
}

/** No answer, a timeout, or a status saying the backend is down or overloaded. */
const UNAVAILABLE_STATUSES = new Set([429, 502, 503, 504]);

/** Pure: how an answer (or its absence) counts. A 4xx other than 429 is an answer about the request, not a failure of the backend. */
export function callOutcome(status: number | undefined): CallOutcome {
  if (status === undefined || UNAVAILABLE_STATUSES.has(status)) return 'unavailable';
  return status >= 500 ? 'failed' : 'ok';
}

/** Pure: the plant a system API path names (`/v1/plants/P2/...`), or null. */
export function plantOfPath(path: string): string | null {
  const m = /^\/v1\/plants\/([^/?]+)/.exec(path);
  return m ? decodeURIComponent(m[1]) : null;
}

interface UndiciRequest {
  origin?: string | URL;
  path?: string;
}

/**
 * Counts the HTTP calls this process makes to the named backends (by origin), per backend and
 * plant, from undici's diagnostics channels: every call of the BackendClient's pool, each retry
 * included, without touching the client. Another caller in the same process reaching the same
 * origin (a test, say) counts too.
 */
export class BackendCallCounter {
  private counts = new Map<string, CallCounts & { backend: string; plant: string | null }>();
  private readonly backends: Map<string, string>;
  private readonly onHeaders = (message: unknown) => {
    const { request, response } = message as { request: UndiciRequest; response: { statusCode: number } };
    this.count(request, response.statusCode);
  };
  private readonly onError = (message: unknown) => this.count((message as { request: UndiciRequest }).request, undefined);

  /** `backends`: base URL of each backend by its name. */
  constructor(backends: Record<string, string>) {
    this.backends = new Map(Object.entries(backends).map(([name, url]) => [new URL(url).origin, name]));
  }

  start(): void {
    subscribe('undici:request:headers', this.onHeaders);
    subscribe('undici:request:error', this.onError);
  }

  stop(): void {
    unsubscribe('undici:request:headers', this.onHeaders);
    unsubscribe('undici:request:error', this.onError);
  }

  /** The counts since the last drain, and a fresh start. */
  drain(): (CallCounts & { backend: string; plant: string | null })[] {
    const out = [...this.counts.values()];
    this.counts = new Map();
    return out;
  }

  count(request: UndiciRequest, status: number | undefined): void {
    if (!request?.origin) return;
    const backend = this.backends.get(new URL(String(request.origin)).origin);
    if (!backend) return;
    const plant = plantOfPath(request.path ?? '');
    const key = `${backend}|${plant ?? ''}`;
    const c = this.counts.get(key) ?? { backend, plant, calls: 0, failedCalls: 0, unavailableCalls: 0 };
    const outcome = callOutcome(status);
    c.calls++;
    if (outcome !== 'ok') c.failedCalls++;
    if (outcome === 'unavailable') c.unavailableCalls++;
    this.counts.set(key, c);
  }
}
