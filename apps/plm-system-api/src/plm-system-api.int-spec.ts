import { BomDto, CreateEngineeringChangeDto, DocumentListDto, EngineeringChangeDto, EventTypes, ExplodedBomDto, ItemDto, ItemPageDto } from '@threadline/canonical';
import { deterministicEventId } from '@threadline/messaging';
import { EngineeringChangePageDto } from '@threadline/canonical/plm/engineering-change-page.dto';
import { FaultProfileDto, RunningApp } from '@threadline/platform';
import { Client } from 'pg';
import { call as httpCall } from '../../../test/support/http';
import { eventually } from '../../../test/support/eventually';
import { seedStartingWith } from '../../../test/support/faults';
import { startSystemApiUnderTest, SystemApiUnderTest } from '../../../test/support/system-api';
import { buildDemoFamily } from '../../plm-mock/src/seed/demo-family';
import { DEMO_PARTS } from '../../plm-mock/src/seed/demo-world';
import * as ChangeNoticeMapper from './connector/windchill/change-notice.mapper';
import { signWindchillWebhook } from './connector/windchill/windchill-webhook';
import { PlmSystemApiConfig } from './plm-system-api.config';

interface Problem {
  status: number;
  code: string;
  detail?: string;
  backendError?: { error: { code: string; message: string } };
  errors?: Array<{ field: string }>;
}

function sealChange(overrides: Partial<CreateEngineeringChangeDto> = {}): CreateEngineeringChangeDto {
  return {
    title: 'Replace obsolete shaft seal',
    description: 'Supplier discontinued SEAL-200; SEAL-210 (FKM) is form-fit-function compatible.',
    priority: 'high',
    targetPlants: ['P1', 'P2', 'P3'],
    effectivity: { type: 'date', startDate: '2026-12-01T00:00:00.000Z' },
    affectedItems: [
      {
        itemNumber: 'PUMP-100',
        fromRevision: 'A',
        toRevision: 'B',
        disposition: 'use-up',
        bomChanges: [{ action: 'replace', componentNumber: 'SEAL-200', replacementNumber: 'SEAL-210' }],
      },
    ],
    ...overrides,
  };
}

/** The seal change once PUMP-100 B is released: the change on the change, from B to C. */
function nextSealChange(overrides: Partial<CreateEngineeringChangeDto> = {}): CreateEngineeringChangeDto {
  return sealChange({ affectedItems: [{ ...sealChange().affectedItems[0], fromRevision: 'B', toRevision: 'C' }], ...overrides });
}

/*
 * The system API is tested against the simulated Windchill over real HTTP: that the test imports
 * the mock's start function is test wiring only; the API itself reaches the mock through HTTP.
 */
describe('plm-system-api over plm-mock (real Postgres, real HTTP)', () => {
  let t: SystemApiUnderTest<'plm'>;
  let token: string;
  let sql: Client;

  async function call<T>(path: string, init: { method?: string; body?: unknown; token?: string | null } = {}) {
    const auth = init.token === null ? undefined : (init.token ?? token);
    const response = await fetch(`${t.api.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(auth ? { authorization: `Bearer ${auth}` } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: (await response.json()) as T };
  }

  async function noticeCount(): Promise<number> {
    return (await sql.query('SELECT count(*)::int AS n FROM plm_mock.change_notices')).rows[0].n;
  }

  beforeAll(async () => {
    t = await startSystemApiUnderTest('plm', {
      label: 'plm_system_api',
      api: {
        plmTimeoutMs: 3_000,
        // The poller runs once at start-up; the tests drive later catch-ups through POST /v1/change-feed/sync.
        feedIntervalMs: 3_600_000,
      },
    });
    token = await t.idp.token('threadline-process');
    sql = new Client({ connectionString: t.db.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await t?.close();
  });

  it('reads an item with its revisions, and its revision A BOM, in canonical form', async () => {
    const item = await call<ItemDto>('/v1/items/PUMP-100');
    expect(item.status).toBe(200);
    expect(item.body).toMatchObject({ number: 'PUMP-100', name: 'Centrifugal pump assembly', unit: 'EA', sourcing: 'make', latestReleasedRevision: 'A' });
    expect(item.body.revisions).toEqual([expect.objectContaining({ itemNumber: 'PUMP-100', revision: 'A', state: 'RELEASED', changeNumber: null })]);

    const bom = await call<BomDto>('/v1/items/PUMP-100/revisions/A/bom');
    expect(bom.status).toBe(200);
    expect(bom.body.lines.map((l) => [l.findNumber, l.componentNumber, l.quantity, l.unit])).toEqual([
      [10, 'HOUSING-110', 1, 'EA'],
      [20, 'IMPELLER-120', 1, 'EA'],
      [30, 'SHAFT-130', 1, 'EA'],
      [40, 'SEAL-200', 2, 'EA'],
      [50, 'MOTOR-140', 1, 'EA'],
      [60, 'BOLT-M8', 8, 'EA'],
    ]);
  });

  it('answers an unknown item or revision with a 404 problem', async () => {
    const item = await call<Problem>('/v1/items/NOPE-1');
    expect(item.status).toBe(404);
    expect(item.contentType).toContain('application/problem+json');
    expect(item.body.code).toBe('NOT_FOUND');
    const bom = await call<Problem>('/v1/items/PUMP-100/revisions/Q/bom');
    expect(bom).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });

  it('refuses a call without a token (401) and a dashboard token (403)', async () => {
    expect((await call<Problem>('/v1/items/PUMP-100', { token: null })).status).toBe(401);
    const dashboard = await call<Problem>('/v1/items/PUMP-100', { token: await t.idp.token('dashboard') });
    // The dashboard's token is for experience-api only: refused here before its scopes are looked at.
    expect(dashboard).toMatchObject({ status: 403, body: { code: 'TOKEN_AUDIENCE_MISMATCH' } });
    const write = await call<Problem>('/v1/engineering-changes', { method: 'POST', body: sealChange(), token: await t.idp.token('dashboard') });
    expect(write.status).toBe(403);
  });

  it('refuses a malformed engineering change with a 400 problem and creates nothing in PLM', async () => {
    const before = await noticeCount();
    const { status, contentType, body } = await call<Problem>('/v1/engineering-changes', {
      method: 'POST',
      body: { ...sealChange(), targetPlants: [], effectivity: { type: 'date', startDate: 'next tuesday' }, unexpected: true },
    });
    expect(status).toBe(400);
    expect(contentType).toContain('application/problem+json');
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors!.map((e) => e.field)).toEqual(expect.arrayContaining(['targetPlants', 'effectivity.startDate', 'unexpected']));
    expect(await noticeCount()).toBe(before);
  });

  let released: EngineeringChangeDto;

  it('creates the SEAL-210 change (OPEN) and releases it into PUMP-100 B, whose BOM has SEAL-210 and not SEAL-200', async () => {
    const created = await call<EngineeringChangeDto>('/v1/engineering-changes', { method: 'POST', body: sealChange() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'OPEN', priority: 'high', targetPlants: ['P1', 'P2', 'P3'], releasedAt: null });
    expect(created.body.number).toMatch(/^ECN-\d{6}$/);
    expect(created.body.affectedItems).toEqual(sealChange().affectedItems);

    const release = await call<EngineeringChangeDto>(`/v1/engineering-changes/${created.body.number}/release`, { method: 'POST' });
    expect(release.status).toBe(200);
    expect(release.body.state).toBe('RELEASED');
    expect(release.body.releasedAt).not.toBeNull();
    released = release.body;

    const bom = await call<BomDto>('/v1/items/PUMP-100/revisions/B/bom');
    const components = bom.body.lines.map((l) => l.componentNumber);
    expect(components).toContain('SEAL-210');
    expect(components).not.toContain('SEAL-200');
    expect(bom.body.lines.find((l) => l.componentNumber === 'SEAL-210')).toMatchObject({ findNumber: 40, quantity: 2, referenceDesignators: ['S1', 'S2'] });

    const item = await call<ItemDto>('/v1/items/PUMP-100');
    expect(item.body.latestReleasedRevision).toBe('B');
    expect(item.body.revisions.map((r) => [r.revision, r.state, r.changeNumber])).toEqual([
      ['A', 'SUPERSEDED', null],
      ['B', 'RELEASED', created.body.number],
    ]);
    expect((await call<EngineeringChangeDto>(`/v1/engineering-changes/${created.body.number}`)).body).toEqual(released);
  });

  it('makes a repeated release harmless: 200 with the change, one revision B, exactly one outbox event', async () => {
    const again = await call<EngineeringChangeDto>(`/v1/engineering-changes/${released.number}/release`, { method: 'POST' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(released);
    const { rows } = await sql.query('SELECT subject, event FROM plm_system_api.outbox WHERE type = $1', [EventTypes.EngineeringChangeReleased]);
    expect(rows).toHaveLength(1);
    expect(rows[0].subject).toBe(released.number);
    expect(rows[0].event).toMatchObject({ specversion: '1.0', source: '/threadline/plm-system-api', data: { change: released } });
    const versions = await sql.query("SELECT version FROM plm_mock.parts WHERE number = 'PUMP-100' ORDER BY version");
    expect(versions.rows.map((r) => r.version)).toEqual(['A', 'B']);
  });

  it('refuses at the door, creating nothing in PLM: an unknown item or component, a stale fromRevision, a BOM cycle (422 with its code)', async () => {
    const before = await noticeCount();
    const ghost = await call<Problem & { object: string }>('/v1/engineering-changes', {
      method: 'POST',
      body: sealChange({ affectedItems: [{ ...sealChange().affectedItems[0], itemNumber: 'GHOST-999' }] }),
    });
    expect(ghost).toMatchObject({ status: 422, contentType: expect.stringContaining('application/problem+json'), body: { code: 'COMPONENT_UNKNOWN', object: 'GHOST-999' } });
    const stale = await call<Problem & { currentRevision: string }>('/v1/engineering-changes', { method: 'POST', body: sealChange() });
    expect(stale).toMatchObject({ status: 422, body: { code: 'REVISION_CONFLICT', object: 'PUMP-100', currentRevision: 'B' } });
    const cycle = await call<Problem & { path: string[] }>('/v1/engineering-changes', {
      method: 'POST',
      body: sealChange({
        affectedItems: [{ itemNumber: 'HOUSING-110', fromRevision: 'A', toRevision: 'B', disposition: 'use-as-is', bomChanges: [{ action: 'add', componentNumber: 'PUMP-100', quantity: 1 }] }],
      }),
    });
    expect(cycle).toMatchObject({ status: 422, body: { code: 'BOM_CYCLE', path: ['HOUSING-110', 'PUMP-100', 'HOUSING-110'] } });
    expect(await noticeCount()).toBe(before);
  });

  it("explains PLM's refusal at release in the door's codes, keeping Windchill's error: a change created in PLM directly", async () => {
    const connector = await t.idp.token('threadline-connector');
    const inPlm = async (change: CreateEngineeringChangeDto): Promise<string> => {
      const created = await httpCall('POST', `${t.mock.url}/Windchill/servlet/odata/ChangeMgmt/ChangeNotices`, { token: connector, body: ChangeNoticeMapper.fromCanonical(change) });
      expect(created.status).toBe(201);
      return created.body.Number as string;
    };
    const ghost = await inPlm(sealChange({ affectedItems: [{ ...sealChange().affectedItems[0], itemNumber: 'GHOST-999' }] }));
    const unknown = await call<Problem & { object: string }>(`/v1/engineering-changes/${ghost}/release`, { method: 'POST' });
    expect(unknown).toMatchObject({ status: 422, body: { code: 'COMPONENT_UNKNOWN', object: 'GHOST-999', backendStatus: 400 } });
    expect(unknown.body.backendError?.error.code).toBe('InvalidAffectedObject');
    const stale = await inPlm(sealChange());
    const conflict = await call<Problem & { currentRevision: string }>(`/v1/engineering-changes/${stale}/release`, { method: 'POST' });
    expect(conflict).toMatchObject({ status: 422, body: { code: 'REVISION_CONFLICT', object: 'PUMP-100', currentRevision: 'B' } });
    expect(conflict.body.backendError?.error.code).toBe('InvalidAffectedObject');
    const component = await inPlm(nextSealChange({ affectedItems: [{ ...nextSealChange().affectedItems[0], bomChanges: [{ action: 'add', componentNumber: 'GHOST-7', quantity: 1 }] }] }));
    const redline = await call<Problem & { object: string }>(`/v1/engineering-changes/${component}/release`, { method: 'POST' });
    expect(redline).toMatchObject({ status: 422, body: { code: 'COMPONENT_UNKNOWN', object: 'GHOST-7' } });
    expect(redline.body.backendError?.error.code).toBe('InvalidBOMChange');
    // A refusal the door's rules do not explain (replacing a component the BOM does not use) stays PLM's.
    const unused = await inPlm(nextSealChange());
    const refused = await call<Problem>(`/v1/engineering-changes/${unused}/release`, { method: 'POST' });
    expect(refused).toMatchObject({ status: 422, body: { code: 'BACKEND_REJECTED', backendError: { error: { code: 'InvalidBOMChange' } } } });
    expect((await call<Problem>('/v1/engineering-changes/ECN-999999')).status).toBe(404);
    const versions = await sql.query("SELECT version FROM plm_mock.parts WHERE number = 'PUMP-100' ORDER BY version");
    expect(versions.rows.map((r) => r.version)).toEqual(['A', 'B']);
  });

  it('lists changes with cursor pagination, and the released ones since a time as a feed', async () => {
    // A second released change, so the feed has two entries in release order.
    const valve = await call<EngineeringChangeDto>('/v1/engineering-changes', {
      method: 'POST',
      body: sealChange({ affectedItems: [{ ...sealChange().affectedItems[0], itemNumber: 'VALVE-300' }] }),
    });
    await call(`/v1/engineering-changes/${valve.body.number}/release`, { method: 'POST' });

    // The seal change, the four refused ones created in PLM directly (above), then the valve change.
    const first = await call<EngineeringChangePageDto>('/v1/engineering-changes?limit=5');
    expect(first.body.items).toHaveLength(5);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await call<EngineeringChangePageDto>(`/v1/engineering-changes?limit=5&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((c) => c.number)).toEqual([valve.body.number]);
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.items, ...second.body.items].map((c) => c.number)).toEqual(['ECN-000001', 'ECN-000002', 'ECN-000003', 'ECN-000004', 'ECN-000005', 'ECN-000006']);

    const feed = await call<EngineeringChangePageDto>('/v1/engineering-changes?state=RELEASED&releasedSince=2020-01-01T00:00:00Z&limit=1');
    expect(feed.body.items.map((c) => c.number)).toEqual([released.number]);
    const rest = await call<EngineeringChangePageDto>(
      `/v1/engineering-changes?state=RELEASED&releasedSince=2020-01-01T00:00:00Z&limit=1&cursor=${feed.body.nextCursor}`,
    );
    expect(rest.body.items.map((c) => c.number)).toEqual([valve.body.number]);
    const caughtUp = await call<EngineeringChangePageDto>(`/v1/engineering-changes?releasedSince=${encodeURIComponent(rest.body.items[0].releasedAt!)}`);
    expect(caughtUp.body.items).toEqual([]);
    expect((await call<Problem>('/v1/engineering-changes?limit=1000')).status).toBe(400);
  });

  describe('release announcements by webhook and change feed', () => {
    const ODATA = '/Windchill/servlet/odata';
    const SECRET = new PlmSystemApiConfig().webhookSecret;
    let connector: string;
    let operator: string;
    const mockCall = (method: string, path: string, body?: unknown, bearer?: string) =>
      httpCall(method, `${t.mock.url}${ODATA}/${path}`, { token: bearer ?? connector, body });
    const eventsFor = async (number: string) =>
      (await sql.query('SELECT id, event FROM plm_system_api.outbox WHERE type = $1 AND subject = $2', [EventTypes.EngineeringChangeReleased, number])).rows;
    /** Creates a change through the API and releases it in PLM directly, as an engineer in Windchill would. */
    const releaseInPlm = async (itemNumber: string, bomChanges: CreateEngineeringChangeDto['affectedItems'][0]['bomChanges']) => {
      const created = await call<EngineeringChangeDto>('/v1/engineering-changes', {
        method: 'POST',
        body: sealChange({ affectedItems: [{ itemNumber, fromRevision: 'A', toRevision: 'B', disposition: 'use-up', bomChanges }] }),
      });
      const notice = (await mockCall('GET', `ChangeMgmt/ChangeNotices?$filter=${encodeURIComponent(`Number eq '${created.body.number}'`)}`)).body.value[0];
      const released = await mockCall('POST', `ChangeMgmt/ChangeNotices('${notice.ID}')/PTC.ChangeMgmt.Release`);
      expect(released.status).toBe(200);
      return { number: created.body.number, createdAt: created.body.createdAt, body: JSON.stringify(released.body) };
    };
    const webhook = (body: string, headers: Record<string, string>) =>
      httpCall('POST', `${t.api.url}/v1/webhooks/plm`, { body, headers: { 'content-type': 'application/json', 'x-ptc-event': 'CHANGE_NOTICE_RELEASED', ...headers } });
    const signed = (body: string, timestamp = Math.floor(Date.now() / 1000), secret = SECRET) => ({
      'x-ptc-timestamp': String(timestamp),
      'x-ptc-signature': signWindchillWebhook(secret, timestamp, body),
    });
    let viaWebhook: { number: string; createdAt: string; body: string };

    beforeAll(async () => {
      connector = await t.idp.token('threadline-connector');
      operator = await t.idp.token('operator');
    });

    it('subscribes itself to PLM release webhooks at start-up', async () => {
      const url = `${t.api.url}/v1/webhooks/plm`;
      const subscription = await eventually(async () => {
        const list = await mockCall('GET', `EventMgmt/Subscriptions?$filter=${encodeURIComponent(`URL eq '${url}'`)}`, undefined, operator);
        return list.body.value[0];
      }, 'the webhook subscription');
      expect(subscription).toMatchObject({ URL: url, Events: ['CHANGE_NOTICE_RELEASED'] });
    });

    it('announces a change released in PLM directly: the webhook reaches the API and makes exactly one outbox event', async () => {
      viaWebhook = await releaseInPlm('PUMP-2010', [{ action: 'replace', componentNumber: 'BOLT-M6X30', quantity: 10 }]);
      const [row] = await eventually(async () => ((await eventsFor(viaWebhook.number)).length > 0 ? eventsFor(viaWebhook.number) : undefined), 'the webhook announcement');
      expect(row.id).toBe(deterministicEventId('plm', viaWebhook.number, 'released'));
      const change = (await call<EngineeringChangeDto>(`/v1/engineering-changes/${viaWebhook.number}`)).body;
      expect(row.event.data.change).toEqual(change);
      expect(change.state).toBe('RELEASED');
      expect(await eventsFor(viaWebhook.number)).toHaveLength(1);
    });

    it('makes the same webhook delivered twice, and the API release after it, one event', async () => {
      for (let i = 0; i < 2; i++) {
        const again = await webhook(viaWebhook.body, signed(viaWebhook.body));
        expect(again.status).toBe(200);
        expect(again.body).toEqual({ outcome: 'announced', changeNumber: viaWebhook.number, reason: null });
      }
      expect((await call(`/v1/engineering-changes/${viaWebhook.number}/release`, { method: 'POST' })).status).toBe(200);
      expect(await eventsFor(viaWebhook.number)).toHaveLength(1);
    });

    it('catches up through the change feed when the webhook is gone, and refuses forged or stale webhooks meanwhile', async () => {
      const subscriptions = (await mockCall('GET', 'EventMgmt/Subscriptions', undefined, operator)).body.value as Array<{ ID: string }>;
      for (const s of subscriptions) expect((await mockCall('DELETE', `EventMgmt/Subscriptions('${s.ID}')`, undefined, operator)).status).toBe(204);
      const missed = await releaseInPlm('PUMP-2020', [{ action: 'replace', componentNumber: 'BOLT-M10X40', quantity: 6 }]);

      const forged = await webhook(missed.body, signed(missed.body, Math.floor(Date.now() / 1000), 'not-the-shared-secret-at-all'));
      expect(forged.status).toBe(401);
      expect(forged.headers.get('content-type')).toContain('application/problem+json');
      expect(forged.body).toMatchObject({ status: 401, code: 'WEBHOOK_SIGNATURE_INVALID' });
      const stale = await webhook(missed.body, signed(missed.body, Math.floor(Date.now() / 1000) - 360));
      expect(stale).toMatchObject({ status: 401, body: { code: 'WEBHOOK_SIGNATURE_INVALID' } });
      const unsigned = await webhook(missed.body, {});
      expect(unsigned.status).toBe(401);
      expect(await eventsFor(missed.number)).toHaveLength(0);

      const { rows } = await sql.query("SELECT number, resolution_date FROM plm_mock.change_notices WHERE state = 'RELEASED' ORDER BY resolution_date, number");
      const sync = await call<{ announced: number; cursor: { releasedAt: string; changeNumber: string } }>('/v1/change-feed/sync', { method: 'POST' });
      expect(sync.status).toBe(200);
      // The cursor was empty (nothing was released when the poller first ran): every release is read, each one event.
      expect(sync.body.announced).toBe(rows.length);
      expect(sync.body.cursor).toEqual({ releasedAt: rows[rows.length - 1].resolution_date.toISOString(), changeNumber: missed.number });
      expect(await eventsFor(missed.number)).toHaveLength(1);
      for (const r of rows) expect([r.number, (await eventsFor(r.number)).length]).toEqual([r.number, 1]);
      const stored = await sql.query('SELECT change_number FROM plm_system_api.feed_cursor');
      expect(stored.rows.map((r) => r.change_number)).toEqual([missed.number]);

      const again = await call<{ announced: number; cursor: unknown }>('/v1/change-feed/sync', { method: 'POST' });
      expect(again.body).toEqual({ announced: 0, cursor: sync.body.cursor });
      expect((await call('/v1/change-feed/sync', { method: 'POST', token: await t.idp.token('dashboard') })).status).toBe(403);
    });

    it('explodes the BOM of PUMP-100 rev A over all levels, with quantities per pump', async () => {
      const exploded = await call<ExplodedBomDto>('/v1/items/PUMP-100/revisions/A/bom/exploded?at=2026-06-01T00:00:00Z');
      expect(exploded.status).toBe(200);
      expect(exploded.body).toMatchObject({ itemNumber: 'PUMP-100', revision: 'A', at: '2026-06-01T00:00:00.000Z', depth: 2 });
      expect(exploded.body.lines.map((l) => [l.level, l.path.join('>'), l.revision, l.quantityPerTop, l.unit])).toEqual([
        [1, 'PUMP-100>HOUSING-110', 'A', 1, 'EA'],
        [2, 'PUMP-100>HOUSING-110>CASTING-111', 'A', 1, 'EA'],
        [2, 'PUMP-100>HOUSING-110>BOLT-M8', 'A', 4, 'EA'],
        [1, 'PUMP-100>IMPELLER-120', 'A', 1, 'EA'],
        [2, 'PUMP-100>IMPELLER-120>BLANK-121', 'A', 1, 'EA'],
        [1, 'PUMP-100>SHAFT-130', 'A', 1, 'EA'],
        [1, 'PUMP-100>SEAL-200', 'A', 2, 'EA'],
        [1, 'PUMP-100>MOTOR-140', 'A', 1, 'EA'],
        [1, 'PUMP-100>BOLT-M8', 'A', 8, 'EA'],
      ]);
      expect((await call<Problem>('/v1/items/PUMP-100/revisions/A/bom/exploded?at=soon')).status).toBe(400);
      expect((await call<Problem>('/v1/items/PUMP-100/revisions/Q/bom/exploded')).status).toBe(404);
    });

    it('explodes a skid six levels deep, choosing each pump revision by the effectivity of its change', async () => {
      const at = (time: string) => call<ExplodedBomDto>(`/v1/items/SKID-7100/revisions/A/bom/exploded?at=${time}`);
      const before = (await at('2026-06-01T00:00:00Z')).body;
      expect(before.depth).toBe(5);
      const bar = before.lines.find((l) => l.path.join('>') === 'SKID-7100>PUMPUNIT-7120>PUMP-2010>ROTOR-2015>SHAFT-2016>BAR-14021-D20');
      expect(bar).toMatchObject({ level: 5, quantity: 1.2, quantityPerTop: 1.2, unit: 'KG', sourcing: 'buy' });
      const pumpBolts = (e: ExplodedBomDto) => e.lines.find((l) => l.path.join('>') === 'SKID-7100>PUMPUNIT-7120>PUMP-2010>BOLT-M6X30');
      expect(before.lines.find((l) => l.componentNumber === 'PUMP-2010')?.revision).toBe('A');
      expect(pumpBolts(before)?.quantityPerTop).toBe(8);
      // PUMP-2010 B was released with effectivity 2026-12-01: from then on the skid uses it.
      const after = (await at('2027-01-01T00:00:00Z')).body;
      expect(after.lines.find((l) => l.componentNumber === 'PUMP-2010')?.revision).toBe('B');
      expect(pumpBolts(after)?.quantityPerTop).toBe(10);
    });

    it('lists the documents of an item as metadata, and 404 for an unknown item', async () => {
      const docs = await call<DocumentListDto>('/v1/items/PUMP-100/documents');
      expect(docs.status).toBe(200);
      expect(docs.body.items.map((d) => [d.number, d.type, d.revision, d.fileName])).toEqual([
        ['DRW-PUMP-100', 'drawing', 'A', 'DRW-PUMP-100_A.pdf'],
        ['SPEC-PUMP-100', 'specification', 'A', 'SPEC-PUMP-100_A.pdf'],
        ['TP-PUMP-100', 'test-procedure', 'A', 'TP-PUMP-100_A.pdf'],
      ]);
      const file = await fetch(docs.body.items[1].url, { headers: { authorization: `Bearer ${connector}` } });
      expect(await file.text()).toContain('SPEC-PUMP-100 A');
      expect((await call<Problem>('/v1/items/NOPE-1/documents')).status).toBe(404);
    });

    it('lists items by number with cursor paging, complete with their revisions, and filters by changedSince', async () => {
      const numbers: string[] = [];
      let cursor: string | null = null;
      let pump: ItemDto | undefined;
      do {
        const page: { status: number; body: ItemPageDto } = await call<ItemPageDto>(`/v1/items?limit=70${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(70);
        numbers.push(...page.body.items.map((i) => i.number));
        pump ??= page.body.items.find((i) => i.number === 'PUMP-100');
        cursor = page.body.nextCursor;
      } while (cursor);
      const expected = [...DEMO_PARTS, ...buildDemoFamily().parts].map((p) => p.number).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(numbers).toEqual(expected);
      expect(pump?.revisions.map((r) => [r.revision, r.state])).toEqual([
        ['A', 'SUPERSEDED'],
        ['B', 'RELEASED'],
      ]);

      const since = encodeURIComponent(viaWebhook.createdAt);
      const changed = await call<ItemPageDto>(`/v1/items?changedSince=${since}&limit=1`);
      expect(changed.body.items.map((i) => i.number)).toEqual(['PUMP-2010']);
      expect(changed.body.items[0].revisions.map((r) => r.revision)).toEqual(['A', 'B']);
      const rest = await call<ItemPageDto>(`/v1/items?changedSince=${since}&limit=1&cursor=${changed.body.nextCursor}`);
      expect(rest.body.items.map((i) => i.number)).toEqual(['PUMP-2020']);
      expect(rest.body.nextCursor).toBeNull();

      expect((await call<Problem>(`/v1/items?limit=1&cursor=${changed.body.nextCursor}`)).body.code).toBe('INVALID_CURSOR');
      expect((await call<Problem>('/v1/items?limit=1000')).status).toBe(400);
      expect((await call<Problem>('/v1/items?changedSince=yesterday')).status).toBe(400);
    });
  });

  /*
   * Resilience against the simulated Windchill's injected faults (set through its admin API), on
   * a second instance of the API with a 300 ms timeout towards PLM. Premises about which attempt
   * meets which fault are computed from the same seeded sequence the mock uses.
   */
  describe('under injected PLM faults', () => {
    let impatient: RunningApp;
    let operator: string;
    const faults = (method: 'PUT' | 'DELETE', scope: string, profile?: FaultProfileDto) =>
      httpCall(method, `${t.mock.url}/admin/faults${scope ? `/${scope}` : ''}`, { token: operator, body: profile });
    const viaImpatient = (method: string, path: string, body?: unknown) => httpCall(method, `${impatient.url}${path}`, { token, body });

    beforeAll(async () => {
      operator = await t.idp.token('operator');
      impatient = await t.startApi({
        plmTimeoutMs: 300,
        webhookSubscribe: false,
        // Its background feed read would draw from the mock's seeded fault sequence.
        feedPolling: false,
        // Every read reaches PLM: these tests are about what PLM's faults become, not about the cache.
        masterDataCacheTtlSeconds: 0,
      });
    });

    afterEach(async () => {
      expect((await faults('DELETE', '')).status).toBe(204);
    });

    afterAll(async () => {
      await impatient?.close();
    });

    it('retries an idempotent read through 429s, and gives up after its retries with a 503 naming PLM', async () => {
      const profile = { rateLimitRate: 0.5 };
      await faults('PUT', '*', { ...profile, seed: seedStartingWith(profile, ['rate-limited', 'rate-limited', 'pass']) });
      const item = await viaImpatient('GET', '/v1/items/PUMP-100');
      // The mock refused the first two attempts: only a client that retried twice gets the item.
      expect(item.status).toBe(200);
      expect(item.body).toMatchObject({ number: 'PUMP-100', latestReleasedRevision: 'B' });

      await faults('PUT', '*', { ...profile, seed: seedStartingWith(profile, ['rate-limited', 'rate-limited', 'rate-limited', 'pass']) });
      const exhausted = await viaImpatient('GET', '/v1/items/PUMP-100');
      // A fourth attempt would have passed: the client stops after two retries.
      expect(exhausted.status).toBe(503);
      expect(exhausted.headers.get('content-type')).toContain('application/problem+json');
      expect(exhausted.headers.get('retry-after')).toBe('1');
      expect(exhausted.body).toMatchObject({ code: 'BACKEND_UNAVAILABLE', backend: 'PLM', backendStatus: 429, backendError: { error: { code: 'TooManyRequests' } } });
    });

    it('answers 503 problem+json naming PLM during an outage window, and the same call succeeds once healed', async () => {
      const now = Date.now();
      await faults('PUT', '*', { outages: [{ from: new Date(now - 60_000).toISOString(), to: new Date(now + 3_600_000).toISOString() }] });
      const down = await viaImpatient('GET', '/v1/items/PUMP-100/revisions/A/bom');
      expect(down.status).toBe(503);
      expect(down.headers.get('content-type')).toContain('application/problem+json');
      expect(down.body).toMatchObject({ code: 'BACKEND_UNAVAILABLE', backend: 'PLM', backendError: { error: { code: 'ServiceUnavailable' } } });

      expect((await faults('DELETE', '')).status).toBe(204);
      const healed = await viaImpatient('GET', '/v1/items/PUMP-100/revisions/A/bom');
      expect(healed.status).toBe(200);
      expect(healed.body.lines).toHaveLength(6);
    });

    it('answers 504 problem+json when PLM is slower than the timeout, and succeeds once healed', async () => {
      await faults('PUT', '*', { latencyMinMs: 1_000, latencyMaxMs: 1_000 });
      const slow = await viaImpatient('GET', '/v1/items/PUMP-100');
      expect(slow.status).toBe(504);
      expect(slow.headers.get('content-type')).toContain('application/problem+json');
      expect(slow.body).toMatchObject({ code: 'BACKEND_TIMEOUT', backend: 'PLM' });
      expect(slow.body.detail).toContain('300 ms');

      expect((await faults('DELETE', '')).status).toBe(204);
      expect((await viaImpatient('GET', '/v1/items/PUMP-100')).status).toBe(200);
    });

    it('never retries the creation of a change (a POST without idempotency key): refused once, created once after healing', async () => {
      const before = await noticeCount();
      await faults('PUT', '*', { errorRate: 1 });
      const refused = await viaImpatient('POST', '/v1/engineering-changes', nextSealChange());
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ code: 'BACKEND_UNAVAILABLE', backend: 'PLM' });
      expect(await noticeCount()).toBe(before);

      // The door's three reads (PUMP-100, SEAL-200, SEAL-210) pass, then only the POST fails in this
      // sequence: a retried POST would have created the change. A call of the system API's own in
      // the background (a webhook's follow-up read, retried after the outage above) can take a draw
      // first; then the POST passes and creates its change, and the round is played again.
      const profile = { errorRate: 0.5 };
      let refused503 = 0;
      for (let round = 0; round < 5 && refused503 === 0; round++) {
        const count = await noticeCount();
        await faults('PUT', '*', { ...profile, seed: seedStartingWith(profile, ['pass', 'pass', 'pass', 'error', 'pass']) });
        const status = (await viaImpatient('POST', '/v1/engineering-changes', nextSealChange())).status;
        if (status === 503) {
          expect(await noticeCount()).toBe(count);
          refused503++;
        } else {
          expect(status).toBe(201);
        }
      }
      expect(refused503).toBe(1);

      expect((await faults('DELETE', '')).status).toBe(204);
      const beforeHealed = await noticeCount();
      const created = await viaImpatient('POST', '/v1/engineering-changes', nextSealChange());
      expect(created.status).toBe(201);
      expect(await noticeCount()).toBe(beforeHealed + 1);
      const { rows } = await sql.query('SELECT number FROM plm_mock.change_notices WHERE number > $1', [`ECN-${String(beforeHealed).padStart(6, '0')}`]);
      expect(rows.map((r) => r.number)).toEqual([created.body.number]);
    });
  });

  describe('approvals and serial or lot effectivity', () => {
    const subjectOf = (jwt: string): string => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')).sub;
    const approve = (number: string, body: object) => call<EngineeringChangeDto & Problem>(`/v1/engineering-changes/${number}/approvals`, { method: 'POST', body });
    const reviewCount = async (): Promise<number> => (await sql.query('SELECT count(*)::int AS n FROM plm_mock.change_notice_reviews')).rows[0].n;

    it('round-trips serial and lot effectivity through PLM, on create and on GET', async () => {
      for (const effectivity of [
        { type: 'serial' as const, startDate: '2026-12-01T00:00:00.000Z', serialFrom: 'SN-1000', serialTo: 'SN-1999' },
        { type: 'serial' as const, startDate: '2026-12-01T00:00:00.000Z', serialFrom: 'SN-5000' },
        { type: 'lot' as const, startDate: '2026-12-01T00:00:00.000Z', lots: ['LOT-2026-48', 'LOT-2026-49'] },
      ]) {
        const created = await call<EngineeringChangeDto>('/v1/engineering-changes', { method: 'POST', body: nextSealChange({ effectivity }) });
        expect(created.status).toBe(201);
        expect(created.body.effectivity).toEqual(effectivity);
        expect((await call<EngineeringChangeDto>(`/v1/engineering-changes/${created.body.number}`)).body.effectivity).toEqual(effectivity);
      }
    });

    it('refuses serial effectivity without serialFrom, lot effectivity without lots, and lots on a dated change (400), creating nothing', async () => {
      const before = await noticeCount();
      const cases: Array<[object, string]> = [
        [{ type: 'serial', startDate: '2026-12-01T00:00:00.000Z' }, 'effectivity.serialFrom'],
        [{ type: 'lot', startDate: '2026-12-01T00:00:00.000Z', lots: [] }, 'effectivity.lots'],
        [{ type: 'lot', startDate: '2026-12-01T00:00:00.000Z' }, 'effectivity.lots'],
        [{ type: 'date', startDate: '2026-12-01T00:00:00.000Z', lots: ['LOT-1'] }, 'effectivity.type'],
        [{ type: 'batch', startDate: '2026-12-01T00:00:00.000Z' }, 'effectivity.type'],
      ];
      for (const [effectivity, field] of cases) {
        const refused = await call<Problem>('/v1/engineering-changes', { method: 'POST', body: { ...sealChange(), effectivity } });
        expect(refused).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
        expect(refused.body.errors!.map((e) => e.field)).toContain(field);
      }
      expect(await noticeCount()).toBe(before);
    });

    it('records a required role\'s decision by the caller, shows it on GET, and refuses a second decision (409) and a role not required (422)', async () => {
      const created = await call<EngineeringChangeDto>('/v1/engineering-changes', { method: 'POST', body: nextSealChange({ requiredApprovals: ['engineering', 'quality'] }) });
      expect(created.body).toMatchObject({ requiredApprovals: ['engineering', 'quality'], approvals: [] });
      const number = created.body.number;

      const recorded = await approve(number, { role: 'quality', decision: 'approved', comment: 'FKM seal qualified' });
      expect(recorded.status).toBe(201);
      const decision = { role: 'quality', approver: subjectOf(token), decision: 'approved', comment: 'FKM seal qualified', decidedAt: expect.any(String) };
      expect(recorded.body.approvals).toEqual([decision]);
      expect(subjectOf(token)).not.toBe('');
      const engineering = await approve(number, { role: 'engineering', decision: 'rejected' });
      expect(engineering.body.approvals).toEqual([decision, expect.objectContaining({ role: 'engineering', decision: 'rejected', comment: null })]);
      const shown = await call<EngineeringChangeDto>(`/v1/engineering-changes/${number}`);
      expect(shown.body.approvals).toEqual(engineering.body.approvals);
      expect(shown.body.requiredApprovals).toEqual(['engineering', 'quality']);
      const reviews = await reviewCount();

      const twice = await approve(number, { role: 'quality', decision: 'rejected' });
      expect(twice).toMatchObject({ status: 409, contentType: expect.stringContaining('application/problem+json'), body: { code: 'CHANGE_APPROVAL_ALREADY_RECORDED', object: number } });
      const unknown = await approve(number, { role: 'purchasing', decision: 'approved' });
      expect(unknown).toMatchObject({ status: 422, body: { code: 'CHANGE_APPROVAL_ROLE_NOT_REQUIRED', object: number, role: 'purchasing' } });
      const malformed = await approve(number, { role: 'quality', decision: 'maybe', approver: 'someone-else' });
      expect(malformed).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
      expect(malformed.body.errors!.map((e) => e.field)).toEqual(expect.arrayContaining(['decision', 'approver']));
      expect((await approve('ECN-999999', { role: 'quality', decision: 'approved' })).status).toBe(404);
      expect(await reviewCount()).toBe(reviews);
      expect((await call<EngineeringChangeDto>(`/v1/engineering-changes/${number}`)).body.approvals).toEqual(engineering.body.approvals);
    });

    it('refuses a decision on a released change (409) and a caller without plm:write (403)', async () => {
      const late = await approve(released.number, { role: 'quality', decision: 'approved' });
      expect(late).toMatchObject({ status: 409, body: { code: 'CHANGE_NOT_OPEN', object: released.number, state: 'RELEASED' } });
      const dashboard = await call<Problem>(`/v1/engineering-changes/${released.number}/approvals`, {
        method: 'POST',
        body: { role: 'quality', decision: 'approved' },
        token: await t.idp.token('dashboard'),
      });
      expect(dashboard.status).toBe(403);
    });
  });

  it('answers 503 problem when PLM is down, instead of hanging', async () => {
    await t.mock.close();
    const { status, contentType, body } = await call<Problem>('/v1/items/PUMP-100');
    expect(status).toBe(503);
    expect(contentType).toContain('application/problem+json');
    expect(body.code).toBe('BACKEND_UNAVAILABLE');
  });
});
