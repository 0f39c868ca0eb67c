import { IsInt, IsString, IsUrl, Max, Min } from 'class-validator';

/** What every app is configured with: where it listens and its database. */
export abstract class AppConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  port: number;

  @IsString()
  host: string = '127.0.0.1';

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  databaseUrl: string;
}

/** An app behind the gateway: it validates tokens from the IdP. */
export abstract class GatewayAppConfig extends AppConfig {
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  jwksUrl: string = 'http://127.0.0.1:4000/.well-known/jwks.json';

  @IsString()
  jwtIssuer: string = 'https://idp.threadline.local';
}

/** An app that also calls others with its own service token (client credentials). */
export abstract class ServiceClientAppConfig extends GatewayAppConfig {
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  tokenUrl: string = 'http://127.0.0.1:4000/oauth/token';

  @IsString()
  clientId: string;

  @IsString()
  clientSecret: string;
}

/** The environment variables of AppConfig: PORT, HOST, DATABASE_URL. */
export function appEnv(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return { port: env.PORT, host: env.HOST, databaseUrl: env.DATABASE_URL };
}

/** ... and of GatewayAppConfig: JWKS_URL, JWT_ISSUER. */
export function gatewayAppEnv(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return { ...appEnv(env), jwksUrl: env.JWKS_URL, jwtIssuer: env.JWT_ISSUER };
}

/** ... and of ServiceClientAppConfig: TOKEN_URL, CLIENT_ID, CLIENT_SECRET. */
export function serviceClientAppEnv(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return { ...gatewayAppEnv(env), tokenUrl: env.TOKEN_URL, clientId: env.CLIENT_ID, clientSecret: env.CLIENT_SECRET };
}
