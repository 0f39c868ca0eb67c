import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { GatewayAppConfig, gatewayAppEnv, loadConfig } from '@threadline/platform';

export class SchedulerMockConfig extends GatewayAppConfig {
  override port: number = 4103;

  /** Replenishment time assumed for a purchased component the plant has no stock of. */
  @IsInt()
  @Min(0)
  @Max(365)
  purchaseLeadTimeDays: number = 14;

  /**
   * Webhook subscribers may be public hosts. Off by default: only loopback and private-network
   * hosts are called, so a subscription cannot turn the mock into a proxy towards the internet.
   */
  @IsBoolean()
  webhookAllowPublicHosts: boolean = false;

  /** Delivery attempts per webhook (the first included) before giving up. */
  @IsInt()
  @Min(1)
  @Max(20)
  webhookMaxAttempts: number = 5;

  /** Wait before the first retry; doubled on each further one (with jitter). */
  @IsInt()
  @Min(10)
  @Max(600_000)
  webhookBackoffMs: number = 500;

  @IsInt()
  @Min(100)
  @Max(120_000)
  webhookTimeoutMs: number = 5_000;
}

function flag(value: string | undefined): boolean | string | undefined {
  if (value === undefined || value === '') return undefined;
  const known: Record<string, boolean> = { true: true, '1': true, false: false, '0': false };
  return known[value.toLowerCase()] ?? value;
}

export function schedulerMockConfigFromEnv(env: NodeJS.ProcessEnv): SchedulerMockConfig {
  return loadConfig('scheduler-mock', SchedulerMockConfig, {
    ...gatewayAppEnv(env),
    purchaseLeadTimeDays: env.PURCHASE_LEAD_TIME_DAYS,
    webhookAllowPublicHosts: flag(env.WEBHOOK_ALLOW_PUBLIC_HOSTS),
    webhookMaxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
    webhookBackoffMs: env.WEBHOOK_BACKOFF_MS,
    webhookTimeoutMs: env.WEBHOOK_TIMEOUT_MS,
  });
}
