import { IsInt, IsString, IsUrl, Max, MaxLength, Min } from 'class-validator';
import { loadConfig } from '@threadline/platform';

export class PlmSystemApiConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  port: number = 4201;

  @IsString()
  host: string = '127.0.0.1';

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  databaseUrl: string;

  @IsUrl({ protocols: ['http', 'https'], require_tld: false })
  jwksUrl: string = 'http://127.0.0.1:4000/.well-known/jwks.json';

  @IsString()
  jwtIssuer: string = 'https://idp.threadline.local';

  /** Where the connector gets its service token (client credentials) for calling PLM. */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false })
  tokenUrl: string = 'http://127.0.0.1:4000/oauth/token';

  @IsString()
  @MaxLength(100)
  clientId: string = 'threadline-connector';

  @IsString()
  @MaxLength(200)
  clientSecret: string = 'connector-secret';

  /** Base URL of the PLM (Windchill) server; the OData paths are appended to it. */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false })
  plmBaseUrl: string = 'http://127.0.0.1:4101';

  /** Per-call timeout towards PLM: a hung backend becomes a 504, never a hung request. */
  @IsInt()
  @Min(100)
  @Max(120_000)
  plmTimeoutMs: number = 10_000;
}

export function plmSystemApiConfigFromEnv(env: NodeJS.ProcessEnv): PlmSystemApiConfig {
  return loadConfig('plm-system-api', PlmSystemApiConfig, {
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    jwksUrl: env.JWKS_URL,
    jwtIssuer: env.JWT_ISSUER,
    tokenUrl: env.TOKEN_URL,
    clientId: env.CLIENT_ID,
    clientSecret: env.CLIENT_SECRET,
    plmBaseUrl: env.PLM_BASE_URL,
    plmTimeoutMs: env.PLM_TIMEOUT_MS,
  });
}
