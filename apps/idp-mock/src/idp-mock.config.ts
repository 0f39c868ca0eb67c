import { IsInt, IsString, Max, Min } from 'class-validator';
import { AppConfig, appEnv, loadConfig } from '@threadline/platform';

export class IdpMockConfig extends AppConfig {
  override port: number = 4000;

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
    ...appEnv(env),
    issuer: env.JWT_ISSUER,
    tokenTtlSeconds: env.TOKEN_TTL_SECONDS,
  });
}
