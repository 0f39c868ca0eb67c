import { ConfigError } from '@threadline/platform';
import { DEMO_DASHBOARD_COOKIE_SECRET, experienceApiConfigFromEnv } from '../experience-api.config';

describe("the dashboard's settings (checked at boot)", () => {
  it('runs the demo with defaults: the local IdP, the threadline-dashboard client, the demo cookie secret', () => {
    const config = experienceApiConfigFromEnv({ DATABASE_URL: 'postgres://localhost/t', NODE_ENV: 'production' });
    expect(config).toMatchObject({
      oidcIssuerUrl: 'http://127.0.0.1:4000',
      oidcClientId: 'threadline-dashboard',
      processApiUrl: 'http://127.0.0.1:4301',
      dashboardCookieSecret: DEMO_DASHBOARD_COOKIE_SECRET,
    });
    expect(config.dashboardPublicUrl).toBeUndefined();
  });

  it('points at another IdP by configuration alone', () => {
    const config = experienceApiConfigFromEnv({
      DATABASE_URL: 'postgres://localhost/t',
      OIDC_ISSUER_URL: 'https://kc.example.com/realms/plant',
      OIDC_CLIENT_ID: 'dashboard',
      OIDC_CLIENT_SECRET: 's3cret',
      DASHBOARD_PUBLIC_URL: 'https://dash.example.com',
      DASHBOARD_COOKIE_SECRET: 'x'.repeat(40),
    });
    expect(config).toMatchObject({ oidcIssuerUrl: 'https://kc.example.com/realms/plant', oidcClientId: 'dashboard', dashboardPublicUrl: 'https://dash.example.com' });
  });

  it('stops at boot on a bad setting, and on the demo secret for a dashboard served over https', () => {
    const env = { DATABASE_URL: 'postgres://localhost/t' };
    expect(() => experienceApiConfigFromEnv({ ...env, DASHBOARD_COOKIE_SECRET: 'short' })).toThrow(/dashboardCookieSecret/);
    expect(() => experienceApiConfigFromEnv({ ...env, OIDC_ISSUER_URL: 'not a url' })).toThrow(/oidcIssuerUrl/);
    expect(() => experienceApiConfigFromEnv({ ...env, DASHBOARD_PUBLIC_URL: 'https://dash.example.com' })).toThrow(ConfigError);
  });
});
