import { Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { CurrentPrincipal, GatewayAuthModule, Principal, RequireScopes, Scopes } from '@threadline/gateway-auth';
import { RunningApp, startHttpApp } from '@threadline/platform';
import { decode } from 'jsonwebtoken';
import { BaseClient, errors, generators, Issuer, TokenSet } from 'openid-client';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { startTestIdp, TestIdp } from '../../../../test/support/idp';
import { DASHBOARD_CLIENT_ID, DEFAULT_DASHBOARD_CLIENT_SECRET } from '../clients/demo-clients';
import { startIdpMock } from '../idp-mock.app';
import { IdpMockConfig } from '../idp-mock.config';

/**
 * People sign in through the IdP as the dashboard will: openid-client 5.7 (the library the
 * dashboard uses) discovers the IdP, builds the authorization URL with PKCE and redeems the code;
 * the sign-in form is posted over plain HTTP, as a browser would.
 */

// The dashboard's callback on a port nobody listens on: the loopback rule accepts any port, and the
// test reads the code from the redirect's Location instead of following it.
const REDIRECT_URI = 'http://127.0.0.1:54321/auth/callback';

@Controller()
class ExperienceProbe {
  @Get('dashboards')
  @RequireScopes(Scopes.ExperienceRead)
  dashboards(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}

/** The process API's scopes as its controllers declare them (releases, exception resolution, dead letters). */
@Controller()
class ProcessProbe {
  @Get('releases')
  @RequireScopes(Scopes.ReleasesRead, Scopes.ReleasesWrite)
  releases(): { ok: true } {
    return { ok: true };
  }

  @Post('exceptions/resolution')
  @HttpCode(200)
  @RequireScopes(Scopes.ReleasesWrite)
  resolve(): { ok: true } {
    return { ok: true };
  }

  @Get('dead-letters')
  @RequireScopes(Scopes.OpsReplay)
  deadLetters(): { ok: true } {
    return { ok: true };
  }
}

interface SignInAttempt {
  authorizationUrl: string;
  codeVerifier: string;
  state: string;
  nonce: string;
}

function unescapeHtml(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}

/** The sign-in form's action and hidden fields, read from the page as a browser would submit them. */
function formOf(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no sign-in form in ${html.slice(0, 300)}`);
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[match[1]] = unescapeHtml(match[2]);
  return { action: unescapeHtml(action), fields };
}

describe('idp-mock OpenID Connect sign-in (real Postgres, real HTTP, openid-client 5.7)', () => {
  let db: TestDatabase;
  let idp: TestIdp;
  let experience: RunningApp;
  let processApi: RunningApp;
  let issuer: Issuer<BaseClient>;
  let dashboard: BaseClient;

  const count = (table: 'authorization_codes' | 'refresh_tokens', where = 'true'): Promise<number> =>
    db.withClient(async (c) => Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM idp_mock.${table} WHERE ${where}`)).rows[0].n));

  function start(client = dashboard, extra: Record<string, string> = {}): SignInAttempt {
    const codeVerifier = generators.codeVerifier();
    const state = generators.state();
    const nonce = generators.nonce();
    const authorizationUrl = client.authorizationUrl({
      scope: 'openid profile email',
      redirect_uri: REDIRECT_URI,
      code_challenge: generators.codeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...extra,
    });
    return { authorizationUrl, codeVerifier, state, nonce };
  }

  /** Opens the sign-in page and posts it; the raw answer (303 to the client, or the form again). */
  async function postSignIn(attempt: SignInAttempt, username: string, password: string): Promise<Response> {
    const page = await fetch(attempt.authorizationUrl, { redirect: 'manual' });
    expect(page.status).toBe(200);
    const { action, fields } = formOf(await page.text());
    return fetch(new URL(action, attempt.authorizationUrl), { method: 'POST', redirect: 'manual', body: new URLSearchParams({ ...fields, username, password, action: 'sign-in' }) });
  }

  /** Signs in and returns where the IdP sends the browser back to (with the code). */
  async function signIn(attempt: SignInAttempt, username: string, password = 'demo'): Promise<string> {
    const answer = await postSignIn(attempt, username, password);
    expect(answer.status).toBe(303);
    return answer.headers.get('location')!;
  }

  async function signInAndRedeem(username: string, client = dashboard): Promise<{ tokens: TokenSet; attempt: SignInAttempt }> {
    const attempt = start(client);
    const location = await signIn(attempt, username);
    const tokens = await client.callback(REDIRECT_URI, client.callbackParams(location), { code_verifier: attempt.codeVerifier, state: attempt.state, nonce: attempt.nonce });
    return { tokens, attempt };
  }

  beforeAll(async () => {
    db = await createTestDatabase('idp_oidc');
    idp = await startTestIdp(db.url);
    @Module({ imports: [GatewayAuthModule.forApp({ appName: 'experience-probe', jwksUrl: idp.jwksUrl, issuer: idp.issuer, audience: 'experience-api' })], controllers: [ExperienceProbe] })
    class ExperienceProbeModule {}
    @Module({ imports: [GatewayAuthModule.forApp({ appName: 'process-probe', jwksUrl: idp.jwksUrl, issuer: idp.issuer, audience: 'process-api' })], controllers: [ProcessProbe] })
    class ProcessProbeModule {}
    experience = await startHttpApp(ExperienceProbeModule, { name: 'experience-probe', title: 'probe', description: 'probe', version: '0', port: 0 });
    processApi = await startHttpApp(ProcessProbeModule, { name: 'process-probe', title: 'probe', description: 'probe', version: '0', port: 0 });
    issuer = await Issuer.discover(idp.url);
    dashboard = new issuer.Client({
      client_id: DASHBOARD_CLIENT_ID,
      client_secret: DEFAULT_DASHBOARD_CLIENT_SECRET,
      redirect_uris: [REDIRECT_URI],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    });
  });

  afterAll(async () => {
    await experience?.close();
    await processApi?.close();
    await idp?.close();
    await db?.drop();
  });

  it('is discovered: issuer, endpoints under the address it was reached at, code flow with S256 only', () => {
    expect(issuer.metadata).toMatchObject({
      issuer: idp.issuer,
      authorization_endpoint: `${idp.url}/oauth/authorize`,
      token_endpoint: `${idp.url}/oauth/token`,
      userinfo_endpoint: `${idp.url}/oauth/userinfo`,
      end_session_endpoint: `${idp.url}/oauth/logout`,
      jwks_uri: `${idp.url}/.well-known/jwks.json`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
    expect(issuer.metadata.grant_types_supported).toEqual(expect.arrayContaining(['client_credentials', 'authorization_code', 'refresh_token']));
    expect(issuer.metadata.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile', 'email']));
  });

  it("names the browser's endpoints under IDP_PUBLIC_URL and the back channel where the client asked (inner and outer host names)", async () => {
    const config = Object.assign(new IdpMockConfig(), { port: 0, databaseUrl: db.url, publicUrl: 'http://localhost:4000/' });
    const behindName = await startIdpMock(config);
    try {
      const discovered = (await Issuer.discover(behindName.url)).metadata;
      expect(discovered).toMatchObject({
        issuer: idp.issuer,
        authorization_endpoint: 'http://localhost:4000/oauth/authorize',
        end_session_endpoint: 'http://localhost:4000/oauth/logout',
        token_endpoint: `${behindName.url}/oauth/token`,
        userinfo_endpoint: `${behindName.url}/oauth/userinfo`,
        jwks_uri: `${behindName.url}/.well-known/jwks.json`,
      });
    } finally {
      await behindName.close();
    }
  });

  it('serves an accessible sign-in page under a strict Content-Security-Policy', async () => {
    const page = await fetch(start().authorizationUrl, { redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const policy = page.headers.get('content-security-policy')!;
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("form-action 'self' http://127.0.0.1:54321");
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/<title>Sign in · Threadline<\/title>/);
    expect(html).toMatch(/<main>[\s\S]*<\/main>/);
    expect(html).toContain('<label for="username">Username</label>');
    expect(html).toContain('<label for="password">Password</label>');
    expect(html).toMatch(/<input id="password" name="password" type="password" autocomplete="current-password"/);
    // Posted to the origin the browser is on, which form-action 'self' allows.
    expect(html).toContain('<form method="post" action="/oauth/authorize">');
  });

  it('signs a planner in with the code flow and PKCE: ID token for the dashboard, access token the experience and process APIs accept', async () => {
    const { tokens, attempt } = await signInAndRedeem('paula');
    const id = tokens.claims();
    expect(id).toMatchObject({
      iss: idp.issuer,
      sub: 'paula',
      aud: DASHBOARD_CLIENT_ID,
      nonce: attempt.nonce,
      name: 'Paula Moreno',
      email: 'paula@threadline.example',
      preferred_username: 'paula',
      roles: ['planner'],
    });
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.refresh_token).toEqual(expect.any(String));
    const access = decode(tokens.access_token!) as Record<string, unknown>;
    expect(access).toMatchObject({ iss: idp.issuer, sub: 'paula', client_id: DASHBOARD_CLIENT_ID, aud: ['experience-api', 'process-api'], roles: ['planner'] });
    expect(String(access.scope).split(' ').sort()).toEqual(['email', 'experience:read', 'openid', 'profile', 'releases:read', 'releases:write']);

    const bearer = { authorization: `Bearer ${tokens.access_token}` };
    const seen = await fetch(`${experience.url}/dashboards`, { headers: bearer });
    expect(seen.status).toBe(200);
    expect(await seen.json()).toMatchObject({ subject: 'paula', clientId: DASHBOARD_CLIENT_ID });
    expect((await fetch(`${processApi.url}/releases`, { headers: bearer })).status).toBe(200);
    expect((await fetch(`${processApi.url}/exceptions/resolution`, { method: 'POST', headers: bearer })).status).toBe(200);
    // A planner resolves exception cases, but is no operator.
    expect((await fetch(`${processApi.url}/dead-letters`, { headers: bearer })).status).toBe(403);

    const userinfo = await dashboard.userinfo(tokens.access_token!);
    expect(userinfo).toEqual({ sub: 'paula', name: 'Paula Moreno', preferred_username: 'paula', email: 'paula@threadline.example', email_verified: true, roles: ['planner'] });
  });

  it('gives each role its own rights: an executive reads, an operator replays, neither resolves', async () => {
    const erin = (await signInAndRedeem('erin')).tokens.access_token!;
    const oscar = (await signInAndRedeem('oscar')).tokens.access_token!;
    const status = async (url: string, token: string, method = 'GET') => (await fetch(url, { method, headers: { authorization: `Bearer ${token}` } })).status;
    expect(String((decode(erin) as Record<string, unknown>).scope).split(' ').sort()).toEqual(['email', 'experience:read', 'openid', 'profile', 'releases:read']);
    expect(await status(`${experience.url}/dashboards`, erin)).toBe(200);
    expect(await status(`${processApi.url}/releases`, erin)).toBe(200);
    expect(await status(`${processApi.url}/exceptions/resolution`, erin, 'POST')).toBe(403);
    expect(await status(`${processApi.url}/dead-letters`, erin)).toBe(403);
    expect(String((decode(oscar) as Record<string, unknown>).scope).split(' ').sort()).toEqual(['email', 'experience:read', 'openid', 'ops:replay', 'profile', 'releases:read']);
    expect(await status(`${processApi.url}/dead-letters`, oscar)).toBe(200);
    expect(await status(`${processApi.url}/exceptions/resolution`, oscar, 'POST')).toBe(403);
  });

  it('takes client_secret_post as well, and a localhost callback on any port', async () => {
    const redirectUri = 'http://localhost:61234/auth/callback';
    const client = new issuer.Client({ client_id: DASHBOARD_CLIENT_ID, client_secret: DEFAULT_DASHBOARD_CLIENT_SECRET, redirect_uris: [redirectUri], token_endpoint_auth_method: 'client_secret_post' });
    const codeVerifier = generators.codeVerifier();
    const attempt = { authorizationUrl: client.authorizationUrl({ scope: 'openid', redirect_uri: redirectUri, code_challenge: generators.codeChallenge(codeVerifier), code_challenge_method: 'S256', state: 's1', nonce: 'n1' }), codeVerifier, state: 's1', nonce: 'n1' };
    const location = await signIn(attempt, 'erin');
    expect(location.startsWith(`${redirectUri}?`)).toBe(true);
    const tokens = await client.callback(redirectUri, client.callbackParams(location), { code_verifier: codeVerifier, state: 's1', nonce: 'n1' });
    expect(tokens.claims().sub).toBe('erin');
  });

  it('refreshes with a rotating refresh token; the old one used again revokes the sign-in', async () => {
    const { tokens } = await signInAndRedeem('oscar');
    const refreshed = await dashboard.refresh(tokens.refresh_token!);
    expect(refreshed.claims().sub).toBe('oscar');
    expect((decode(refreshed.access_token!) as Record<string, unknown>).aud).toEqual(['experience-api', 'process-api']);
    await expect(dashboard.refresh(tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    // The replay revoked the whole sign-in, the newest refresh token included.
    await expect(dashboard.refresh(refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it("follows the person's current roles at a refresh: a role taken away is gone from the next access token", async () => {
    const { tokens } = await signInAndRedeem('paula');
    await db.withClient((c) => c.query("UPDATE idp_mock.users SET roles = '{executive}' WHERE username = 'paula'"));
    try {
      const refreshed = await dashboard.refresh(tokens.refresh_token!);
      expect(String((decode(refreshed.access_token!) as Record<string, unknown>).scope).split(' ').sort()).toEqual(['email', 'experience:read', 'openid', 'profile', 'releases:read']);
      expect(refreshed.claims().roles).toEqual(['executive']);
    } finally {
      await db.withClient((c) => c.query("UPDATE idp_mock.users SET roles = '{planner}' WHERE username = 'paula'"));
    }
  });

  it('refuses a wrong PKCE verifier with invalid_grant and issues nothing; the code is spent', async () => {
    const attempt = start();
    const params = dashboard.callbackParams(await signIn(attempt, 'paula'));
    const refreshTokens = await count('refresh_tokens');
    const wrong = dashboard.callback(REDIRECT_URI, params, { code_verifier: generators.codeVerifier(), state: attempt.state, nonce: attempt.nonce });
    await expect(wrong).rejects.toBeInstanceOf(errors.OPError);
    await expect(wrong).rejects.toMatchObject({ error: 'invalid_grant', error_description: expect.stringContaining('code_verifier') });
    await expect(dashboard.callback(REDIRECT_URI, params, { code_verifier: attempt.codeVerifier, state: attempt.state, nonce: attempt.nonce })).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    expect(await count('refresh_tokens')).toBe(refreshTokens);
  });

  it('refuses a code used twice with invalid_grant (RFC 6749 section 5.2 JSON) and revokes what the first use gave', async () => {
    const attempt = start();
    const location = await signIn(attempt, 'paula');
    const code = new URL(location).searchParams.get('code')!;
    const redeem = () =>
      fetch(idp.tokenUrl, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${DASHBOARD_CLIENT_ID}:${DEFAULT_DASHBOARD_CLIENT_SECRET}`).toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: attempt.codeVerifier }),
      });
    const first = await redeem();
    expect(first.status).toBe(200);
    const tokens = (await first.json()) as { refresh_token: string };
    const second = await redeem();
    expect(second.status).toBe(400);
    expect(await second.json()).toMatchObject({ error: 'invalid_grant', code: 'OAUTH_INVALID_GRANT' });
    await expect(dashboard.refresh(tokens.refresh_token)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a redirect_uri not registered for the client with an error page, never a redirect', async () => {
    const codes = await count('authorization_codes');
    for (const redirectUri of ['https://evil.example/auth/callback', 'http://127.0.0.1:4401/elsewhere', 'http://127.0.0.1.evil.example:4401/auth/callback']) {
      const url = new URL(start().authorizationUrl);
      url.searchParams.set('redirect_uri', redirectUri);
      const answer = await fetch(url, { redirect: 'manual' });
      expect({ redirectUri, status: answer.status, location: answer.headers.get('location') }).toEqual({ redirectUri, status: 400, location: null });
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(await answer.json()).toMatchObject({ code: 'OAUTH_INVALID_REQUEST', error: 'invalid_request' });
    }
    const unknownClient = new URL(start().authorizationUrl);
    unknownClient.searchParams.set('client_id', 'nobody');
    const answer = await fetch(unknownClient, { redirect: 'manual' });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('location')).toBeNull();
    expect(await count('authorization_codes')).toBe(codes);
  });

  it('answers a wrong password with the form again (401) and issues nothing', async () => {
    const codes = await count('authorization_codes');
    for (const [username, password] of [['paula', 'wrong'], ['nobody', 'demo']]) {
      const answer = await postSignIn(start(), username, password);
      expect(answer.status).toBe(401);
      expect(answer.headers.get('location')).toBeNull();
      const html = await answer.text();
      expect(html).toContain('role="alert"');
      expect(html).toContain('Wrong username or password');
      expect(html).toContain(`value="${username}"`);
    }
    expect(await count('authorization_codes')).toBe(codes);
  });

  it('sends a request without a PKCE code_challenge back to the client as invalid_request, with its state', async () => {
    const codes = await count('authorization_codes');
    const url = new URL(start().authorizationUrl);
    url.searchParams.delete('code_challenge');
    url.searchParams.delete('code_challenge_method');
    const answer = await fetch(url, { redirect: 'manual' });
    expect(answer.status).toBe(303);
    const back = new URL(answer.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('error_description')).toContain('code_challenge');
    expect(back.searchParams.get('state')).toBe(url.searchParams.get('state'));
    expect(back.searchParams.get('iss')).toBe(idp.issuer);
    expect(back.searchParams.get('code')).toBeNull();
    const plain = new URL(start().authorizationUrl);
    plain.searchParams.set('code_challenge_method', 'plain');
    expect(new URL((await fetch(plain, { redirect: 'manual' })).headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
    expect(await count('authorization_codes')).toBe(codes);
  });

  it('refuses the dashboard a token of its own (no client credentials for a sign-in client)', async () => {
    const answer = await fetch(idp.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DASHBOARD_CLIENT_ID, client_secret: DEFAULT_DASHBOARD_CLIENT_SECRET }),
    });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ error: 'unauthorized_client' });
  });

  it('refuses userinfo to a service token, and ends a session at a registered post-logout address only', async () => {
    const service = await fetch(`${idp.url}/oauth/userinfo`, { headers: { authorization: `Bearer ${await idp.token('dashboard')}` } });
    expect(service.status).toBe(401);
    expect(service.headers.get('www-authenticate')).toContain('error="invalid_token"');
    const { tokens } = await signInAndRedeem('erin');
    const logout = new URL(dashboard.endSessionUrl({ id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'http://127.0.0.1:4401/', state: 'bye' }));
    const answer = await fetch(logout, { redirect: 'manual' });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('http://127.0.0.1:4401/?state=bye');
    logout.searchParams.set('post_logout_redirect_uri', 'https://evil.example/');
    const refused = await fetch(logout, { redirect: 'manual' });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('location')).toBeNull();
  });
});
