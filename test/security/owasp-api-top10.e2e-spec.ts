import { sign } from 'jsonwebtoken';
import { SigningKeyService } from '../../apps/idp-mock/src/keys/signing-key.service';
import { call } from '../support/http';
import { committedOpenApiDocument, servedOpenApiDocuments } from '../support/openapi';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { APP_NAMES } from '../../apps/launcher/src/platform-runner';
import { anEngineeringChange } from '../support/release-fixtures';
import { PUBLIC_ROUTES, registeredRoutes } from '../support/routes';

/**
 * The OWASP API Security Top 10 (2023), one or more probes per item, against the whole platform
 * over real HTTP. Each test names the item it covers.
 */
describe('OWASP API Security Top 10 (2023) (nine apps, real HTTP, real Postgres)', () => {
  let t: TestPlatform;
  let integrator: string;

  beforeAll(async () => {
    t = await startTestPlatform('owasp');
    integrator = await t.token('demo-integrator');
  }, 120_000);

  afterAll(() => t?.close());

  const plm = (path: string) => `${t.url('plm-system-api')}${path}`;
  const aChange = (extra: Record<string, unknown> = {}) => anEngineeringChange({ targetPlants: ['P1'], ...extra });

  it('API1 broken object level authorization: a token minted for one app opens no object in another', async () => {
    const dashboard = await t.token('dashboard');
    for (const url of [plm('/v1/items/PUMP-100'), `${t.url('erp-system-api')}/v1/plants/P1/items/PUMP-100`, `${t.url('process-api')}/v1/engineering-releases`]) {
      const response = await call('GET', url, { token: dashboard });
      expect({ url, status: response.status }).toEqual({ url, status: 403 });
    }
  });

  it("API1 broken object level authorization: a token limited to plant P1 opens P1's objects and no other plant's", async () => {
    const planner = await t.token('p1-planner');
    const erp = t.url('erp-system-api');
    const scheduling = t.url('scheduling-system-api');
    expect((await call('GET', `${erp}/v1/plants/P1/work-orders?limit=5`, { token: planner })).status).toBe(200);
    expect((await call('GET', `${scheduling}/v1/plants/P1/jobs?limit=5`, { token: planner })).status).toBe(200);
    for (const url of [`${erp}/v1/plants/P2/work-orders?limit=5`, `${erp}/v1/plants/P3/items/PUMP-100`, `${scheduling}/v1/plants/P2/jobs?limit=5`]) {
      const response = await call('GET', url, { token: planner });
      expect({ url, status: response.status, code: response.body.code }).toEqual({ url, status: 403, code: 'PLANT_NOT_ALLOWED' });
    }
    // An unrestricted client still reads every plant.
    expect((await call('GET', `${erp}/v1/plants/P2/work-orders?limit=5`, { token: integrator })).status).toBe(200);
  });

  it('API2 broken authentication: expired, foreign-issuer, unsigned and malformed tokens get 401, a wrong audience 403 (HS-with-public-key: gateway-auth int-spec)', async () => {
    const key = t.platform.apps['idp-mock'].app.get(SigningKeyService).signingKey();
    const base = { algorithm: 'RS256' as const, keyid: key.kid, issuer: 'https://idp.threadline.local', audience: 'plm-system-api', subject: 'attacker' };
    const probes: Record<string, string> = {
      expired: sign({ scope: 'plm:read' }, key.privateKey, { ...base, expiresIn: -120 }),
      foreignIssuer: sign({ scope: 'plm:read' }, key.privateKey, { ...base, issuer: 'https://evil.example', expiresIn: 60 }),
      unsigned: sign({ scope: 'plm:read' }, null as never, { algorithm: 'none', issuer: base.issuer, audience: base.audience, subject: 'x' }),
      garbage: 'not.a.jwt',
    };
    for (const [name, token] of Object.entries(probes)) {
      const response = await call('GET', plm('/v1/items/PUMP-100'), { token });
      expect({ name, status: response.status }).toEqual({ name, status: 401 });
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="threadline"/);
    }
    const wrongAudience = sign({ scope: 'plm:read' }, key.privateKey, { ...base, audience: 'erp-system-api', expiresIn: 60 });
    expect((await call('GET', plm('/v1/items/PUMP-100'), { token: wrongAudience })).status).toBe(403);
  });

  it('API3 broken object property level authorization: a client cannot set properties it does not own (mass assignment)', async () => {
    const response = await call('POST', plm('/v1/engineering-changes'), { token: integrator, body: aChange({ state: 'RELEASED', number: 'ECN-999999' }) });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['number', 'state']);
    const list = await call('GET', plm('/v1/engineering-changes'), { token: integrator });
    expect(list.body.items).toHaveLength(0);
  });

  it('API4 unrestricted resource consumption: page sizes are capped, bodies are limited, clients are rate limited', async () => {
    const huge = await call('GET', `${t.url('process-api')}/v1/engineering-releases?limit=100000`, { token: integrator });
    expect(huge.status).toBe(400);
    const big = await call('POST', plm('/v1/engineering-changes'), { token: integrator, body: aChange({ description: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toContain('application/problem+json');
    const first = await call('GET', plm('/v1/items/PUMP-100'), { token: integrator });
    expect(first.headers.get('ratelimit-policy')).toBe('1200;w=60');
  });

  it('API8 security misconfiguration: a cursor that decodes but was not issued (a bad timestamp, a missing key) is a 400 on every keyset list, never a database error', async () => {
    const forged = (key: object) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const dashboard = await t.token('dashboard');
    const probes: [string, string, string][] = [
      [`${t.url('process-api')}/v1/engineering-releases`, integrator, forged({ t: 'not-a-time', id: 'x' })],
      [`${t.url('process-api')}/v1/exceptions`, integrator, forged({ t: '2026-12-01T00:00:00.000Z' })],
      [`${t.url('experience-api')}/v2/dashboards/revision-adoption`, dashboard, forged({ t: "2026'; --", c: 'ECN-1' })],
      [`${t.url('scheduling-system-api')}/v1/plants/P1/jobs`, integrator, forged({ after: 42 })],
      [`${t.url('scheduling-system-api')}/v1/plants/P1/exceptions`, integrator, forged([])],
    ];
    for (const [url, token, cursor] of probes) {
      const response = await call('GET', `${url}?cursor=${cursor}`, { token });
      expect({ url, status: response.status, code: response.body.code }).toEqual({ url, status: 400, code: 'INVALID_CURSOR' });
    }
  });

  it('API5 broken function level authorization: admin functions of the backends need mock:admin', async () => {
    const connector = await t.token('threadline-connector');
    for (const app of ['plm-mock', 'erp-mock', 'scheduler-mock'] as const) {
      const response = await call('PUT', `${t.url(app)}/admin/faults/*`, { token: connector, body: { errorRate: 1 } });
      expect({ app, status: response.status }).toEqual({ app, status: 403 });
    }
    // An integrator cannot approve releases either.
    const approve = await call('POST', `${t.url('process-api')}/v1/engineering-releases/2b1c9a9e-8f0c-4a57-9f69-2f8e0e4f7d11/approvals`, {
      token: integrator,
      body: { decision: 'approve' },
    });
    expect(approve.status).toBe(403);
    // ...and the attempt is on the process API's audit trail for operators to see.
    const operator = await t.token('operator');
    const trail = await call('GET', `${t.url('process-api')}/v1/audit-events?target=/v1/engineering-releases/2b1c9a9e-8f0c-4a57-9f69-2f8e0e4f7d11&outcome=denied`, { token: operator });
    expect(trail.status).toBe(200);
    expect(trail.body.items).toEqual([
      expect.objectContaining({ method: 'POST', route: '/v1/engineering-releases/:id/approvals', clientId: 'demo-integrator', status: 403, errorCode: 'INSUFFICIENT_SCOPE' }),
    ]);
  });

  it('API6 unrestricted access to sensitive business flows: releasing a change twice announces it once (approval replay: governed-release e2e)', async () => {
    const created = await call('POST', plm('/v1/engineering-changes'), { token: integrator, body: aChange() });
    expect(created.status).toBe(201);
    const releaseUrl = plm(`/v1/engineering-changes/${created.body.number}/release`);
    expect((await call('POST', releaseUrl, { token: integrator })).status).toBe(200);
    expect((await call('POST', releaseUrl, { token: integrator })).status).toBe(200);
    // Exactly one announcement left the PLM system API for the two release calls.
    const { rows } = await t.db.withClient((client) =>
      client.query<{ n: number }>("SELECT count(*)::int AS n FROM plm_system_api.outbox WHERE type = 'threadline.plm.engineering-change.released.v1'"),
    );
    expect(rows[0].n).toBe(1);
    // Both calls are on the PLM system API's audit trail, with who made them.
    const trail = await call('GET', plm(`/v1/audit-events?target=/v1/engineering-changes/${created.body.number}/release`), { token: await t.token('operator') });
    expect(trail.body.items).toHaveLength(2);
    expect(trail.body.items.every((e: { subject: string; outcome: string }) => e.subject === 'demo-integrator' && e.outcome === 'succeeded')).toBe(true);
  });

  it('API7 server side request forgery: webhook subscriptions refuse callback URLs to metadata, link-local or non-http targets', async () => {
    const subscriber = await t.token('threadline-connector');
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'file:///etc/passwd', 'gopher://127.0.0.1:6379/_', 'http://user:pw@127.0.0.1/x']) {
      const response = await call('POST', `${t.url('scheduler-mock')}/P1/api/webhook/`, { token: subscriber, body: { url, secret: 'a-long-enough-secret-123', events: ['problem'] } });
      expect({ url, status: response.status }).toEqual({ url, status: 400 });
    }
  });

  it('API8 security misconfiguration: no stack traces, no X-Powered-By, hardening headers, no CORS by default', async () => {
    for (const app of APP_NAMES) {
      const response = await fetch(`${t.url(app)}/v1/does-not-exist`, { headers: { origin: 'https://evil.example' } });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
    const malformed = await fetch(plm('/v1/engineering-changes'), {
      method: 'POST',
      headers: { authorization: `Bearer ${integrator}`, 'content-type': 'application/json' },
      body: '{"title": ',
    });
    expect(malformed.status).toBe(400);
    const text = await malformed.text();
    expect(text).not.toMatch(/at .+\.(ts|js):\d+/);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
  });

  it('API9 improper inventory management: every app serves exactly its committed, versioned contract', async () => {
    const served = await servedOpenApiDocuments(t.platform);
    for (const app of APP_NAMES) {
      expect({ app, same: JSON.stringify(served[app]) === JSON.stringify(committedOpenApiDocument(app)) }).toEqual({ app, same: true });
      const paths = Object.keys((served[app] as { paths: Record<string, unknown> }).paths);
      // Versioned APIs: every business route of a Threadline API sits under /vN/.
      if (app.endsWith('-api')) expect(paths.filter((p) => !/^\/(v\d+|health)\//.test(p))).toEqual([]);
    }
  });

  it('API5/API9: every route registered in every app declares its scopes or is one of the known public ones, and refuses a call without a token', async () => {
    let checked = 0;
    for (const app of APP_NAMES) {
      const routes = registeredRoutes(t.platform.apps[app].app);
      expect({ app, routes: routes.length > 0 }).toEqual({ app, routes: true });
      const undeclared = routes.filter((r) => (r.isPublic ? !PUBLIC_ROUTES.some((p) => p.test(r.path)) : r.scopes.length === 0));
      expect({ app, undeclared }).toEqual({ app, undeclared: [] });
      for (const route of routes.filter((r) => !r.isPublic)) {
        const url = `${t.url(app)}${route.path.replace(/:[A-Za-z]+/g, 'X')}`;
        const response = await call(route.method, url, route.method === 'GET' ? {} : { body: {} });
        expect({ app, route: `${route.method} ${route.path}`, status: response.status }).toEqual({ app, route: `${route.method} ${route.path}`, status: 401 });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
  });

  it('API10 unsafe consumption of APIs: a backend failure becomes a clear problem, never a hang or a leak of its internals', async () => {
    const operator = await t.token('operator');
    expect((await call('PUT', `${t.url('erp-mock')}/admin/faults/*`, { token: operator, body: { errorRate: 1, errorStatus: 500 } })).status).toBe(200);
    try {
      const response = await call('GET', `${t.url('erp-system-api')}/v1/plants/P1/items/PUMP-100`, { token: integrator });
      expect(response.status).toBe(502);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.code).toBe('BACKEND_ERROR');
      expect(JSON.stringify(response.body)).not.toMatch(/at .+\.(ts|js):\d+/);
    } finally {
      await call('DELETE', `${t.url('erp-mock')}/admin/faults`, { token: operator });
    }
  });
});
