import { CreateEngineeringChangeDto, EventTypes, ItemDto } from '@threadline/canonical';
import { parsePrometheusText, sampleValue } from '@threadline/platform';
import { Client } from 'pg';
import { eventually } from '../../../test/support/eventually';
import { call as httpCall } from '../../../test/support/http';
import { startSystemApiUnderTest, SystemApiUnderTest } from '../../../test/support/system-api';
import * as ChangeNoticeMapper from './connector/windchill/change-notice.mapper';

const ODATA = '/Windchill/servlet/odata';

/** A change adding a coupling to PUMP-2040, as an engineer would raise it in Windchill. */
function couplingChange(): CreateEngineeringChangeDto {
  return {
    title: 'Add a coupling to PUMP-2040',
    priority: 'high',
    targetPlants: ['P1'],
    effectivity: { type: 'date', startDate: new Date(Date.now() + 30 * 86_400_000).toISOString() },
    affectedItems: [
      { itemNumber: 'PUMP-2040', fromRevision: 'A', toRevision: 'B', disposition: 'use-as-is', bomChanges: [{ action: 'add', componentNumber: 'COUPLING-19', quantity: 1, unit: 'EA' }] },
    ],
  };
}

/*
 * The master-data cache against the simulated Windchill over real HTTP: a repeated read is served
 * from the cache (PLM is not called), with an ETag and 304 for a client that holds it, and a change
 * released in PLM directly is visible right after its event reached the API, never the cached copy.
 */
describe('plm-system-api master-data cache over plm-mock (real Postgres, real HTTP)', () => {
  let t: SystemApiUnderTest<'plm'>;
  let token: string;
  let sql: Client;

  const get = (path: string, headers: Record<string, string> = {}) => httpCall('GET', `${t.api.url}${path}`, { token, headers });
  /** Calls this API made to PLM so far, whatever their outcome. */
  const plmCalls = async (): Promise<number> => {
    const samples = parsePrometheusText(await (await fetch(`${t.api.url}/metrics`)).text());
    return samples.filter((s) => s.name === 'http_client_request_duration_seconds_count' && s.labels.backend === 'PLM').reduce((sum, s) => sum + s.value, 0);
  };
  const cacheReads = async (outcome: string): Promise<number> =>
    sampleValue(parsePrometheusText(await (await fetch(`${t.api.url}/metrics`)).text()), 'threadline_master_data_cache_reads_total', { cache: 'plm-system-api', outcome }) ?? 0;

  beforeAll(async () => {
    // No background feed reads: the only calls to PLM are the test's, and the webhook brings the event.
    t = await startSystemApiUnderTest('plm', { label: 'plm_cache', api: { feedPolling: false } });
    token = await t.idp.token('threadline-process');
    sql = new Client({ connectionString: t.db.url });
    await sql.connect();
    const operator = await t.idp.token('operator');
    const url = `${t.api.url}/v1/webhooks/plm`;
    await eventually(async () => {
      const list = await httpCall('GET', `${t.mock.url}${ODATA}/EventMgmt/Subscriptions?$filter=${encodeURIComponent(`URL eq '${url}'`)}`, { token: operator });
      return list.body.value[0];
    }, 'the webhook subscription');
  });

  afterAll(async () => {
    await sql?.end();
    await t?.close();
  });

  let first: { etag: string; body: ItemDto };

  it('answers a repeated read from its cache without calling PLM, with its ETag, and 304 for a client holding it', async () => {
    const read = await get('/v1/items/PUMP-2040');
    expect(read.status).toBe(200);
    expect(read.body.revisions.map((r: ItemDto['revisions'][0]) => [r.revision, r.state])).toEqual([['A', 'RELEASED']]);
    const etag = read.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(read.headers.get('cache-control')).toBe('private, no-cache');
    expect(read.headers.get('content-type')).toContain('application/json');
    first = { etag, body: read.body };

    const callsBefore = await plmCalls();
    const hitsBefore = await cacheReads('hit');
    const again = await get('/v1/items/PUMP-2040');
    expect(again).toMatchObject({ status: 200, body: read.body });
    expect(again.headers.get('etag')).toBe(etag);
    const notModified = await fetch(`${t.api.url}/v1/items/PUMP-2040`, { headers: { authorization: `Bearer ${token}`, 'if-none-match': etag } });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    expect(notModified.headers.get('etag')).toBe(etag);
    expect(await plmCalls()).toBe(callsBefore);
    expect(await cacheReads('hit')).toBe(hitsBefore + 2);

    // The BOM of a revision likewise: its second read costs PLM nothing.
    const bom = await get('/v1/items/PUMP-2040/revisions/A/bom');
    expect(bom.status).toBe(200);
    const afterBom = await plmCalls();
    expect(afterBom).toBeGreaterThan(callsBefore);
    expect((await get('/v1/items/PUMP-2040/revisions/A/bom')).body).toEqual(bom.body);
    expect(await plmCalls()).toBe(afterBom);
  });

  it('answers a change released in PLM directly with the new data right after its event, never the cached copy', async () => {
    const connector = await t.idp.token('threadline-connector');
    // The engineer's change, raised and released in Windchill itself: only its webhook tells the API.
    const created = await httpCall('POST', `${t.mock.url}${ODATA}/ChangeMgmt/ChangeNotices`, { token: connector, body: ChangeNoticeMapper.fromCanonical(couplingChange()) });
    expect(created.status).toBe(201);
    const number = created.body.Number as string;
    const released = await httpCall('POST', `${t.mock.url}${ODATA}/ChangeMgmt/ChangeNotices('${created.body.ID}')/PTC.ChangeMgmt.Release`, { token: connector });
    expect(released.status).toBe(200);
    // The event as consumers get it: once it is in the outbox, anyone reacting to it reads the new item.
    await eventually(async () => {
      const { rows } = await sql.query('SELECT 1 FROM plm_system_api.outbox WHERE type = $1 AND subject = $2', [EventTypes.EngineeringChangeReleased, number]);
      return rows[0];
    }, 'the release event');

    const after = await get('/v1/items/PUMP-2040', { 'if-none-match': first.etag });
    expect(after.status).toBe(200);
    expect(after.body.latestReleasedRevision).toBe('B');
    expect(after.body.revisions.map((r: ItemDto['revisions'][0]) => [r.revision, r.state, r.changeNumber])).toEqual([
      ['A', 'SUPERSEDED', null],
      ['B', 'RELEASED', number],
    ]);
    expect(after.headers.get('etag')).not.toBe(first.etag);
    const bomB = await get('/v1/items/PUMP-2040/revisions/B/bom');
    expect(bomB.body.lines.map((l: { componentNumber: string }) => l.componentNumber)).toContain('COUPLING-19');
  });

  it('drops an item created through the API at once: a 404 read before is not kept', async () => {
    expect((await get('/v1/items/SEAL-4711')).status).toBe(404);
    const created = await httpCall('POST', `${t.api.url}/v1/items`, { token, body: { number: 'SEAL-4711', name: 'Shaft seal, FKM', unit: 'EA', sourcing: 'buy' } });
    expect(created.status).toBe(201);
    const read = await get('/v1/items/SEAL-4711');
    expect(read).toMatchObject({ status: 200, body: { number: 'SEAL-4711', revisions: [expect.objectContaining({ revision: 'A', state: 'IN_WORK' })] } });
  });
});
