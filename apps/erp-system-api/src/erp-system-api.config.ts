import { IsInt, IsString, IsUrl, Max, Min } from 'class-validator';
import { loadConfig } from '@threadline/platform';

export class ErpSystemApiConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  port: number = 4202;

  @IsString()
  host: string = '127.0.0.1';

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  databaseUrl: string;

  @IsUrl({ require_tld: false })
  jwksUrl: string = 'http://127.0.0.1:4000/.well-known/jwks.json';

  @IsString()
  jwtIssuer: string = 'https://idp.threadline.local';

  /** Where this API gets its own token for calling the ERP (client credentials). */
  @IsUrl({ require_tld: false })
  tokenUrl: string = 'http://127.0.0.1:4000/oauth/token';

  @IsString()
  clientId: string = 'threadline-connector';

  @IsString()
  clientSecret: string = 'connector-secret';

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
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    jwksUrl: env.JWKS_URL,
    jwtIssuer: env.JWT_ISSUER,
    tokenUrl: env.TOKEN_URL,
    clientId: env.CLIENT_ID,
    clientSecret: env.CLIENT_SECRET,
    erpBaseUrl: env.ERP_BASE_URL,
    erpTimeoutMs: env.ERP_TIMEOUT_MS,
    erpRetries: env.ERP_RETRIES,
  });
}
