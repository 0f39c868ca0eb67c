import { IsOptional, IsString, IsUrl, MinLength } from 'class-validator';
import { ConfigError, GatewayAppConfig, gatewayAppEnv, loadConfig } from '@threadline/platform';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** The demo cookie secret `npm start` runs with; refused for a dashboard served over https. */
export const DEMO_DASHBOARD_COOKIE_SECRET = 'threadline-demo-dashboard-cookie-secret-not-for-production';

export class ExperienceApiConfig extends GatewayAppConfig {
  override port: number = 4401;

  /** The process API the dashboard reads exception cases and operations from (with the signed-in person's token). */
  @IsUrl(URL_OPTIONS)
  processApiUrl: string = 'http://127.0.0.1:4301';

  /**
   * The dashboard's OpenID Connect provider: its discovery document is `<issuer>/.well-known/openid-configuration`.
   * Keycloak `https://kc.example.com/realms/<realm>`, Entra ID `https://login.microsoftonline.com/<tenant>/v2.0`, Okta `https://<org>.okta.com`.
   */
  @IsUrl(URL_OPTIONS)
  oidcIssuerUrl: string = 'http://127.0.0.1:4000';

  @IsString()
  oidcClientId: string = 'threadline-dashboard';

  @IsString()
  oidcClientSecret: string = 'dashboard-oidc-secret';

  /** Space-separated scopes asked for at sign-in (besides `openid`). */
  @IsString()
  oidcScopes: string = 'openid profile';

  /**
   * Where people open the dashboard (`https://dash.example.com`); the redirect URI is `<publicUrl>/auth/callback`.
   * Unset: the app's own loopback address (http://127.0.0.1:<port>).
   */
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  dashboardPublicUrl?: string;

  /** Seals the session's tokens at rest and the sign-in state cookie (at least 32 characters). */
  @IsString()
  @MinLength(32)
  dashboardCookieSecret: string = DEMO_DASHBOARD_COOKIE_SECRET;
}

export function experienceApiConfigFromEnv(env: NodeJS.ProcessEnv): ExperienceApiConfig {
  const config = loadConfig('experience-api', ExperienceApiConfig, {
    ...gatewayAppEnv(env),
    processApiUrl: env.PROCESS_API_URL,
    oidcIssuerUrl: env.OIDC_ISSUER_URL,
    oidcClientId: env.OIDC_CLIENT_ID,
    oidcClientSecret: env.OIDC_CLIENT_SECRET,
    oidcScopes: env.OIDC_SCOPES,
    dashboardPublicUrl: env.DASHBOARD_PUBLIC_URL,
    dashboardCookieSecret: env.DASHBOARD_COOKIE_SECRET,
  });
  // A dashboard served to people over https that forgot its secret must not run with the one in
  // the README. (NODE_ENV=production alone is no sign: `npm start` runs so for JSON logs.)
  if (config.dashboardPublicUrl?.startsWith('https:') && config.dashboardCookieSecret === DEMO_DASHBOARD_COOKIE_SECRET) {
    throw new ConfigError('experience-api', ['dashboardCookieSecret (set DASHBOARD_COOKIE_SECRET: the demo secret is refused for an https DASHBOARD_PUBLIC_URL)']);
  }
  return config;
}
