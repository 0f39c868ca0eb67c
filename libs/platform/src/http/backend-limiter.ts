import Bottleneck from 'bottleneck';
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

/**
 * Holds calls to one backend within its concurrency and rate limits (bottleneck): a call beyond
 * them waits in line, first come first served, for at most `maxQueueWaitMs`.
 */
export class BackendLimiter {
  private readonly bottleneck?: Bottleneck;
  private readonly metrics: LimiterMetrics | undefined;

  constructor(
    private readonly backend: string,
    private readonly limits: BackendLimits,
    metrics: AppMetrics | undefined = AppMetrics.current(),
  ) {
    this.metrics = limiterMetrics(metrics);
    if (limits.maxConcurrent <= 0 && limits.ratePerSecond <= 0) return;
    this.bottleneck = new Bottleneck({
      maxConcurrent: limits.maxConcurrent > 0 ? limits.maxConcurrent : null,
      minTime: limits.ratePerSecond > 0 ? Math.ceil(1000 / limits.ratePerSecond) : 0,
    });
  }

  /**
   * Runs `call` once the limits allow; `expired()` is the error when it waited too long, and
   * `stopped()` when the limiter was stopped with the call still in line.
   */
  run<T>(call: () => Promise<T>, expired: (waitedMs: number) => Error, stopped: () => Error): Promise<T> {
    const bottleneck = this.bottleneck;
    if (!bottleneck) return call();
    const queuedAt = performance.now();
    const labels = { backend: this.backend };
    this.metrics?.queued.inc(labels);
    return new Promise<T>((resolve, reject) => {
      let gaveUp = false;
      const timer = setTimeout(() => {
        gaveUp = true;
        this.metrics?.queued.dec(labels);
        this.metrics?.timeouts.inc(labels);
        this.metrics?.wait.observe(labels, (performance.now() - queuedAt) / 1000);
        reject(expired(this.limits.maxQueueWaitMs));
      }, this.limits.maxQueueWaitMs);
      bottleneck
        .schedule(() => {
          // Its caller has had its answer: the slot is handed on at once, the backend never called.
          if (gaveUp) return Promise.resolve();
          clearTimeout(timer);
          this.metrics?.queued.dec(labels);
          this.metrics?.wait.observe(labels, (performance.now() - queuedAt) / 1000);
          // The slot is held until the call settles; the job itself never fails.
          return call().then(resolve, reject);
        })
        .catch(() => {
          if (gaveUp) return;
          clearTimeout(timer);
          this.metrics?.queued.dec(labels);
          reject(stopped());
        });
    });
  }

  /** Drops the calls still in line (they fail as unavailable); calls in flight finish. */
  async stop(): Promise<void> {
    await this.bottleneck?.stop({ dropWaitingJobs: true }).catch(() => undefined);
  }
}
