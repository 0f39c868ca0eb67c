import { IsBoolean, IsInt, IsUrl, Max, Min } from 'class-validator';
import { BackendLimits, ServiceClientAppConfig, serviceClientAppEnv, loadConfig } from '@threadline/platform';

export class ErpSystemApiConfig extends ServiceClientAppConfig {
  override port: number = 4202;
  override clientId: string = 'threadline-connector';
  override clientSecret: string = 'connector-secret';

  /** The S/4HANA host; the OData services live under /sap/opu/odata/sap on it. */
  @IsUrl({ require_tld: false })
  erpBaseUrl: string = 'http://127.0.0.1:4102';

  /** Per call to the ERP: a slow ERP gives our caller a 504, never a hang. */
  @IsInt()
  @Min(100)
  @Max(120_000)
  erpTimeoutMs: number = 5_000;

  /** Retries of idempotent ERP calls (reads) after a transient failure. */
  @IsInt()
  @Min(0)
  @Max(5)
  erpRetries: number = 2;

  /** How often the change feeds (work orders, material availability, master data) are read (also once at start-up). */
  @IsInt()
  @Min(1_000)
  @Max(86_400_000)
  feedIntervalMs: number = 30_000;

  /** Read the change feed in the background at all (off only where something else drives it, e.g. a test). */
  @IsBoolean()
  feedPolling: boolean = true;

  /**
   * Changes younger than this are left for the next read. ERP stamps a change when its transaction
   * starts, so one that commits late can carry an earlier time than a change already read; waiting
   * this long before reading a time lets such commits land. Covers commit delay and clock skew
   * between ERP and this API.
   */
  @IsInt()
  @Min(0)
  @Max(600_000)
  feedSettleMs: number = 5_000;

  /** Calls to the ERP in flight at once; beyond it calls wait in line. 0: no limit. */
  @IsInt()
  @Min(0)
  @Max(1_000)
  erpMaxConcurrency: number = 32;

  /** Calls to the ERP started per second (what its API limit allows); 0: no limit. */
  @IsInt()
  @Min(0)
  @Max(100_000)
  erpRatePerSecond: number = 0;

  /** The longest a call waits in line for those limits before the caller gets 503 BACKEND_UNAVAILABLE. */
  @IsInt()
  @Min(1)
  @Max(120_000)
  erpQueueTimeoutMs: number = 5_000;

  /**
   * Longest a master-data answer is kept in this API's cache (seconds); 0: no cache. A change made
   * in ERP directly is dropped when the master-data feed reads its change pointer (within
   * `feedIntervalMs`); this bounds what a feed that cannot reach ERP misses, so keep it short.
   */
  @IsInt()
  @Min(0)
  @Max(86_400)
  masterDataCacheTtlSeconds: number = 60;

  /** Most master-data answers kept (least recently read go first). */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  masterDataCacheMaxEntries: number = 10_000;

  /** The ERP's limits, for its connector's HTTP client. */
  get erpLimits(): BackendLimits {
    return { maxConcurrent: this.erpMaxConcurrency, ratePerSecond: this.erpRatePerSecond, maxQueueWaitMs: this.erpQueueTimeoutMs };
  }
}

export function erpSystemApiConfigFromEnv(env: NodeJS.ProcessEnv): ErpSystemApiConfig {
  return loadConfig('erp-system-api', ErpSystemApiConfig, {
    ...serviceClientAppEnv(env),
    erpBaseUrl: env.ERP_BASE_URL,
    erpTimeoutMs: env.ERP_TIMEOUT_MS,
    erpRetries: env.ERP_RETRIES,
    feedIntervalMs: env.ERP_FEED_INTERVAL_MS,
    feedPolling: env.ERP_FEED_POLLING === undefined ? undefined : env.ERP_FEED_POLLING !== 'false',
    feedSettleMs: env.ERP_FEED_SETTLE_MS,
    erpMaxConcurrency: env.ERP_MAX_CONCURRENCY,
    erpRatePerSecond: env.ERP_RATE_PER_SECOND,
    erpQueueTimeoutMs: env.ERP_QUEUE_TIMEOUT_MS,
    masterDataCacheTtlSeconds: env.MASTER_DATA_CACHE_TTL_SECONDS,
    masterDataCacheMaxEntries: env.MASTER_DATA_CACHE_MAX_ENTRIES,
  });
}
