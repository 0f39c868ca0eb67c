import type { ApplyPlantBomDto } from '@threadline/canonical';
import { parsePrometheusText, RunningApp } from '@threadline/platform';
import { call as httpCall } from '../../../../test/support/http';
import { startSystemApiUnderTest, SystemApiUnderTest } from '../../../../test/support/system-api';
import { plantBomMapper } from '../mappers/plant-bom.mapper';

const DAY_MS = 86_400_000;
const BOM_SET = '/sap/opu/odata/sap/API_BILL_OF_MATERIAL_SRV;v=0002/MaterialBOM';

function dayFromToday(days: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + days * DAY_MS).toISOString();
}

const valveBom = (revision: string, changeNumber: string, days: number): ApplyPlantBomDto => ({
  itemNumber: 'VALVE-300',
  revision,
  changeNumber,
  validFrom: dayFromToday(days),
  lines: [{ findNumber: 10, componentNumber: 'SEAL-200', quantity: 2, unit: 'EA' }],
});

/**
 * The master-data feed over erp-mock (real Postgres, real HTTP): a BOM version made in ERP
 * directly, by an ERP user through its OData API, is read through the system API right after the
 * feed's sync that sees its change pointer, though the cache would keep the old answer an hour.
 */
describe('erp-system-api: the master-data feed drops cached answers that ERP changed', () => {
  let t: SystemApiUnderTest<'erp'>;
  let token: string;

  const get = (api: RunningApp, path: string, headers: Record<string, string> = {}) => httpCall('GET', `${api.url}${path}`, { token, headers });
  const erpCalls = async (api: RunningApp) =>
    parsePrometheusText(await (await fetch(`${api.url}/metrics`)).text())
      .filter((s) => s.name === 'http_client_request_duration_seconds_count' && s.labels.backend === 'S/4HANA')
      .reduce((sum, s) => sum + s.value, 0);
  const sync = async (api: RunningApp) => {
    const answer = await httpCall('POST', `${api.url}/v1/change-feed/master-data/sync`, { token });
    expect(answer.status).toBe(200);
    return answer.body as { changes: number; cursor: string };
  };

  beforeAll(async () => {
    // No background reads (the test syncs), and a max age far beyond the test: only the feed can refresh an answer.
    t = await startSystemApiUnderTest('erp', { label: 'erp_master_data_feed', api: { feedPolling: false, feedSettleMs: 300, masterDataCacheTtlSeconds: 3_600 } });
    token = await t.idp.token('threadline-process');
  });

  afterAll(() => t?.close());

  it("reads a BOM version made in ERP directly right after the feed's sync: new BOMs and plant item, new ETags", async () => {
    // A second instance with the same cache that never syncs: what a reader would get without the feed.
    const withoutFeed = await t.startApi({ feedPolling: false, masterDataCacheTtlSeconds: 3_600 });
    const bomsPath = '/v1/plants/P2/items/VALVE-300/boms';
    const itemPath = '/v1/plants/P2/items/VALVE-300';
    const boms = await get(t.api, bomsPath);
    expect(boms.body.map((b: { revision: string }) => b.revision)).toEqual(['A']);
    const item = await get(t.api, itemPath);
    expect(item.body).toMatchObject({ revision: 'A', latestRevision: 'A' });
    expect((await get(withoutFeed, bomsPath)).body).toHaveLength(1);
    expect((await get(withoutFeed, itemPath)).body).toMatchObject({ latestRevision: 'A' });
    // Cached: a second read and a sync with nothing changed cost the ERP only the sync's one read.
    const before = await erpCalls(t.api);
    expect(await get(t.api, bomsPath)).toMatchObject({ status: 200, body: boms.body });
    expect((await sync(t.api)).changes).toBe(0);
    expect(await get(t.api, itemPath)).toMatchObject({ status: 200, body: item.body });
    expect(await erpCalls(t.api)).toBe(before + 1);

    // An ERP user's new BOM version (CS01 through the OData API): ERP calls nobody, it writes change pointers.
    const connector = await t.idp.token('threadline-connector');
    const created = await httpCall('POST', `${t.mock.url}${BOM_SET}`, { token: connector, body: plantBomMapper.fromCanonical('P2', valveBom('B', 'ECN-000071', 10)) });
    expect(created.status).toBe(201);

    expect((await sync(t.api)).changes).toBeGreaterThanOrEqual(1);
    const after = await get(t.api, bomsPath, { 'if-none-match': boms.headers.get('etag')! });
    expect(after.status).toBe(200);
    expect(after.body.map((b: { revision: string }) => b.revision)).toEqual(['B', 'A']);
    expect(after.headers.get('etag')).not.toBe(boms.headers.get('etag'));
    const itemAfter = await get(t.api, itemPath);
    expect(itemAfter.body).toMatchObject({ revision: 'A', latestRevision: 'B', latestRevisionValidFrom: dayFromToday(10) });
    expect(itemAfter.headers.get('etag')).not.toBe(item.headers.get('etag'));

    // Without the feed the cache still answers the old copy: the sync is what made the change visible.
    expect((await get(withoutFeed, bomsPath)).body.map((b: { revision: string }) => b.revision)).toEqual(['A']);
    expect((await get(withoutFeed, itemPath)).body).toMatchObject({ latestRevision: 'A' });
    await withoutFeed.close();
  });

  it("drops only the changed item's answers: another item's stay cached", async () => {
    const other = await get(t.api, '/v1/plants/P1/items/PUMP-100/boms');
    expect(other.status).toBe(200);
    const connector = await t.idp.token('threadline-connector');
    const created = await httpCall('POST', `${t.mock.url}${BOM_SET}`, { token: connector, body: plantBomMapper.fromCanonical('P2', valveBom('C', 'ECN-000072', 20)) });
    expect(created.status).toBe(201);
    expect((await sync(t.api)).changes).toBeGreaterThanOrEqual(1);
    const before = await erpCalls(t.api);
    expect(await get(t.api, '/v1/plants/P1/items/PUMP-100/boms')).toMatchObject({ status: 200, body: other.body });
    expect(await erpCalls(t.api)).toBe(before);
    expect((await get(t.api, '/v1/plants/P2/items/VALVE-300/boms')).body.map((b: { revision: string }) => b.revision)).toEqual(['C', 'B', 'A']);
    expect(await erpCalls(t.api)).toBe(before + 1);
  });
});
