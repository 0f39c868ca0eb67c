import { IsInt, IsOptional, IsString, IsUrl, Max, MaxLength, Min, MinLength } from 'class-validator';
import { AppConfig, appEnv, loadConfig } from '@threadline/platform';
import { DEFAULT_DASHBOARD_CLIENT_SECRET } from './clients/demo-clients';

export class IdpMockConfig extends AppConfig {
  override port: number = 4000;

  /** `iss` of every token; every app is configured to trust exactly this issuer. */
  @IsString()
  issuer: string = 'https://idp.threadline.local';

  /**
   * The address people's browsers reach the IdP at (`http://localhost:4000`): discovery names the
   * authorization and end-session endpoints under it. Unset: the address each discovery request came
   * to. The token, userinfo and JWKS endpoints are always named under that address.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  publicUrl?: string;

  /** `aud` of tokens when the client asks for none. */
  @IsString()
  defaultAudience: string = 'threadline';

  @IsInt()
  @Min(60)
  @Max(86400)
  tokenTtlSeconds: number = 3600;

  /** An authorization code is redeemed within seconds by a working client; a short life bounds a leaked one. */
  @IsInt()
  @Min(10)
  @Max(600)
  authorizationCodeTtlSeconds: number = 60;

  /** A signed-in person's refresh token: a working day. */
  @IsInt()
  @Min(60)
  @Max(30 * 86400)
  refreshTokenTtlSeconds: number = 8 * 3600;

  /** The web dashboard's client secret (client `threadline-dashboard`); the default is for the local demo only. */
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  dashboardClientSecret: string = DEFAULT_DASHBOARD_CLIENT_SECRET;
}

export function idpMockConfigFromEnv(env: NodeJS.ProcessEnv): IdpMockConfig {
  return loadConfig('idp-mock', IdpMockConfig, {
    ...appEnv(env),
    issuer: env.JWT_ISSUER,
    publicUrl: env.IDP_PUBLIC_URL,
    tokenTtlSeconds: env.TOKEN_TTL_SECONDS,
    // The launcher hands one environment to every app: the dashboard's OIDC_CLIENT_SECRET is this same secret.
    dashboardClientSecret: env.DASHBOARD_CLIENT_SECRET ?? env.OIDC_CLIENT_SECRET,
  });
}
