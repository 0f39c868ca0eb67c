import { AsyncLocalStorage } from 'node:async_hooks';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Seconds; the OpenTelemetry advice for `http.server.request.duration` and `http.client.request.duration`. */
export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/** The app whose providers are being built, for code that is constructed with `new` inside them. */
const building = new AsyncLocalStorage<AppMetrics>();

/** Node's process metrics go to the first app's registry only: in the all-in-one process there is one process. */
let processMetricsTaken = false;

/**
 * One app's Prometheus registry. Never prom-client's global registry: `npm start` and the tests
 * run all nine apps in one process, and each app's `/metrics` shows its own series only, each
 * labelled `app`. The platform's HTTP histograms live here; features add theirs to `registry`.
 */
export class AppMetrics {
  readonly registry = new Registry();
  /** `http_server_request_duration_seconds` {method, route, status}: route is the template, never the raw URL. */
  readonly httpServer: Histogram<'method' | 'route' | 'status'>;
  /** `http_client_request_duration_seconds` {backend, outcome}: one logical call through BackendClient, retries included. */
  readonly httpClient: Histogram<'backend' | 'outcome'>;

  constructor(
    readonly app: string,
    options: { processMetrics?: boolean } = {},
  ) {
    this.registry.setDefaultLabels({ app });
    this.httpServer = new Histogram({
      name: 'http_server_request_duration_seconds',
      help: 'Duration of HTTP requests this app served, by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: HTTP_DURATION_BUCKETS,
      registers: [this.registry],
    });
    this.httpClient = new Histogram({
      name: 'http_client_request_duration_seconds',
      help: 'Duration of calls this app made to a backend (retries included), by backend and outcome',
      labelNames: ['backend', 'outcome'],
      buckets: HTTP_DURATION_BUCKETS,
      registers: [this.registry],
    });
    if (options.processMetrics ?? !processMetricsTaken) {
      processMetricsTaken = true;
      collectDefaultMetrics({ register: this.registry });
    }
  }

  /** The Prometheus text exposition of this app's series. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /**
   * Runs `build` (creating the app's Nest container) with these metrics as the app being built, so
   * that its providers, and what they construct with `new` (a BackendClient, the messaging
   * service), record into this app's registry without passing it by hand.
   */
  static building<T>(metrics: AppMetrics, build: () => Promise<T>): Promise<T> {
    return building.run(metrics, build);
  }

  /** The metrics of the app being built, or undefined outside startHttpApp (a test's own client). */
  static current(): AppMetrics | undefined {
    return building.getStore();
  }
}
