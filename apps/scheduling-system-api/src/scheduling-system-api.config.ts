import { IsArray, IsBoolean, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { BackendLimits, ServiceClientAppConfig, serviceClientAppEnv, loadConfig } from '@threadline/platform';

export class SchedulingSystemApiConfig extends ServiceClientAppConfig {
  override port: number = 4203;
  override clientId: string = 'threadline-connector';
  override clientSecret: string = 'connector-secret';

  /** The scheduler (frePPLe) server; plants are addressed under it as /{plant}/. */
  @IsUrl({ require_tld: false })
  schedulerBaseUrl: string = 'http://127.0.0.1:4103';

  @IsInt()
  @Min(100)
  @Max(120_000)
  schedulerTimeoutMs: number = 10_000;

  /**
   * How long a plant's re-plan waits for more changes to plan with (one run serves them all);
   * 0: no wait, though still one run per plant at a time.
   */
  @IsInt()
  @Min(0)
  @Max(10_000)
  replanCoalesceMs: number = 50;

  /**
   * The client that subscribes this API to the scheduler's webhooks (scope mock:subscribe, or
   * mock:admin). The demo connector identity has it; a real APS may need a separate one.
   */
  @IsString()
  schedulerAdminClientId: string = 'threadline-connector';

  @IsString()
  schedulerAdminClientSecret: string = 'connector-secret';

  /** Shared secret of the scheduler's webhook signatures (HMAC-SHA256). Demo default; set your own. */
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  webhookSecret: string = 'threadline-demo-scheduler-webhook-secret';

  /** How the scheduler reaches this API; default http://<host>:<the port it listens on>. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  publicUrl?: string;

  /** Subscribe to the scheduler's exception webhooks at start-up (in the background). */
  @IsBoolean()
  webhookSubscribe: boolean = true;

  /**
   * How often every plant's current exceptions are reconciled with what was announced, to catch
   * up on webhooks that never arrived (also once at start-up).
   */
  @IsInt()
  @Min(1_000)
  @Max(86_400_000)
  reconcileIntervalMs: number = 60_000;

  /** Reconcile in the background at all (off only where something else drives it, e.g. a test). */
  @IsBoolean()
  reconcilePolling: boolean = true;

  /** Plants to subscribe to and reconcile; default: every plant the scheduler lists. */
  @IsOptional()
  @IsArray()
  @Matches(/^[A-Z0-9]{1,10}$/, { each: true })
  plants?: string[];

  /** Calls to the scheduler in flight at once; beyond it calls wait in line. 0: no limit. */
  @IsInt()
  @Min(0)
  @Max(1_000)
  schedulerMaxConcurrency: number = 32;

  /** Calls to the scheduler started per second (what its API limit allows); 0: no limit. */
  @IsInt()
  @Min(0)
  @Max(100_000)
  schedulerRatePerSecond: number = 0;

  /** The longest a call waits in line for those limits before the caller gets 503 BACKEND_UNAVAILABLE. */
  @IsInt()
  @Min(1)
  @Max(120_000)
  schedulerQueueTimeoutMs: number = 5_000;

  /** The scheduler's limits, for its connector's HTTP clients. */
  get schedulerLimits(): BackendLimits {
    return { maxConcurrent: this.schedulerMaxConcurrency, ratePerSecond: this.schedulerRatePerSecond, maxQueueWaitMs: this.schedulerQueueTimeoutMs };
  }
}

export function schedulingSystemApiConfigFromEnv(env: NodeJS.ProcessEnv): SchedulingSystemApiConfig {
  return loadConfig('scheduling-system-api', SchedulingSystemApiConfig, {
    ...serviceClientAppEnv(env),
    schedulerBaseUrl: env.SCHEDULER_BASE_URL,
    schedulerTimeoutMs: env.SCHEDULER_TIMEOUT_MS,
    replanCoalesceMs: env.REPLAN_COALESCE_MS,
    schedulerAdminClientId: env.SCHEDULER_ADMIN_CLIENT_ID,
    schedulerAdminClientSecret: env.SCHEDULER_ADMIN_CLIENT_SECRET,
    webhookSecret: env.SCHEDULER_WEBHOOK_SECRET,
    publicUrl: env.PUBLIC_URL,
    plants: env.PLANTS ? env.PLANTS.split(',').map((p) => p.trim()).filter(Boolean) : undefined,
    webhookSubscribe: env.SCHEDULER_WEBHOOK_SUBSCRIBE === undefined ? undefined : env.SCHEDULER_WEBHOOK_SUBSCRIBE !== 'false',
    reconcileIntervalMs: env.SCHEDULER_RECONCILE_INTERVAL_MS,
    reconcilePolling: env.SCHEDULER_RECONCILE_POLLING === undefined ? undefined : env.SCHEDULER_RECONCILE_POLLING !== 'false',
    schedulerMaxConcurrency: env.SCHEDULER_MAX_CONCURRENCY,
    schedulerRatePerSecond: env.SCHEDULER_RATE_PER_SECOND,
    schedulerQueueTimeoutMs: env.SCHEDULER_QUEUE_TIMEOUT_MS,
  });
}
