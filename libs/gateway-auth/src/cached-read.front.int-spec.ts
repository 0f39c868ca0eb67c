import { Controller, Get, Module, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sign } from 'jsonwebtoken';
import { answerCachedRead, Deprecated, MasterDataCache, RunningApp, startHttpApp } from '@threadline/platform';
import { SigningKeyService } from '../../../apps/idp-mock/src/keys/signing-key.service';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { startTestIdp, TestIdp } from '../../../test/support/idp';
import { call } from '../../../test/support/http';
import { GatewayAuthModule } from './gateway-auth.module';
import { RequireScopes } from './require-scopes.decorator';
import { Scopes } from './scopes';

/** Counts how often the controller itself runs, which the front must spare on a repeat. */
const handled: Record<string, number> = {};
let version = 1;
const cache = new MasterDataCache({ name: 'probe', ttlSeconds: 60, maxEntries: 100 });

@Controller('v1/plants')
@RequireScopes(Scopes.ErpRead)
class ProbeController {
  @Get(':plant/things/:id')
  async thing(@Param('plant') plant: string, @Param('id') id: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | undefined> {
    const key = `${plant}/${id}`;
    handled[key] = (handled[key] ?? 0) + 1;
    return answerCachedRead(request, reply, await cache.read(key, { tags: [key] }, async () => ({ plant, id, version })));
  }

  @Get(':plant/old-things/:id')
  @Deprecated({ since: '2026-01-01', sunset: '2027-01-01', successor: '/v1/plants/{plant}/things/{id}' })
  async oldThing(@Param('plant') plant: string, @Param('id') id: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | undefined> {
    const key = `old/${plant}/${id}`;
    handled[key] = (handled[key] ?? 0) + 1;
    return answerCachedRead(request, reply, await cache.read(key, { tags: [key] }, async () => ({ plant, id, old: true })));
  }
}

describe("gateway-auth: the cached-read front answers a repeat of a cached read before Nest, with the guard's checks (real IdP, real HTTP)", () => {
  let db: TestDatabase;
  let idp: TestIdp;
  let app: RunningApp;
  let tokenWith: (claims: object, options?: object) => string;

  beforeAll(async () => {
    db = await createTestDatabase('gateway_front');
    idp = await startTestIdp(db.url);
    @Module({
      imports: [
        GatewayAuthModule.forApp({
          appName: 'probe',
          jwksUrl: idp.jwksUrl,
          issuer: idp.issuer,
          audience: 'erp-system-api',
          rateLimits: { tiers: { tiny: { requests: 3, windowSeconds: 60 }, standard: { requests: 0, windowSeconds: 60 } }, clients: { 'tiny-client': 'tiny' }, defaultTier: 'standard' },
        }),
      ],
      controllers: [ProbeController],
    })
    class ProbeModule {}
    app = await startHttpApp(ProbeModule, { name: 'probe', title: 'probe', description: 'probe', version: '0', port: 0 });
    const key = idp.app.app.get(SigningKeyService).signingKey();
    tokenWith = (claims, options = {}) =>
      sign({ scope: 'erp:read', client_id: 'some-client', ...claims }, key.privateKey, {
        algorithm: 'RS256',
        keyid: key.kid,
        issuer: idp.issuer,
        audience: 'erp-system-api',
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

  const get = (path: string, token?: string, headers: Record<string, string> = {}) => call('GET', `${app.url}${path}`, { token, headers });

  it('answers a repeat from the cache without running the controller: same body, ETag, headers; 304 on If-None-Match', async () => {
    const token = tokenWith({});
    const first = await get('/v1/plants/P1/things/A', token);
    expect(first.status).toBe(200);
    expect(handled['P1/A']).toBe(1);
    const repeat = await get('/v1/plants/P1/things/A', token);
    expect(repeat.status).toBe(200);
    expect(repeat.body).toEqual(first.body);
    expect(handled['P1/A']).toBe(1);
    for (const header of ['etag', 'cache-control', 'content-type', 'x-content-type-options']) {
      expect(repeat.headers.get(header)).toBe(first.headers.get(header));
    }
    expect(repeat.headers.get('x-correlation-id')).toBeTruthy();
    const notModified = await get('/v1/plants/P1/things/A', token, { 'if-none-match': first.headers.get('etag')! });
    expect(notModified.status).toBe(304);
    expect(handled['P1/A']).toBe(1);
  });

  it("leaves to Nest what it can't answer: a token not verified yet, no token, another URL", async () => {
    await get('/v1/plants/P1/things/B', tokenWith({}));
    expect(handled['P1/B']).toBe(1);
    // A token this app has not verified yet goes through the guard (and is verified there).
    const fresh = await get('/v1/plants/P1/things/B', tokenWith({ jti: 'another' }));
    expect(fresh.status).toBe(200);
    expect(handled['P1/B']).toBe(2);
    const anonymous = await get('/v1/plants/P1/things/B');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
    // The query is part of the URL: not the same request.
    expect((await get('/v1/plants/P1/things/B?x=1', tokenWith({}))).status).toBe(200);
    expect(handled['P1/B']).toBe(3);
  });

  it("refuses what the guard refuses, with the guard's problem: missing scope, another audience, another plant", async () => {
    const token = tokenWith({});
    await get('/v1/plants/P2/things/C', token);
    await get('/v1/plants/P2/things/C', token);
    expect(handled['P2/C']).toBe(1);
    const noScope = tokenWith({ scope: 'plm:read' });
    await get('/v1/plants/P1/things/A', tokenWith({}));
    for (let i = 0; i < 2; i++) {
      // Twice: the second time the token is verified and known to the front.
      const refused = await get('/v1/plants/P2/things/C', noScope);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('INSUFFICIENT_SCOPE');
    }
    const otherAudience = tokenWith({}, { audience: 'plm-system-api' });
    for (let i = 0; i < 2; i++) {
      const refused = await get('/v1/plants/P2/things/C', otherAudience);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('TOKEN_AUDIENCE_MISMATCH');
    }
    const onlyP1 = tokenWith({ plants: ['P1'] });
    expect((await get('/v1/plants/P1/things/A', onlyP1)).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const refused = await get('/v1/plants/P2/things/C', onlyP1);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('PLANT_NOT_ALLOWED');
    }
    expect(handled['P2/C']).toBe(1);
  });

  it('reads again once the entry is invalidated, and answers the new body from then on', async () => {
    const token = tokenWith({});
    const before = await get('/v1/plants/P3/things/D', token);
    version = 2;
    cache.invalidate('P3/D');
    const after = await get('/v1/plants/P3/things/D', token);
    expect(handled['P3/D']).toBe(2);
    expect(after.body.version).toBe(2);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect((await get('/v1/plants/P3/things/D', token)).body.version).toBe(2);
    expect(handled['P3/D']).toBe(2);
  });

  it("counts the client's rate limit once per request, and answers 429 problem+json past it", async () => {
    const token = tokenWith({ client_id: 'tiny-client' });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await get('/v1/plants/P4/things/E', token));
    expect(answers.slice(0, 3).map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers[2].headers.get('ratelimit')).toContain('remaining=0');
    expect(handled['P4/E']).toBe(1);
    expect(answers[3].status).toBe(429);
    expect(answers[3].headers.get('content-type')).toContain('application/problem+json');
    expect(answers[3].headers.get('retry-after')).toBeTruthy();
    expect(answers[3].body.code).toBe('RATE_LIMITED');
  });

  it("keeps the route's fixed headers (Deprecation, Sunset, Link) on answers from the front", async () => {
    const token = tokenWith({});
    const first = await get('/v1/plants/P1/old-things/F', token);
    const repeat = await get('/v1/plants/P1/old-things/F', token);
    expect(handled['old/P1/F']).toBe(1);
    for (const header of ['deprecation', 'sunset', 'link']) {
      expect(first.headers.get(header)).toBeTruthy();
      expect(repeat.headers.get(header)).toBe(first.headers.get(header));
    }
  });
});
