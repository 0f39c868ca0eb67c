import { Controller, Get, Module } from '@nestjs/common';
import { sign } from 'jsonwebtoken';
import { createSecretKey, generateKeyPairSync } from 'node:crypto';
import { HealthModule, Public, RunningApp, startHttpApp } from '@threadline/platform';
import { SigningKeyService } from '../../../apps/idp-mock/src/keys/signing-key.service';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { startTestIdp, TestIdp } from '../../../test/support/idp';
import { call } from '../../../test/support/http';
import { GatewayAuthModule } from './gateway-auth.module';
import { RequireScopes } from './require-scopes.decorator';
import { Scopes } from './scopes';

@Controller()
class ProbeController {
  @Get('guarded')
  @RequireScopes(Scopes.PlmRead)
  guarded(): { ok: true } {
    return { ok: true };
  }

  @Public()
  @Get('open')
  open(): { ok: true } {
    return { ok: true };
  }
}

describe('gateway-auth: token validation against the IdP JWKS (real IdP, real HTTP)', () => {
  let db: TestDatabase;
  let idp: TestIdp;
  let app: RunningApp;
  let signWithIdpKey: (claims: object, options?: object) => string;

  beforeAll(async () => {
    db = await createTestDatabase('gateway');
    idp = await startTestIdp(db.url);
    @Module({
      imports: [GatewayAuthModule.forApp({ appName: 'probe', jwksUrl: idp.jwksUrl, issuer: idp.issuer, audience: 'plm-system-api' })],
      controllers: [ProbeController],
    })
    class ProbeModule {}
    app = await startHttpApp(ProbeModule, { name: 'probe', title: 'probe', description: 'probe', version: '0', port: 0 });
    const key = idp.app.app.get(SigningKeyService).signingKey();
    signWithIdpKey = (claims, options = {}) =>
      sign({ scope: 'plm:read', ...claims }, key.privateKey, {
        algorithm: 'RS256',
        keyid: key.kid,
        issuer: idp.issuer,
        audience: 'plm-system-api',
        subject: 'test',
        expiresIn: 300,
        ...options,
      });
  });

  afterAll(async () => {
    await app?.close();
    await idp?.close();
    await db?.drop();
  });

  const get = (token?: string) => call('GET', `${app.url}/guarded`, { token });

  it('accepts a valid token with the required scope', async () => {
    const response = await get(await idp.token('demo-integrator'));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ok: true });
  });

  it('answers 401 with a Bearer challenge and problem+json when no token is sent', async () => {
    const response = await get();
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="threadline"');
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired token (401 invalid_token)', async () => {
    const expired = signWithIdpKey({}, { expiresIn: -120 });
    const response = await get(expired);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('refuses a token from another issuer (401)', async () => {
    expect((await get(signWithIdpKey({}, { issuer: 'https://evil.example' }))).status).toBe(401);
  });

  it('refuses alg "none" and an HS256 token signed with the public key', async () => {
    const unsigned = sign({ scope: 'plm:read' }, null as never, { algorithm: 'none', issuer: idp.issuer, audience: 'plm-system-api', subject: 'x' });
    expect((await get(unsigned)).status).toBe(401);
    const jwks = (await call('GET', idp.jwksUrl)).body as { keys: Array<{ kid: string; n: string }> };
    const hs = sign({ scope: 'plm:read' }, createSecretKey(Buffer.from(jwks.keys[0].n)), {
      algorithm: 'HS256',
      keyid: jwks.keys[0].kid,
      issuer: idp.issuer,
      audience: 'plm-system-api',
      subject: 'x',
    });
    expect((await get(hs)).status).toBe(401);
  });

  it('verifies every token itself: a token accepted (and remembered) before does not let a forged twin through', async () => {
    const genuine = signWithIdpKey({ scope: 'plm:read' });
    expect((await get(genuine)).status).toBe(200);
    expect((await get(genuine)).status).toBe(200);
    // Same header and claims, another signature; and the claims changed under the genuine signature.
    const [header, payload, signature] = genuine.split('.');
    const flipped = signature.slice(0, -4) + (signature.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await get(`${header}.${payload}.${flipped}`)).status).toBe(401);
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const widened = Buffer.from(JSON.stringify({ ...claims, scope: 'plm:read plm:write', client_id: 'someone-else' })).toString('base64url');
    expect((await get(`${header}.${widened}.${signature}`)).status).toBe(401);
    // A remembered token still meets the audience check on every call.
    const forProcess = signWithIdpKey({}, { audience: 'process-api' });
    expect((await get(forProcess)).status).toBe(403);
    expect((await get(forProcess)).status).toBe(403);
  });

  it('refuses a token signed by an unknown key', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = sign({ scope: 'plm:read' }, privateKey, { algorithm: 'RS256', keyid: 'unknown-kid', issuer: idp.issuer, audience: 'plm-system-api', subject: 'x' });
    expect((await get(forged)).status).toBe(401);
  });

  it('refuses a genuine token minted for another app (audience) with 403, even with the right scope', async () => {
    const forProcess = await get(signWithIdpKey({}, { audience: 'process-api' }));
    expect(forProcess.status).toBe(403);
    expect(forProcess.body.code).toBe('TOKEN_AUDIENCE_MISMATCH');
    // The IdP gives the dashboard a token for experience-api only.
    const dashboard = await get(await idp.token('dashboard'));
    expect(dashboard.status).toBe(403);
    expect(dashboard.body).toMatchObject({ code: 'TOKEN_AUDIENCE_MISMATCH', audience: ['experience-api'] });
  });

  it('answers 403 insufficient_scope when the token lacks the route scope', async () => {
    const response = await get(await idp.token('demo-integrator', 'plm:write'));
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('INSUFFICIENT_SCOPE');
    expect(response.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
  });

  it('follows a key rotation at the IdP: a token signed with the new key is fetched by kid, the old one still verifies', async () => {
    const before = await idp.token('demo-integrator');
    expect((await get(before)).status).toBe(200);
    const keys = idp.app.app.get(SigningKeyService);
    const oldKid = keys.signingKey().kid;
    const newKid = await keys.rotate();
    expect(newKid).not.toBe(oldKid);
    const after = await idp.token('demo-integrator');
    expect(JSON.parse(Buffer.from(after.split('.')[0], 'base64url').toString()).kid).toBe(newKid);
    expect((await get(after)).status).toBe(200);
    expect((await get(before)).status).toBe(200);
  });

  it('lets public routes through without a token', async () => {
    expect((await call('GET', `${app.url}/open`)).status).toBe(200);
  });

  describe('rate limits per client (SLA tiers)', () => {
    let limited: RunningApp;

    beforeAll(async () => {
      @Module({
        imports: [
          HealthModule,
          GatewayAuthModule.forApp({
            appName: 'probe-limited',
            jwksUrl: idp.jwksUrl,
            issuer: idp.issuer,
            audience: 'plm-system-api',
            rateLimits: {
              tiers: { tiny: { requests: 2, windowSeconds: 60 }, standard: { requests: 100, windowSeconds: 60 }, public: { requests: 3, windowSeconds: 60 } },
              clients: { 'demo-integrator': 'tiny' },
              defaultTier: 'standard',
            },
          }),
        ],
        controllers: [ProbeController],
      })
      class LimitedModule {}
      limited = await startHttpApp(LimitedModule, { name: 'probe-limited', title: 'p', description: 'p', version: '0', port: 0 });
    });

    afterAll(() => limited?.close());

    it('answers 429 problem+json with Retry-After and RateLimit headers once a client spends its budget; other clients go on', async () => {
      const token = await idp.token('demo-integrator');
      const first = await call('GET', `${limited.url}/guarded`, { token });
      expect(first.status).toBe(200);
      expect(first.headers.get('ratelimit-policy')).toBe('2;w=60');
      expect(first.headers.get('ratelimit')).toMatch(/^limit=2, remaining=1, reset=\d+$/);
      expect((await call('GET', `${limited.url}/guarded`, { token })).status).toBe(200);
      const refused = await call('GET', `${limited.url}/guarded`, { token });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.body).toMatchObject({ code: 'RATE_LIMITED', tier: 'tiny' });
      // Another client (standard tier) is not affected.
      const other = await call('GET', `${limited.url}/guarded`, { token: await idp.token('threadline-process', 'plm:read') });
      expect(other.status).toBe(200);
    });

    it('counts public routes per source address (tier public), and never the health probes', async () => {
      for (let i = 0; i < 3; i++) {
        const open = await call('GET', `${limited.url}/open`);
        expect(open.status).toBe(200);
        expect(open.headers.get('ratelimit-policy')).toBe('3;w=60');
      }
      const refused = await call('GET', `${limited.url}/open`);
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ code: 'RATE_LIMITED', tier: 'public' });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      for (let i = 0; i < 5; i++) {
        const probe = await call('GET', `${limited.url}/health/live`);
        expect(probe.status).toBe(200);
        expect(probe.headers.get('ratelimit')).toBeNull();
      }
    });
  });
});
