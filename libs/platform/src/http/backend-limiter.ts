import { BulkheadPolicy, bulkhead } from 'cockatiel';
import { performance } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { AppMetrics } from '../metrics/app-metrics';

/** What one backend allows this API: calls beyond it wait in line instead of failing. */
export interface BackendLimits {
  /** Calls in flight at once; 0: no limit. */
  maxConcurrent: number;
  /** Calls started per second, evenly spaced; 0: no limit. */
  ratePerSecond: number;
  /** The longest a call waits in line before it fails as unavailable (never a hang). */
  maxQueueWaitMs: number;
}

/** Seconds in line: from nothing to the longest wait a setting allows (120 s). */
const QUEUE_WAIT_BUCKETS = [0.001, 0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120];

interface LimiterMetrics {
  queued: Gauge<'backend'>;
  wait: Histogram<'backend'>;
  timeouts: Counter<'backend'>;
}

/** One set per app registry: an app may hold several clients for one backend (PLM's admin client). */
const metricsByRegistry = new WeakMap<Registry, LimiterMetrics>();

function limiterMetrics(app: AppMetrics | undefined): LimiterMetrics | undefined {
  if (!app) return undefined;
  let metrics = metricsByRegistry.get(app.registry);
  if (!metrics) {
    const registers = [app.registry];
    metrics = {
      queued: new Gauge({ name: 'http_client_queued_calls', help: 'Calls to a backend waiting in line for its concurrency or rate limit', labelNames: ['backend'], registers }),
      wait: new Histogram({ name: 'http_client_queue_wait_seconds', help: 'Time calls to a backend waited in line for its limits', labelNames: ['backend'], buckets: QUEUE_WAIT_BUCKETS, registers }),
      timeouts: new Counter({ name: 'http_client_queue_timeouts_total', help: 'Calls to a backend that waited in line longer than allowed and failed as unavailable', labelNames: ['backend'], registers }),
    };
    metricsByRegistry.set(app.registry, metrics);
  }
  return metrics;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Holds calls to one backend within its concurrency and rate limits: a call beyond them waits in
 * line, first come first served, for at most `maxQueueWaitMs`. Concurrency is cockatiel's bulkhead
 * (a call under the limit starts at once, with no timer in its way); the rate is a clock of start
 * times each call reserves its own from, evenly spaced. (bottleneck, tried first, yields to the
 * event loop through timers several times per call: about 5 ms added to every call, limited or not.)
 */
export class BackendLimiter {
  private readonly bulkhead?: BulkheadPolicy;
  private readonly spacingMs: number;
  /** When the next call may start under the rate limit (performance.now() time). */
  private nextStart = 0;
  private stopped = false;
  private readonly metrics: LimiterMetrics | undefined;

  constructor(
    private readonly backend: string,
    private readonly limits: BackendLimits,
    metrics: AppMetrics | undefined = AppMetrics.current(),
  ) {
    this.metrics = limiterMetrics(metrics);
    if (limits.maxConcurrent > 0) this.bulkhead = bulkhead(limits.maxConcurrent, Number.MAX_SAFE_INTEGER);
    this.spacingMs = limits.ratePerSecond > 0 ? 1000 / limits.ratePerSecond : 0;
  }

  private get limited(): boolean {
    return this.bulkhead !== undefined || this.spacingMs > 0;
  }

  /**
   * Runs `call` once the limits allow; `expired(waitedMs)` is the error when it would wait too
   * long, `stopped()` when the limiter was stopped.
   */
  run<T>(call: () => Promise<T>, expired: (waitedMs: number) => Error, stopped: () => Error): Promise<T> {
    if (!this.limited) return call();
    if (this.stopped) return Promise.reject(stopped());
    const queuedAt = performance.now();
    const labels = { backend: this.backend };
    this.metrics?.queued.inc(labels);
    let left = false;
    /** Leaves the line (once): started, given up or stopped. */
    const leave = (outcome: 'started' | 'expired') => {
      if (left) return false;
      left = true;
      this.metrics?.queued.dec(labels);
      this.metrics?.wait.observe(labels, (performance.now() - queuedAt) / 1000);
      if (outcome === 'expired') this.metrics?.timeouts.inc(labels);
      return true;
    };
    const inSlot = async (): Promise<T> => {
      // A caller that has had its answer: the slot is handed on at once, the backend never called.
      if (left) throw expired(this.limits.maxQueueWaitMs);
      if (this.stopped) {
        leave('expired');
        throw stopped();
      }
      const wait = this.reserveStart(queuedAt);
      if (wait === undefined) {
        leave('expired');
        throw expired(this.limits.maxQueueWaitMs);
      }
      if (wait > 0) await sleep(wait);
      // Its wait may have run out while it slept to its start: then its caller has had the answer.
      if (!leave('started')) throw expired(this.limits.maxQueueWaitMs);
      return call();
    };
    if (!this.bulkhead) return inSlot();
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (leave('expired')) reject(expired(this.limits.maxQueueWaitMs));
      }, this.limits.maxQueueWaitMs);
      this.bulkhead!.execute(inSlot).then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: Error) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  /**
   * Reserves this call's start under the rate limit: how long it waits for it, or undefined when
   * that would take it past the longest wait allowed (nothing reserved then).
   */
  private reserveStart(queuedAt: number): number | undefined {
    if (this.spacingMs === 0) return 0;
    const now = performance.now();
    const start = Math.max(now, this.nextStart);
    if (start - queuedAt > this.limits.maxQueueWaitMs) return undefined;
    this.nextStart = start + this.spacingMs;
    return start - now;
  }

  /** Calls still in line fail as unavailable when their turn comes; calls in flight finish. */
  stop(): Promise<void> {
    this.stopped = true;
    return Promise.resolve();
  }
}
