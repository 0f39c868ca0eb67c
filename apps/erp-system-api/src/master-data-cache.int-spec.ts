import { parsePrometheusText, RunningApp } from '@threadline/platform';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { eventually } from '../../../test/support/eventually';
import { call as httpCall } from '../../../test/support/http';
import { startSystemApiUnderTest, SystemApiUnderTest } from '../../../test/support/system-api';
import type { ApplyPlantBomDto } from '@threadline/canonical';
import { plantBomMapper } from './mappers/plant-bom.mapper';

const DAY_MS = 86_400_000;
const BOM_SET = '/sap/opu/odata/sap/API_BILL_OF_MATERIAL_SRV;v=0002/MaterialBOM';

function dayFromToday(days: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + days * DAY_MS).toISOString();
}

function valveBom(revision: string, changeNumber: string, days: number): ApplyPlantBomDto {
  return {
    itemNumber: 'VALVE-300',
    revision,
    changeNumber,
    validFrom: dayFromToday(days),
    lines: [
      { findNumber: 10, componentNumber: 'SEAL-200', quantity: 1, unit: 'EA' },
      { findNumber: 20, componentNumber: 'BOLT-M8', quantity: 4, unit: 'EA' },
    ],
  };
}

/**
 * Between the API and the ERP: holds each call `holdMs` and records the most it held at once, so
 * a concurrency limit is measured where it matters, at the backend.
 */
async function startCountingProxy(target: string): Promise<{ url: string; server: Server; maxInFlight: () => number; setHold: (ms: number) => void }> {
  let inFlight = 0;
  let max = 0;
  let holdMs = 0;
  const server = createServer((request, response) => {
    inFlight++;
    max = Math.max(max, inFlight);
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      await new Promise((r) => setTimeout(r, holdMs));
      const upstream = await fetch(`${target}${request.url}`, {
        method: request.method,
        headers: { authorization: String(request.headers.authorization ?? ''), accept: 'application/json', 'content-type': 'application/json' },
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      });
      const body = Buffer.from(await upstream.arrayBuffer());
      inFlight--;
      response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      response.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, maxInFlight: () => max, setHold: (ms) => (holdMs = ms) };
}

/*
 * The master-data cache and the ERP's limits against the simulated S/4HANA over real HTTP. This
 * API's own writes drop what they change at once; with the master-data feed off (its own spec,
 * master-data-feed.int-spec.ts, shows a change in ERP read right after its sync), a change made in
 * ERP directly shows once the max age has passed.
 */
describe('erp-system-api master-data cache and ERP limits over erp-mock (real Postgres, real HTTP)', () => {
  let t: SystemApiUnderTest<'erp'>;
  let token: string;

  const get = (api: RunningApp, path: string, headers: Record<string, string> = {}) => httpCall('GET', `${api.url}${path}`, { token, headers });
  const metric = async (api: RunningApp, name: string, labels: Record<string, string>) => {
    const samples = parsePrometheusText(await (await fetch(`${api.url}/metrics`)).text());
    return samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);
  };
  const erpCalls = (api: RunningApp) => metric(api, 'http_client_request_duration_seconds_count', { backend: 'S/4HANA' });

  beforeAll(async () => {
    // No background feed reads: the only calls to the ERP are the test's.
    t = await startSystemApiUnderTest('erp', { label: 'erp_cache', api: { feedPolling: false } });
    token = await t.idp.token('threadline-process');
  });

  afterAll(() => t?.close());

  it('answers a repeated read from its cache without calling the ERP, with its ETag, and 304 for a client holding it', async () => {
    const read = await get(t.api, '/v1/plants/P1/items/PUMP-100');
    expect(read).toMatchObject({ status: 200, body: { plant: 'P1', itemNumber: 'PUMP-100', revision: 'A' } });
    const etag = read.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(read.headers.get('cache-control')).toBe('private, no-cache');

    const before = await erpCalls(t.api);
    expect(await get(t.api, '/v1/plants/P1/items/PUMP-100')).toMatchObject({ status: 200, body: read.body });
    const notModified = await fetch(`${t.api.url}/v1/plants/P1/items/PUMP-100`, { headers: { authorization: `Bearer ${token}`, 'if-none-match': `"other", ${etag}` } });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    expect(await erpCalls(t.api)).toBe(before);
    // Transactional data is never cached: each inventory read reaches the ERP.
    await get(t.api, '/v1/plants/P1/inventory?itemNumber=SEAL-200');
    await get(t.api, '/v1/plants/P1/inventory?itemNumber=SEAL-200');
    expect(await erpCalls(t.api)).toBe(before + 2);
  });

  it("drops an item's BOMs and plant item when a BOM is applied through the API: the next read has the new version and another ETag", async () => {
    const boms = await get(t.api, '/v1/plants/P3/items/VALVE-300/boms');
    expect(boms.body.map((b: { revision: string }) => b.revision)).toEqual(['A']);
    const item = await get(t.api, '/v1/plants/P3/items/VALVE-300');
    expect(item.body).toMatchObject({ revision: 'A', latestRevision: 'A' });

    const applied = await httpCall('POST', `${t.api.url}/v1/plants/P3/boms`, { token, body: valveBom('B', 'ECN-000061', 10) });
    expect(applied.status).toBe(201);

    const after = await get(t.api, '/v1/plants/P3/items/VALVE-300/boms', { 'if-none-match': boms.headers.get('etag')! });
    expect(after.status).toBe(200);
    expect(after.body.map((b: { revision: string }) => b.revision)).toEqual(['B', 'A']);
    expect(after.headers.get('etag')).not.toBe(boms.headers.get('etag'));
    expect((await get(t.api, '/v1/plants/P3/items/VALVE-300')).body).toMatchObject({ revision: 'A', latestRevision: 'B', latestRevisionValidFrom: dayFromToday(10) });
  });

  it('with the master-data feed off, shows a BOM created in ERP directly once the max age has passed; with the cache off at once', async () => {
    const shortLived = await t.startApi({ feedPolling: false, masterDataCacheTtlSeconds: 1 });
    const uncached = await t.startApi({ feedPolling: false, masterDataCacheTtlSeconds: 0 });
    const path = '/v1/plants/P2/items/VALVE-300/boms';
    expect((await get(shortLived, path)).body).toHaveLength(1);
    const before = await erpCalls(uncached);
    const cold = await get(uncached, path);
    expect(cold.body).toHaveLength(1);

    // An ERP user's BOM (CS01 / the OData API): ERP tells nobody.
    const connector = await t.idp.token('threadline-connector');
    const created = await httpCall('POST', `${t.mock.url}${BOM_SET}`, { token: connector, body: plantBomMapper.fromCanonical('P2', valveBom('B', 'ECN-000062', 20)) });
    expect(created.status).toBe(201);

    const direct = await get(uncached, path, { 'if-none-match': cold.headers.get('etag')! });
    expect(direct.status).toBe(200);
    expect(direct.body.map((b: { revision: string }) => b.revision)).toEqual(['B', 'A']);
    // Cache off: each read reached the ERP, still with an ETag.
    expect(await erpCalls(uncached)).toBeGreaterThanOrEqual(before + 2);
    expect(direct.headers.get('etag')).not.toBe(cold.headers.get('etag'));
    await eventually(async () => ((await get(shortLived, path)).body.length === 2 ? true : undefined), 'the BOM once the max age has passed', 10_000, 100);
    await Promise.all([shortLived.close(), uncached.close()]);
  });

  describe('with a concurrency limit of 1 towards the ERP', () => {
    let proxy: Awaited<ReturnType<typeof startCountingProxy>>;

    beforeAll(async () => {
      proxy = await startCountingProxy(t.mock.url);
    });

    afterAll(async () => {
      await new Promise<void>((resolve) => proxy?.server.close(() => resolve()));
    });

    it('lets parallel reads of different items wait in line: all succeed, the ERP never sees two at once', async () => {
      const limited = await t.startApi({ feedPolling: false, erpBaseUrl: proxy.url, erpMaxConcurrency: 1, erpQueueTimeoutMs: 60_000 });
      proxy.setHold(20);
      const items = ['PUMP-100', 'VALVE-300', 'SEAL-200', 'SEAL-210', 'HOUSING-110', 'IMPELLER-120'];
      const reads = await Promise.all(items.map((item) => get(limited, `/v1/plants/P1/items/${item}`)));
      expect(reads.map((r) => [r.status, r.body.itemNumber])).toEqual(items.map((item) => [200, item]));
      expect(proxy.maxInFlight()).toBe(1);
      expect(await metric(limited, 'http_client_queue_wait_seconds_count', { backend: 'S/4HANA' })).toBe(items.length);
      expect(await metric(limited, 'http_client_queued_calls', { backend: 'S/4HANA' })).toBe(0);
      await limited.close();
    });

    it('answers 503 problem+json BACKEND_UNAVAILABLE (queued, Retry-After) to a read that waited in line longer than allowed', async () => {
      const impatient = await t.startApi({ feedPolling: false, erpBaseUrl: proxy.url, erpMaxConcurrency: 1, erpQueueTimeoutMs: 50, masterDataCacheTtlSeconds: 0 });
      proxy.setHold(1_000);
      const [held, queued] = await Promise.all([get(impatient, '/v1/plants/P1/items/PUMP-100'), get(impatient, '/v1/plants/P1/items/VALVE-300')]);
      const [ok, refused] = held.status === 200 ? [held, queued] : [queued, held];
      expect(ok.status).toBe(200);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(refused.body).toMatchObject({ code: 'BACKEND_UNAVAILABLE', backend: 'S/4HANA', queued: true });
      expect(refused.body.detail).toContain('waited more than 50 ms in line');
      expect(await metric(impatient, 'http_client_queue_timeouts_total', { backend: 'S/4HANA' })).toBe(1);
      proxy.setHold(0);
      await impatient.close();
    });
  });
});
