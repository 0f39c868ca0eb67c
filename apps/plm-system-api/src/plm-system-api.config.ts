import { IsBoolean, IsInt, IsOptional, IsString, IsUrl, Max, MaxLength, Min, MinLength } from 'class-validator';
import { BackendLimits, ServiceClientAppConfig, serviceClientAppEnv, loadConfig } from '@threadline/platform';

export class PlmSystemApiConfig extends ServiceClientAppConfig {
  override port: number = 4201;
  override clientId: string = 'threadline-connector';
  override clientSecret: string = 'connector-secret';

  /** Base URL of the PLM (Windchill) server; the OData paths are appended to it. */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false })
  plmBaseUrl: string = 'http://127.0.0.1:4101';

  /** Per-call timeout towards PLM: a hung backend becomes a 504, never a hung request. */
  @IsInt()
  @Min(100)
  @Max(120_000)
  plmTimeoutMs: number = 10_000;

  /**
   * Shared secret of PLM's webhook signatures (HMAC-SHA256). The default is for the local demo
   * only; a deployment sets its own.
   */
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  webhookSecret: string = 'threadline-demo-plm-webhook-secret';

  /** The URL PLM reaches this API at; default `http://127.0.0.1:<port>` once listening. */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  publicUrl?: string;

  /** Subscribe to PLM's release webhooks at start-up (in the background). */
  @IsBoolean()
  webhookSubscribe: boolean = true;

  /**
   * The identity that manages webhook subscriptions in PLM (scope mock:subscribe, or mock:admin, in
   * the simulated Windchill). The demo connector identity has it; a real PLM may need a separate one.
   */
  @IsString()
  @MaxLength(100)
  plmAdminClientId: string = 'threadline-connector';

  @IsString()
  @MaxLength(200)
  plmAdminClientSecret: string = 'connector-secret';

  /** How often the change feed is read to catch up on missed webhooks (also once at start-up). */
  @IsInt()
  @Min(1_000)
  @Max(86_400_000)
  feedIntervalMs: number = 30_000;

  /** Read the change feed in the background at all (off only where something else drives it). */
  @IsBoolean()
  feedPolling: boolean = true;

  /** Calls to PLM in flight at once; beyond it calls wait in line. 0: no limit. */
  @IsInt()
  @Min(0)
  @Max(1_000)
  plmMaxConcurrency: number = 32;

  /** Calls to PLM started per second (what its API limit allows); 0: no limit. */
  @IsInt()
  @Min(0)
  @Max(100_000)
  plmRatePerSecond: number = 0;

  /** The longest a call waits in line for those limits before the caller gets 503 BACKEND_UNAVAILABLE. */
  @IsInt()
  @Min(1)
  @Max(120_000)
  plmQueueTimeoutMs: number = 5_000;

  /**
   * Longest a master-data answer is kept in this API's cache (seconds); 0: no cache. Every change to
   * PLM master data comes with a release event, which drops what it changed.
   */
  @IsInt()
  @Min(0)
  @Max(86_400)
  masterDataCacheTtlSeconds: number = 300;

  /** Most master-data answers kept (least recently read go first). */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  masterDataCacheMaxEntries: number = 10_000;

  /** PLM's limits, for its connector's HTTP client. */
  get plmLimits(): BackendLimits {
    return { maxConcurrent: this.plmMaxConcurrency, ratePerSecond: this.plmRatePerSecond, maxQueueWaitMs: this.plmQueueTimeoutMs };
  }
}

export function plmSystemApiConfigFromEnv(env: NodeJS.ProcessEnv): PlmSystemApiConfig {
  return loadConfig('plm-system-api', PlmSystemApiConfig, {
    ...serviceClientAppEnv(env),
    plmBaseUrl: env.PLM_BASE_URL,
    plmTimeoutMs: env.PLM_TIMEOUT_MS,
    webhookSecret: env.PLM_WEBHOOK_SECRET,
    publicUrl: env.PUBLIC_URL,
    webhookSubscribe: env.PLM_WEBHOOK_SUBSCRIBE === undefined ? undefined : env.PLM_WEBHOOK_SUBSCRIBE !== 'false',
    plmAdminClientId: env.PLM_ADMIN_CLIENT_ID,
    plmAdminClientSecret: env.PLM_ADMIN_CLIENT_SECRET,
    feedIntervalMs: env.PLM_FEED_INTERVAL_MS,
    feedPolling: env.PLM_FEED_POLLING === undefined ? undefined : env.PLM_FEED_POLLING !== 'false',
    plmMaxConcurrency: env.PLM_MAX_CONCURRENCY,
    plmRatePerSecond: env.PLM_RATE_PER_SECOND,
    plmQueueTimeoutMs: env.PLM_QUEUE_TIMEOUT_MS,
    masterDataCacheTtlSeconds: env.MASTER_DATA_CACHE_TTL_SECONDS,
    masterDataCacheMaxEntries: env.MASTER_DATA_CACHE_MAX_ENTRIES,
  });
}
