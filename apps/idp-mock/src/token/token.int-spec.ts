import { decode, verify } from 'jsonwebtoken';
import { createPublicKey } from 'node:crypto';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { startTestIdp, TestIdp } from '../../../../test/support/idp';

describe('idp-mock token endpoint (real Postgres, real HTTP)', () => {
  let db: TestDatabase;
  let idp: TestIdp;

  beforeAll(async () => {
    db = await createTestDatabase('idp');
    idp = await startTestIdp(db.url);
  });

  afterAll(async () => {
    await idp?.close();
    await db?.drop();
  });

  it('issues an RS256 token that verifies against the published JWKS', async () => {
    const token = await idp.token('demo-integrator');
    const header = decode(token, { complete: true })!.header;
    expect(header.alg).toBe('RS256');
    const jwks = (await (await fetch(idp.jwksUrl)).json()) as { keys: Array<{ kid: string }> };
    const jwk = jwks.keys.find((k) => k.kid === header.kid);
    expect(jwk).toBeDefined();
    const claims = verify(token, createPublicKey({ key: jwk as never, format: 'jwk' }), { issuer: idp.issuer }) as Record<string, unknown>;
    expect(claims.sub).toBe('demo-integrator');
    expect(String(claims.scope).split(' ')).toContain('plm:write');
    // The audience is every app its scopes are for, and nothing else.
    expect(claims.aud).toEqual(['erp-system-api', 'plm-system-api', 'process-api', 'scheduling-system-api']);
  });

  it('narrows the audience on request and refuses an audience the scopes are not for', async () => {
    const narrow = await fetch(idp.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'demo-integrator', client_secret: 'demo-secret', audience: 'plm-system-api' }),
    });
    expect((decode(((await narrow.json()) as { access_token: string }).access_token) as Record<string, unknown>).aud).toBe('plm-system-api');
    const foreign = await fetch(idp.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'dashboard', client_secret: 'dashboard-secret', audience: 'erp-system-api' }),
    });
    expect(foreign.status).toBe(400);
    expect(((await foreign.json()) as { error: string }).error).toBe('invalid_target');
  });

  it('grants only the scopes asked for, and refuses one the client may not have', async () => {
    const token = await idp.token('demo-integrator', 'plm:read');
    expect((decode(token) as Record<string, unknown>).scope).toBe('plm:read');
    const response = await fetch(idp.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'dashboard', client_secret: 'dashboard-secret', scope: 'erp:write' }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as { error: string }).error).toBe('invalid_scope');
  });

  it('answers a wrong secret with 401 problem+json and a Basic challenge', async () => {
    const response = await fetch(idp.tokenUrl, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('demo-integrator:wrong').toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Basic');
    const problem = (await response.json()) as { code: string; error: string };
    expect(problem).toMatchObject({ code: 'OAUTH_INVALID_CLIENT', error: 'invalid_client' });
  });

  it('keeps its signing key across restarts, so cached JWKS stay valid', async () => {
    const before = decode(await idp.token('dashboard'), { complete: true })!.header.kid;
    await idp.close();
    idp = await startTestIdp(db.url);
    const after = decode(await idp.token('dashboard'), { complete: true })!.header.kid;
    expect(after).toBe(before);
  });
});
