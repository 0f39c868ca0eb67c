import { ArrayMaxSize, IsArray, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { GatewayAppConfig, gatewayAppEnv, loadConfig } from '@threadline/platform';

export class PlmMockConfig extends GatewayAppConfig {
  override port: number = 4101;

  /** Server-driven page size of OData collections (rows before an @odata.nextLink). */
  @IsInt()
  @Min(1)
  @Max(1000)
  pageSize: number = 100;

  /**
   * Hosts webhook subscribers may live on (exact host names or IP literals, `*` for any): the
   * SSRF guard. Link-local and unspecified addresses are refused whatever this says.
   */
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  webhookAllowedHosts: string[] = ['127.0.0.1', 'localhost', '[::1]'];

  /** Attempts per webhook delivery (the first one included). */
  @IsInt()
  @Min(1)
  @Max(10)
  webhookMaxAttempts: number = 4;

  /** Delay before the first retry; doubles for each further one. */
  @IsInt()
  @Min(0)
  @Max(60_000)
  webhookRetryBaseMs: number = 500;

  /** Per-attempt timeout of a delivery. */
  @IsInt()
  @Min(100)
  @Max(60_000)
  webhookTimeoutMs: number = 5_000;
}

export function plmMockConfigFromEnv(env: NodeJS.ProcessEnv): PlmMockConfig {
  return loadConfig('plm-mock', PlmMockConfig, {
    ...gatewayAppEnv(env),
    pageSize: env.ODATA_PAGE_SIZE,
    webhookAllowedHosts: env.WEBHOOK_ALLOWED_HOSTS?.split(',').map((h) => h.trim()).filter(Boolean),
    webhookMaxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
    webhookRetryBaseMs: env.WEBHOOK_RETRY_BASE_MS,
    webhookTimeoutMs: env.WEBHOOK_TIMEOUT_MS,
  });
}
