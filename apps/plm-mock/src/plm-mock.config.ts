import { IsInt, IsString, IsUrl, Max, Min } from 'class-validator';
import { loadConfig } from '@threadline/platform';

export class PlmMockConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  port: number = 4101;

  @IsString()
  host: string = '127.0.0.1';

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  databaseUrl: string;

  @IsUrl({ protocols: ['http', 'https'], require_tld: false })
  jwksUrl: string = 'http://127.0.0.1:4000/.well-known/jwks.json';

  @IsString()
  jwtIssuer: string = 'https://idp.threadline.local';

  /** Server-driven page size of OData collections (rows before an @odata.nextLink). */
  @IsInt()
  @Min(1)
  @Max(1000)
  pageSize: number = 100;
}

export function plmMockConfigFromEnv(env: NodeJS.ProcessEnv): PlmMockConfig {
  return loadConfig('plm-mock', PlmMockConfig, {
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    jwksUrl: env.JWKS_URL,
    jwtIssuer: env.JWT_ISSUER,
    pageSize: env.ODATA_PAGE_SIZE,
  });
}
