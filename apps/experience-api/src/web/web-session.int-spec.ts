import { Client } from 'pg';
import { RunningApp } from '@threadline/platform';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { startIdpMock } from '../../../idp-mock/src/idp-mock.app';
import { IdpMockConfig } from '../../../idp-mock/src/idp-mock.config';
import { startExperienceApi } from '../experience-api.app';
import { ExperienceApiConfig } from '../experience-api.config';

/** The Set-Cookie values of an answer as `name=value` pairs. */
function cookiesOf(response: Response): Record<string, string> {
  return Object.fromEntries(response.headers.getSetCookie().map((c) => c.split(';')[0].split('=') as [string, string]));
}

/**
 * The dashboard's sessions against the real IdP (OpenID Connect, no browser: the form posted as one
 * would) and real PostgreSQL: what the browser and the table hold, a forged cookie, and access
 * tokens that run out while a page and its live parts ask at once (the IdP rotates refresh tokens).
 */
describe('web dashboard sessions (experience API + IdP, real HTTP, real PostgreSQL)', () => {
  let db: TestDatabase;
  let idp: RunningApp;
  let dashboard: RunningApp;

  beforeAll(async () => {
    db = await createTestDatabase('web_sessions');
    // 60 s tokens: within the dashboard's one-minute margin, so every request refreshes.
    const idpConfig = Object.assign(new IdpMockConfig(), { port: 0, databaseUrl: db.url, tokenTtlSeconds: 60 });
    idp = await startIdpMock(idpConfig);
    dashboard = await startExperienceApi(
      Object.assign(new ExperienceApiConfig(), {
        port: 0,
        databaseUrl: db.url,
        jwksUrl: `${idp.url}/.well-known/jwks.json`,
        jwtIssuer: idpConfig.issuer,
        oidcIssuerUrl: idp.url,
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await dashboard?.close();
    await idp?.close();
    await db?.drop();
  });

  /** /auth/login -> the IdP's form, posted with the user's password -> /auth/callback; answers the session cookie. */
  async function signIn(username: string, returnTo = '/exceptions', landsOn = '/exceptions'): Promise<string> {
    const login = await fetch(`${dashboard.url}/auth/login?returnTo=${encodeURIComponent(returnTo)}`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const signInCookie = cookiesOf(login).threadline_sign_in;
    const authorize = new URL(login.headers.get('location')!);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const form = await (await fetch(authorize)).text();
    const action = new URL(/<form method="post" action="([^"]+)"/.exec(form)![1].replace(/&amp;/g, '&'), authorize);
    const fields = new URLSearchParams([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m): [string, string] => [m[1], m[2].replace(/&amp;/g, '&')]));
    fields.set('username', username);
    fields.set('password', 'demo');
    fields.set('action', 'sign-in');
    const posted = await fetch(action, { method: 'POST', body: fields, redirect: 'manual' });
    expect([302, 303]).toContain(posted.status);
    const callback = await fetch(posted.headers.get('location')!, { headers: { cookie: `threadline_sign_in=${signInCookie}` }, redirect: 'manual' });
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe(landsOn);
    const setCookies = callback.headers.getSetCookie();
    expect(setCookies.find((c) => c.startsWith('threadline_session='))).toMatch(/; HttpOnly; SameSite=Lax$/);
    return cookiesOf(callback).threadline_session;
  }

  const get = (path: string, session: string) => fetch(`${dashboard.url}${path}`, { headers: { cookie: `threadline_session=${session}` }, redirect: 'manual' });

  it('keeps the tokens on the server, sealed; the browser holds an opaque id, and a forged or altered one opens nothing', async () => {
    const session = await signIn('paula');
    expect(session).toMatch(/^[\w-]{43}$/);
    const page = await get('/exceptions', session);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('Paula');

    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ id_hash: string; roles: string[]; sealed_tokens: string }>('SELECT id_hash, roles, sealed_tokens FROM experience_api.web_sessions');
      expect(rows).toHaveLength(1);
      expect(rows[0].roles).toEqual(['planner']);
      expect(rows[0].id_hash).not.toContain(session);
      // No JWT in the clear: a read of the table gives no token.
      expect(rows[0].sealed_tokens).not.toMatch(/eyJ/);
    } finally {
      await client.end();
    }

    expect((await get('/exceptions', `${session.slice(0, -1)}${session.endsWith('A') ? 'B' : 'A'}`)).status).toBe(302);
    expect((await get('/exceptions', 'forged')).status).toBe(302);
    const live = await fetch(`${dashboard.url}/live/adoption`, { headers: { cookie: 'threadline_session=forged', 'hx-request': 'true' }, redirect: 'manual' });
    expect(live.status).toBe(401);
    expect(live.headers.get('hx-redirect')).toMatch(/^\/auth\/login/);
  });

  it('refreshes a session whose access token ran out without spending a refresh token twice, however many requests ask at once', async () => {
    const session = await signIn('erin');
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(['/live/adoption', '/live/open-exceptions', '/', '/exceptions', '/live/adoption'].map((p) => get(p, session)));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    }
    // Refreshed (each refresh rotates the refresh token), and never the same refresh token twice:
    // the IdP would take that for a stolen token and revoke the whole family (none live).
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ issued: number; live: number }>(
        `SELECT count(*)::int AS issued, count(*) FILTER (WHERE revoked_at IS NULL)::int AS live FROM idp_mock.refresh_tokens WHERE username = 'erin'`,
      );
      expect(rows[0].issued).toBeGreaterThanOrEqual(4);
      expect(rows[0].live).toBe(1);
    } finally {
      await client.end();
    }
    // The executive's session refuses an action by role (403) before anything else.
    const post = await fetch(`${dashboard.url}/exceptions/00000000-0000-4000-8000-000000000000/resolve`, {
      method: 'POST',
      headers: { cookie: `threadline_session=${session}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'resolution=x',
      redirect: 'manual',
    });
    expect(post.status).toBe(403);
  });

  it('refuses a callback it did not start, and a return path to another site', async () => {
    const stray = await fetch(`${dashboard.url}/auth/callback?code=abc&state=xyz`, { redirect: 'manual' });
    expect(stray.status).toBe(400);
    // A return path to another site (protocol-relative, or a scheme) lands on the dashboard's own overview.
    expect(await signIn('oscar', '//evil.example/x', '/')).toBeTruthy();
    expect(await signIn('oscar', 'https://evil.example/x', '/')).toBeTruthy();
  });
});
