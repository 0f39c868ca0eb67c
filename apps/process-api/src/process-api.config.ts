import { IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { loadConfig } from '@threadline/platform';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class ProcessApiConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  port: number = 4301;

  @IsString()
  host: string = '127.0.0.1';

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  databaseUrl: string;

  @IsUrl(URL_OPTIONS)
  jwksUrl: string = 'http://127.0.0.1:4000/.well-known/jwks.json';

  @IsString()
  jwtIssuer: string = 'https://idp.threadline.local';

  @IsUrl(URL_OPTIONS)
  tokenUrl: string = 'http://127.0.0.1:4000/oauth/token';

  /** The process layer's service identity toward the system APIs. */
  @IsString()
  clientId: string = 'threadline-process';

  @IsString()
  clientSecret: string = 'process-secret';

  @IsUrl(URL_OPTIONS)
  plmSystemApiUrl: string = 'http://127.0.0.1:4201';

  @IsUrl(URL_OPTIONS)
  erpSystemApiUrl: string = 'http://127.0.0.1:4202';

  @IsUrl(URL_OPTIONS)
  schedulingSystemApiUrl: string = 'http://127.0.0.1:4203';

  /** Timeout of one call to a system API. */
  @IsInt()
  @Min(100)
  @Max(120_000)
  systemApiTimeoutMs: number = 10_000;

  /** Governance policy as JSON (see README); overrides the file. Unset: the documented default. */
  @IsOptional()
  @IsString()
  governancePolicy?: string;

  @IsOptional()
  @IsString()
  governancePolicyFile?: string;
}

export function processApiConfigFromEnv(env: NodeJS.ProcessEnv): ProcessApiConfig {
  return loadConfig('process-api', ProcessApiConfig, {
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    jwksUrl: env.JWKS_URL,
    jwtIssuer: env.JWT_ISSUER,
    tokenUrl: env.TOKEN_URL,
    clientId: env.CLIENT_ID,
    clientSecret: env.CLIENT_SECRET,
    plmSystemApiUrl: env.PLM_SYSTEM_API_URL,
    erpSystemApiUrl: env.ERP_SYSTEM_API_URL,
    schedulingSystemApiUrl: env.SCHEDULING_SYSTEM_API_URL,
    systemApiTimeoutMs: env.SYSTEM_API_TIMEOUT_MS,
    governancePolicy: env.GOVERNANCE_POLICY,
    governancePolicyFile: env.GOVERNANCE_POLICY_FILE,
  });
}
