import { Controller, HttpCode, Module, Param, Post } from '@nestjs/common';
import { AppError, DatabaseModule, RunningApp, startHttpApp, defineErrorCodes } from '@threadline/platform';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { startTestIdp, TestIdp } from '../../../../test/support/idp';
import { call } from '../../../../test/support/http';
import { eventually } from '../../../../test/support/eventually';
import { GatewayAuthModule } from '../gateway-auth.module';
import { RequireScopes } from '../require-scopes.decorator';
import { Scopes } from '../scopes';
import { auditTrailDetailsMigration, auditTrailMigration } from './audit-trail.migration';
import { AuditTrailModule } from './audit-trail.module';

// Declares the code the controller below throws, as a module would.
defineErrorCodes({ THING_CONFLICT: { status: 409, title: 'Conflict', description: 'The thing is busy' } });

@Controller('v1/things')
@RequireScopes(Scopes.ReleasesWrite)
class ThingsController {
  @Post(':id/touch')
  @HttpCode(201)
  touch(@Param('id') id: string): { id: string } {
    return { id };
  }

  @Post(':id/conflict')
  conflict(): never {
    throw new AppError('THING_CONFLICT', 'The thing is busy');
  }
}

describe('audit trail: every mutating request recorded append-only, queryable by operators (real PostgreSQL, real HTTP)', () => {
  let db: TestDatabase;
  let idp: TestIdp;
  let app: RunningApp;
  let integrator: string;
  let operator: string;

  beforeAll(async () => {
    db = await createTestDatabase('audit');
    idp = await startTestIdp(db.url);
    @Module({
      imports: [
        DatabaseModule.forApp({ schema: 'probe', url: db.url, migrations: [auditTrailMigration('probe'), auditTrailDetailsMigration('probe')] }),
        // The probe stands in for the process API: the demo clients' tokens name it in `aud`.
        GatewayAuthModule.forApp({ appName: 'probe', jwksUrl: idp.jwksUrl, issuer: idp.issuer, audience: 'process-api' }),
        AuditTrailModule.forApp({ appName: 'probe', schema: 'probe' }),
      ],
      controllers: [ThingsController],
    })
    class ProbeModule {}
    app = await startHttpApp(ProbeModule, { name: 'probe', title: 'probe', description: 'probe', version: '0', port: 0 });
    integrator = await idp.token('demo-integrator');
    operator = await idp.token('operator');
  });

  afterAll(async () => {
    await app?.close();
    await idp?.close();
    await db?.drop();
  });

  const audit = (query = '', token = operator) => call('GET', `${app.url}/v1/audit-events${query}`, { token });
  const recordsFor = async (correlationId: string) =>
    (await audit()).body.items.filter((e: { correlationId: string }) => e.correlationId === correlationId);

  it('records a successful mutation with who, what, target, outcome and correlation id', async () => {
    const correlationId = 'audit-ok-0001';
    const response = await call('POST', `${app.url}/v1/things/T-1/touch`, { token: integrator, headers: { 'x-correlation-id': correlationId } });
    expect(response.status).toBe(201);
    const [entry] = await eventually(async () => {
      const found = await recordsFor(correlationId);
      if (found.length === 0) throw new Error('not recorded yet');
      return found;
    }, 'the audit record');
    expect(entry).toMatchObject({
      app: 'probe',
      method: 'POST',
      route: '/v1/things/:id/touch',
      target: '/v1/things/T-1/touch',
      subject: 'demo-integrator',
      clientId: 'demo-integrator',
      status: 201,
      outcome: 'succeeded',
      errorCode: null,
    });
    expect(entry.scopes).toContain('releases:write');
    expect(new Date(entry.occurredAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('records refusals too: no token (denied, no subject), wrong audience (denied, with client), a coded conflict (rejected)', async () => {
    await call('POST', `${app.url}/v1/things/T-2/touch`, { headers: { 'x-correlation-id': 'audit-anon-0001' } });
    const dashboard = await idp.token('dashboard');
    await call('POST', `${app.url}/v1/things/T-2/touch`, { token: dashboard, headers: { 'x-correlation-id': 'audit-aud-0001' } });
    await call('POST', `${app.url}/v1/things/T-2/conflict`, { token: integrator, headers: { 'x-correlation-id': 'audit-409-0001' } });
    const [anonymous, wrongAudience, conflict] = await eventually(async () => {
      const found = await Promise.all(['audit-anon-0001', 'audit-aud-0001', 'audit-409-0001'].map(recordsFor));
      if (found.some((f) => f.length !== 1)) throw new Error('not all recorded yet');
      return found.map((f) => f[0]);
    }, 'the three audit records');
    expect(anonymous).toMatchObject({ status: 401, outcome: 'denied', subject: null, clientId: null, errorCode: 'UNAUTHENTICATED', scopes: [] });
    expect(wrongAudience).toMatchObject({ status: 403, outcome: 'denied', clientId: 'dashboard', errorCode: 'TOKEN_AUDIENCE_MISMATCH' });
    expect(conflict).toMatchObject({ status: 409, outcome: 'rejected', clientId: 'demo-integrator', errorCode: 'THING_CONFLICT' });
  });

  it('records each of many concurrent mutations once, with its own who, target and outcome (records written together share an INSERT)', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `B-${String(i).padStart(2, '0')}`);
    const responses = await Promise.all(
      ids.map((id, i) => call('POST', `${app.url}/v1/things/${id}/${i % 4 === 0 ? 'conflict' : 'touch'}`, { token: integrator, headers: { 'x-correlation-id': `audit-batch-${id}` } })),
    );
    expect(responses.map((r) => r.status)).toEqual(ids.map((_, i) => (i % 4 === 0 ? 409 : 201)));
    const recorded = await eventually(async () => {
      const items = (await audit('?target=/v1/things/B-&limit=100')).body.items as Array<{ target: string; correlationId: string; outcome: string; errorCode: string | null; subject: string }>;
      if (items.length < ids.length) throw new Error(`${items.length} recorded so far`);
      return items;
    }, 'every record');
    expect(recorded).toHaveLength(ids.length);
    expect(new Set(recorded.map((e) => e.correlationId)).size).toBe(ids.length);
    for (const entry of recorded) {
      const i = ids.indexOf(entry.correlationId.replace('audit-batch-', ''));
      expect(entry.target).toBe(`/v1/things/${ids[i]}/${i % 4 === 0 ? 'conflict' : 'touch'}`);
      expect(entry).toMatchObject(i % 4 === 0 ? { outcome: 'rejected', errorCode: 'THING_CONFLICT' } : { outcome: 'succeeded', errorCode: null });
      expect(entry.subject).toBe('demo-integrator');
    }
  });

  it('does not record reads', async () => {
    await audit('', operator);
    const all = (await audit('?limit=200')).body.items as { method: string }[];
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((e) => e.method !== 'GET')).toBe(true);
  });

  it('filters by subject, target prefix, outcome and time, and pages newest first with a cursor', async () => {
    for (const id of ['F-1', 'F-2', 'F-3']) await call('POST', `${app.url}/v1/things/${id}/touch`, { token: integrator });
    await eventually(async () => {
      if ((await audit('?target=/v1/things/F-')).body.items.length < 3) throw new Error('not yet');
      return true;
    }, 'three records under /v1/things/F-');
    const byTarget = (await audit('?target=/v1/things/F-2')).body.items;
    expect(byTarget.map((e: { target: string }) => e.target)).toEqual(['/v1/things/F-2/touch']);

    const bySubject = (await audit('?subject=demo-integrator&outcome=succeeded')).body.items as { subject: string; outcome: string }[];
    expect(bySubject.length).toBeGreaterThanOrEqual(4);
    expect(bySubject.every((e) => e.subject === 'demo-integrator' && e.outcome === 'succeeded')).toBe(true);

    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await audit(`?from=${future}`)).body.items).toEqual([]);
    expect((await audit(`?to=${future}&target=/v1/things/F-`)).body.items).toHaveLength(3);

    const first = await audit('?target=/v1/things/F-&limit=2');
    expect(first.body.items.map((e: { target: string }) => e.target)).toEqual(['/v1/things/F-3/touch', '/v1/things/F-2/touch']);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await audit(`?target=/v1/things/F-&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((e: { target: string }) => e.target)).toEqual(['/v1/things/F-1/touch']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('is for operators only (audit:read), and refuses bad filters with problem+json', async () => {
    const asIntegrator = await audit('', integrator);
    expect(asIntegrator.status).toBe(403);
    expect(asIntegrator.body.code).toBe('INSUFFICIENT_SCOPE');
    const badTime = await audit('?from=yesterday');
    expect(badTime.status).toBe(400);
    expect(badTime.headers.get('content-type')).toContain('application/problem+json');
    const forgedCursor = await audit(`?cursor=${Buffer.from(JSON.stringify({ id: '1; DROP TABLE x' })).toString('base64url')}`);
    expect(forgedCursor.status).toBe(400);
    expect(forgedCursor.body.code).toBe('INVALID_CURSOR');
  });

  it('cannot be rewritten: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const before = await client.query('SELECT count(*)::int AS n FROM probe.audit_events');
      expect(before.rows[0].n).toBeGreaterThan(0);
      await expect(client.query("UPDATE probe.audit_events SET subject = 'someone-else'")).rejects.toThrow(/append-only/);
      await expect(client.query('DELETE FROM probe.audit_events')).rejects.toThrow(/append-only/);
      await expect(client.query('TRUNCATE probe.audit_events')).rejects.toThrow(/append-only/);
      const after = await client.query('SELECT count(*)::int AS n FROM probe.audit_events');
      expect(after.rows[0].n).toBe(before.rows[0].n);
    } finally {
      await client.end();
    }
  });
});
