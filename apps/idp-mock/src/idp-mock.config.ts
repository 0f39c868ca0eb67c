import { IsInt, IsString, IsUrl, Max, Min } from 'class-validator';
import { loadConfig } from '@threadline/platform';

export class IdpMockConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  port: number = 4000;

  @IsString()
  host: string = '127.0.0.1';

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  databaseUrl: string;

  /** `iss` of every token; every app is configured to trust exactly this issuer. */
  @IsString()
  issuer: string = 'https://idp.threadline.local';

  /** `aud` of tokens when the client asks for none. */
  @IsString()
  defaultAudience: string = 'threadline';

  @IsInt()
  @Min(60)
  @Max(86400)
  tokenTtlSeconds: number = 3600;
}

export function idpMockConfigFromEnv(env: NodeJS.ProcessEnv): IdpMockConfig {
  return loadConfig('idp-mock', IdpMockConfig, {
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    issuer: env.JWT_ISSUER,
    tokenTtlSeconds: env.TOKEN_TTL_SECONDS,
  });
}
