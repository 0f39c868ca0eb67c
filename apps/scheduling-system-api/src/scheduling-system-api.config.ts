import { IsInt, IsString, IsUrl, Max, Min } from 'class-validator';
import { loadConfig } from '@threadline/platform';

export class SchedulingSystemApiConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  port: number = 4203;

  @IsString()
  host: string = '127.0.0.1';

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  databaseUrl: string;

  @IsUrl({ require_tld: false })
  jwksUrl: string = 'http://127.0.0.1:4000/.well-known/jwks.json';

  @IsString()
  jwtIssuer: string = 'https://idp.threadline.local';

  @IsUrl({ require_tld: false })
  tokenUrl: string = 'http://127.0.0.1:4000/oauth/token';

  @IsString()
  clientId: string = 'threadline-connector';

  @IsString()
  clientSecret: string = 'connector-secret';

  /** The scheduler (frePPLe) server; plants are addressed under it as /{plant}/. */
  @IsUrl({ require_tld: false })
  schedulerBaseUrl: string = 'http://127.0.0.1:4103';

  @IsInt()
  @Min(100)
  @Max(120_000)
  schedulerTimeoutMs: number = 10_000;
}

export function schedulingSystemApiConfigFromEnv(env: NodeJS.ProcessEnv): SchedulingSystemApiConfig {
  return loadConfig('scheduling-system-api', SchedulingSystemApiConfig, {
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    jwksUrl: env.JWKS_URL,
    jwtIssuer: env.JWT_ISSUER,
    tokenUrl: env.TOKEN_URL,
    clientId: env.CLIENT_ID,
    clientSecret: env.CLIENT_SECRET,
    schedulerBaseUrl: env.SCHEDULER_BASE_URL,
    schedulerTimeoutMs: env.SCHEDULER_TIMEOUT_MS,
  });
}
