import type { EngineeringChangeDto, EngineeringReleaseDto, PlantBomDto, RevisionAdoptionDto } from '@threadline/canonical';
import { RunningPlatform, startPlatform, APP_NAMES } from '../../apps/launcher/src/platform-runner';
import { eventually } from '../support/eventually';
import { call } from '../support/http';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { DEMO_CLIENTS } from '../../apps/idp-mock/src/clients/demo-clients';
import { committedOpenApiDocument, servedOpenApiDocuments } from '../support/openapi';
import { BackendUnavailableError } from '@threadline/platform';
import { SystemApis } from '../../apps/process-api/src/system-apis/system-apis.client';
import { ErpConnector } from '../../apps/erp-system-api/src/connector/erp.connector';

const PLANTS = ['P1', 'P2', 'P3'];

async function tokenFor(platform: RunningPlatform, clientId: string): Promise<string> {
  const secret = DEMO_CLIENTS.find((c) => c.clientId === clientId)!.secret;
  const response = await fetch(`${platform.url('idp-mock')}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

function sealChange(effectiveFrom: string) {
  return {
    title: 'Replace obsolete shaft seal',
    description: 'Supplier discontinued SEAL-200; SEAL-210 is form-fit-function compatible.',
    priority: 'high',
    targetPlants: PLANTS,
    effectivity: { type: 'date', startDate: effectiveFrom },
    affectedItems: [
      {
        itemNumber: 'PUMP-100',
        fromRevision: 'A',
        toRevision: 'B',
        disposition: 'use-up',
        bomChanges: [{ action: 'replace', componentNumber: 'SEAL-200', replacementNumber: 'SEAL-210' }],
      },
    ],
  };
}

describe('walking skeleton: one engineering change from PLM to every plant schedule (nine apps, real HTTP, real Postgres)', () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  let platformClosed = false;
  let integrator: string;
  let dashboard: string;
  let change: EngineeringChangeDto;
  let release: EngineeringReleaseDto;
  const effectiveFrom = new Date(Date.now() + 24 * 3600_000).toISOString();

  beforeAll(async () => {
    db = await createTestDatabase('e2e');
    platform = await startPlatform({
      databaseUrl: db.url,
      ports: Object.fromEntries(APP_NAMES.map((a) => [a, 0])),
    });
    integrator = await tokenFor(platform, 'demo-integrator');
    dashboard = await tokenFor(platform, 'dashboard');
  }, 120_000);

  afterAll(async () => {
    if (!platformClosed) await platform?.close();
    await db?.drop();
  });

  it('every app answers health and serves its OpenAPI document', async () => {
    for (const app of APP_NAMES) {
      expect((await call('GET', `${platform.url(app)}/health/ready`)).status).toBe(200);
      const spec = await call('GET', `${platform.url(app)}/docs-json`);
      expect(spec.status).toBe(200);
      expect(spec.body.openapi).toMatch(/^3\./);
    }
  });

  it('serves exactly the OpenAPI documents committed under openapi/ (run `npm run openapi` after an API change)', async () => {
    const served = await servedOpenApiDocuments(platform);
    for (const app of APP_NAMES) {
      expect({ app, document: served[app] }).toEqual({ app, document: committedOpenApiDocument(app) });
    }
  });

  it('every app except the IdP refuses a request without a token, with 401 and WWW-Authenticate', async () => {
    const probes: Record<string, string> = {
      'plm-system-api': '/v1/items/PUMP-100',
      'erp-system-api': '/v1/plants',
      'scheduling-system-api': '/v1/plants/P1/resources',
      'process-api': '/v1/engineering-releases',
      'experience-api': '/v1/dashboards/revision-adoption',
    };
    for (const [app, path] of Object.entries(probes)) {
      const response = await call('GET', `${platform.url(app as never)}${path}`);
      expect({ app, status: response.status }).toEqual({ app, status: 401 });
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="threadline"/);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('PLM system API: an ECO is created and released', async () => {
    const created = await call<EngineeringChangeDto>('POST', `${platform.url('plm-system-api')}/v1/engineering-changes`, {
      token: integrator,
      body: sealChange(effectiveFrom),
    });
    expect(created.status).toBe(201);
    expect(created.body.state).toBe('OPEN');
    const released = await call<EngineeringChangeDto>(
      'POST',
      `${platform.url('plm-system-api')}/v1/engineering-changes/${created.body.number}/release`,
      { token: integrator },
    );
    expect(released.status).toBe(200);
    expect(released.body.state).toBe('RELEASED');
    change = released.body;
  });

  it('process API: the announcement starts an engineering release that completes in all three plants', async () => {
    const processUrl = platform.url('process-api');
    const found = await eventually(async () => {
      const page = await call<{ items: EngineeringReleaseDto[] }>('GET', `${processUrl}/v1/engineering-releases?changeNumber=${change.number}`, {
        token: integrator,
      });
      return page.body.items?.[0];
    }, 'the release to be received', 20_000);
    release = await eventually(async () => {
      const r = await call<EngineeringReleaseDto>('GET', `${processUrl}/v1/engineering-releases/${found.id}`, { token: integrator });
      if (r.body.state === 'FAILED' || r.body.state === 'REJECTED' || r.body.state === 'AWAITING_APPROVAL') {
        throw new Error(`release ${r.body.state}: ${r.body.failureReason ?? r.body.governance}`);
      }
      return r.body.state === 'COMPLETED' ? r.body : undefined;
    }, 'the release to complete', 60_000);
    expect(release.changeNumber).toBe(change.number);
    expect(release.rollouts.map((r) => [r.plant, r.state])).toEqual(PLANTS.map((p) => [p, 'COMPLETED']));
    const releaseStates = release.history.filter((h) => h.plant === null).map((h) => h.to);
    expect(releaseStates).toEqual(['RECEIVED', 'VALIDATED', 'IMPACT_ASSESSED', 'APPROVED', 'ROLLING_OUT', 'COMPLETED']);
    // A use-up change with a small cost delta applies by itself under the default policy.
    expect(release.governance).toMatch(/^auto-apply/);
    expect(release.history.find((h) => h.to === 'APPROVED')!.actor).toBe('policy:governance');
    expect(release.impact.map((p) => p.plant)).toEqual(PLANTS);
    expect(release.impact.every((p) => p.outgoingComponents[0]?.itemNumber === 'SEAL-200')).toBe(true);
    for (const plant of PLANTS) {
      expect(release.history.filter((h) => h.plant === plant).map((h) => h.to)).toEqual(['ERP_APPLIED', 'COMPLETED']);
    }
  }, 90_000);

  it('ERP system API: every plant holds the new BOM revision with SEAL-210 instead of SEAL-200', async () => {
    for (const plant of PLANTS) {
      const boms = await call<PlantBomDto[]>('GET', `${platform.url('erp-system-api')}/v1/plants/${plant}/items/PUMP-100/boms`, { token: integrator });
      expect(boms.status).toBe(200);
      const revB = boms.body.find((b) => b.revision === 'B');
      expect(revB).toBeDefined();
      expect(revB!.changeNumber).toBe(change.number);
      // Valid from the plant's effective date: the change's date, or after the plant's frozen horizon
      // (P2 has 7 days in the default policy). ERP keeps validity by day, so the date must agree.
      const rollout = release.rollouts.find((r) => r.plant === plant)!;
      expect(revB!.validFrom.slice(0, 10)).toBe(rollout.effectiveFrom!.slice(0, 10));
      if (plant !== 'P2') expect(rollout.effectiveFrom!.slice(0, 10)).toBe(effectiveFrom.slice(0, 10));
      else expect(Date.parse(rollout.effectiveFrom!)).toBeGreaterThan(Date.now() + 6 * 86_400_000);
      const components = revB!.lines.map((l) => l.componentNumber);
      expect(components).toContain('SEAL-210');
      expect(components).not.toContain('SEAL-200');
    }
  });

  it('scheduling system API: each plant scheduler has the change and re-planned after it', async () => {
    for (const plant of PLANTS) {
      const base = `${platform.url('scheduling-system-api')}/v1/plants/${plant}`;
      const changes = await call<any[]>('GET', `${base}/production-changes?changeNumber=${change.number}`, { token: integrator });
      expect(changes.status).toBe(200);
      expect(changes.body).toHaveLength(1);
      expect(changes.body[0].components.map((c: { componentNumber: string }) => c.componentNumber)).toContain('SEAL-210');
      const latest = await call('GET', `${base}/plan-runs/latest`, { token: integrator });
      expect(latest.status).toBe(200);
      expect(latest.body.status).toBe('finished');
      // The re-plan was caused by this change, and ran after PLM released it (frePPLe keeps seconds).
      expect(latest.body.trigger).toBe(change.number);
      expect(Date.parse(latest.body.startedAt)).toBeGreaterThanOrEqual(Math.floor(Date.parse(change.releasedAt!) / 1000) * 1000);
    }
  });

  it('experience API: the dashboard shows the change adopted in 3 of 3 plants', async () => {
    const row = await eventually(async () => {
      const r = await call<{ items: RevisionAdoptionDto[] }>(
        'GET',
        `${platform.url('experience-api')}/v1/dashboards/revision-adoption?changeNumber=${change.number}`,
        { token: dashboard },
      );
      const item = r.body.items?.[0];
      return item && item.plantsAdopted === 3 && item.releaseState === 'COMPLETED' ? item : undefined;
    }, 'the dashboard to show 3 of 3 plants');
    expect(row).toMatchObject({ changeNumber: change.number, plantsAdopted: 3, plantsTotal: 3, releaseId: release.id });
    expect(row.plants.every((p) => p.adopted)).toBe(true);
  });

  it('experience API: v1 of the dashboard is deprecated on the wire, v2 answers beside it', async () => {
    const v1 = await call('GET', `${platform.url('experience-api')}/v1/dashboards/revision-adoption?changeNumber=${change.number}`, { token: dashboard });
    expect(v1.status).toBe(200);
    expect(v1.headers.get('deprecation')).toMatch(/^@\d+$/);
    expect(new Date(v1.headers.get('sunset')!).toISOString()).toBe('2027-06-30T00:00:00.000Z');
    expect(v1.headers.get('link')).toContain('</v2/dashboards/revision-adoption>; rel="successor-version"');
    const v2 = await call('GET', `${platform.url('experience-api')}/v2/dashboards/revision-adoption?changeNumber=${change.number}`, { token: dashboard });
    expect(v2.status).toBe(200);
    expect(v2.headers.get('deprecation')).toBeNull();
    expect(v2.body).toMatchObject({ nextCursor: null, items: [{ changeNumber: change.number, adoption: { adopted: 3, total: 3, percent: 100 } }] });
  });

  it('a repeated release announcement changes nothing: still one release, still one BOM revision B per plant', async () => {
    const again = await call('POST', `${platform.url('plm-system-api')}/v1/engineering-changes/${change.number}/release`, { token: integrator });
    expect(again.status).toBe(200);
    // Give the repeated announcement time to travel; it must not start a second release.
    await new Promise((r) => setTimeout(r, 2_000));
    const page = await call<{ items: EngineeringReleaseDto[] }>(
      'GET',
      `${platform.url('process-api')}/v1/engineering-releases?changeNumber=${change.number}`,
      { token: integrator },
    );
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0].history).toHaveLength(release.history.length);
    const boms = await call<PlantBomDto[]>('GET', `${platform.url('erp-system-api')}/v1/plants/P1/items/PUMP-100/boms`, { token: integrator });
    expect(boms.body.filter((b) => b.revision === 'B')).toHaveLength(1);
  });

  it('the dashboard client cannot use a system API (403), and malformed input is a 400 problem that creates nothing', async () => {
    const forbidden = await call('GET', `${platform.url('plm-system-api')}/v1/items/PUMP-100`, { token: dashboard });
    expect(forbidden.status).toBe(403);
    const bad = await call('POST', `${platform.url('plm-system-api')}/v1/engineering-changes`, {
      token: integrator,
      body: { ...sealChange(effectiveFrom), targetPlants: [], sneaky: true },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(bad.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('carries the correlation id and the W3C trace from the release call through PLM events to the process API', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const headers = { 'x-correlation-id': 'corr-skeleton-42', traceparent: `00-${traceId}-00f067aa0ba902b7-01` };
    const created = await call<EngineeringChangeDto>('POST', `${platform.url('plm-system-api')}/v1/engineering-changes`, {
      token: integrator,
      body: { ...sealChange(effectiveFrom), targetPlants: ['P1'], affectedItems: [{ ...sealChange(effectiveFrom).affectedItems[0], itemNumber: 'VALVE-300' }] },
    });
    expect(created.status).toBe(201);
    const released = await call('POST', `${platform.url('plm-system-api')}/v1/engineering-changes/${created.body.number}/release`, { token: integrator, headers });
    expect(released.status).toBe(200);
    expect(released.headers.get('x-correlation-id')).toBe('corr-skeleton-42');
    expect(released.headers.get('traceparent')).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    const { Client } = await import('pg');
    const sql = new Client({ connectionString: db.url });
    await sql.connect();
    try {
      const announced = await sql.query(`SELECT event FROM plm_system_api.outbox WHERE subject = $1`, [created.body.number]);
      expect(announced.rows[0].event).toMatchObject({ correlationid: 'corr-skeleton-42', traceparent: expect.stringMatching(new RegExp(`^00-${traceId}-`)) });
      const started = await eventually(async () => {
        const r = await sql.query(`SELECT event FROM process_api.outbox WHERE subject = $1 AND type = 'threadline.process.engineering-release.started.v1'`, [created.body.number]);
        return r.rows[0]?.event;
      }, 'the release to start');
      expect(started).toMatchObject({ correlationid: 'corr-skeleton-42', traceparent: expect.stringMatching(new RegExp(`^00-${traceId}-`)) });
    } finally {
      await sql.end();
    }
  });

  it('Idempotency-Key: a retried create gets the stored response, the same key with another payload is refused', async () => {
    const url = `${platform.url('plm-system-api')}/v1/engineering-changes`;
    // PLM holds PUMP-100 rev B by now (released above): the change starts from it.
    const body = {
      ...sealChange(effectiveFrom),
      title: 'Idempotent create',
      targetPlants: ['P3'],
      affectedItems: [{ ...sealChange(effectiveFrom).affectedItems[0], fromRevision: 'B', toRevision: 'C' }],
    };
    const first = await call<EngineeringChangeDto>('POST', url, { token: integrator, body, headers: { 'idempotency-key': 'create-eco-7f3a' } });
    expect(first.status).toBe(201);
    const retry = await call<EngineeringChangeDto>('POST', url, { token: integrator, body, headers: { 'idempotency-key': 'create-eco-7f3a' } });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.number).toBe(first.body.number);
    const other = await call('POST', url, { token: integrator, body: { ...body, title: 'Something else' }, headers: { 'idempotency-key': 'create-eco-7f3a' } });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const page = await call<{ items: EngineeringChangeDto[] }>('GET', `${url}?limit=200`, { token: integrator });
    expect(page.body.items.filter((c) => c.title === 'Idempotent create')).toHaveLength(1);
    // Keys are the client's own: another client's identical key is a new request.
    const process = await tokenFor(platform, 'threadline-process');
    const theirs = await call<EngineeringChangeDto>('POST', url, { token: process, body, headers: { 'idempotency-key': 'create-eco-7f3a' } });
    expect(theirs.status).toBe(201);
    expect(theirs.body.number).not.toBe(first.body.number);
  });

  // Last: it stops the platform.
  it('stopping the platform closes the outgoing connection pools: a call made afterwards fails at once', async () => {
    const systemApis = platform.apps['process-api'].app.get(SystemApis);
    const erp = platform.apps['erp-system-api'].app.get(ErpConnector);
    // Both have their service tokens before the stop (a token request would fail another way).
    await systemApis.getChange('ECN-000001').catch(() => undefined);
    await erp.listPlants();
    await platform.close();
    platformClosed = true;
    // "closed", not "connection refused": the pool itself was shut, not just the servers behind it.
    const processCall = await systemApis.getChange('ECN-000001').catch((error: unknown) => error);
    expect(processCall).toBeInstanceOf(BackendUnavailableError);
    expect((processCall as BackendUnavailableError).detail).toMatch(/closed|destroyed/i);
    const erpCall = await erp.listPlants().catch((error: unknown) => error);
    expect(String((erpCall as Error).message) + JSON.stringify(erpCall)).toMatch(/closed|destroyed/i);
  });
});
