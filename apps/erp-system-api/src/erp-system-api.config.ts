import { IsInt, IsUrl, Max, Min } from 'class-validator';
import { ServiceClientAppConfig, serviceClientAppEnv, loadConfig } from '@threadline/platform';

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
}

export function erpSystemApiConfigFromEnv(env: NodeJS.ProcessEnv): ErpSystemApiConfig {
  return loadConfig('erp-system-api', ErpSystemApiConfig, {
    ...serviceClientAppEnv(env),
    erpBaseUrl: env.ERP_BASE_URL,
    erpTimeoutMs: env.ERP_TIMEOUT_MS,
    erpRetries: env.ERP_RETRIES,
  });
}
