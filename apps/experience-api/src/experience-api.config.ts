import { IsInt, IsString, IsUrl, Max, Min } from 'class-validator';
import { loadConfig } from '@threadline/platform';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class ExperienceApiConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  port: number = 4401;

  @IsString()
  host: string = '127.0.0.1';

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  databaseUrl: string;

  @IsUrl(URL_OPTIONS)
  jwksUrl: string = 'http://127.0.0.1:4000/.well-known/jwks.json';

  @IsString()
  jwtIssuer: string = 'https://idp.threadline.local';
}

export function experienceApiConfigFromEnv(env: NodeJS.ProcessEnv): ExperienceApiConfig {
  return loadConfig('experience-api', ExperienceApiConfig, {
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    jwksUrl: env.JWKS_URL,
    jwtIssuer: env.JWT_ISSUER,
  });
}
