import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { BackendClient } from './backend-client';
import { HttpJsonClient } from './http-client';
import { isAppError } from '../errors/app-error';

/**
 * A backend that answers each call after `release()` is called for it, and records how many
 * calls it held at once: what a limit promises is measured where it matters, at the backend.
 */
function startSlowBackend(): Promise<{ url: string; maxInFlight: () => number; served: () => number; release: () => void; server: Server }> {
  let inFlight = 0;
  let max = 0;
  let served = 0;
  const waiting: Array<() => void> = [];
  const server = createServer((request, response) => {
    inFlight++;
    max = Math.max(max, inFlight);
    waiting.push(() => {
      inFlight--;
      served++;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ path: request.url }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        maxInFlight: () => max,
        served: () => served,
        release: () => waiting.shift()?.(),
        server,
      }),
    ),
  );
}

/** Answers every held call as soon as it arrives, until `done` settles. */
async function releaseUntil(backend: { release: () => void }, done: Promise<unknown>): Promise<void> {
  let finished = false;
  void done.finally(() => (finished = true));
  while (!finished) {
    backend.release();
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('per-backend limits (BackendLimiter in HttpJsonClient, real HTTP)', () => {
  let backend: Awaited<ReturnType<typeof startSlowBackend>>;

  beforeEach(async () => {
    backend = await startSlowBackend();
  });

  afterEach(async () => {
    for (let i = 0; i < 50; i++) backend.release();
    await new Promise<void>((resolve) => backend.server.close(() => resolve()));
  });

  it('with concurrency 1, eight parallel calls all succeed, waiting in line: the backend never holds more than one', async () => {
    const client = new HttpJsonClient({ name: 'slow', baseUrl: backend.url, retries: 0, limits: { maxConcurrent: 1, ratePerSecond: 0, maxQueueWaitMs: 60_000 } });
    const calls = Promise.all(Array.from({ length: 8 }, (_, i) => client.get<{ path: string }>(`/item/${i}`)));
    await releaseUntil(backend, calls);
    expect((await calls).map((r) => r.path)).toEqual(Array.from({ length: 8 }, (_, i) => `/item/${i}`));
    expect(backend.maxInFlight()).toBe(1);
    await client.close();
  });

  it('without limits the same calls reach the backend together (the premise of the test above)', async () => {
    const client = new HttpJsonClient({ name: 'slow', baseUrl: backend.url, retries: 0 });
    const calls = Promise.all(Array.from({ length: 8 }, (_, i) => client.get(`/item/${i}`)));
    // Released only once all eight are held at once.
    while (backend.maxInFlight() < 8) await new Promise((r) => setTimeout(r, 5));
    await releaseUntil(backend, calls);
    expect(backend.maxInFlight()).toBe(8);
    await client.close();
  });

  it('fails a call that waits longer than the bound as unavailable (503 BACKEND_UNAVAILABLE, queued), never calling the backend for it', async () => {
    const client = new BackendClient({
      dialect: { backend: 'Slow ERP' },
      baseUrl: backend.url,
      retries: 2,
      limits: { maxConcurrent: 1, ratePerSecond: 0, maxQueueWaitMs: 50 },
    });
    const first = client.send({ path: '/held' });
    const second = client.send({ path: '/queued' }).catch((error: unknown) => error);
    const refused = await second;
    expect(isAppError(refused)).toBe(true);
    expect(refused).toMatchObject({ code: 'BACKEND_UNAVAILABLE', extensions: { backend: 'Slow ERP', queued: true }, headers: { 'retry-after': '1' } });
    expect((refused as Error).message).toContain('waited more than 50 ms in line');
    await releaseUntil(backend, first);
    expect(await first).toEqual({ path: '/held' });
    // The queued call was given up, not retried, and never reached the backend.
    expect(backend.served()).toBe(1);
    await client.close();
  });

  it('spaces calls by the rate limit and refuses at once a call whose turn would come after the longest wait', async () => {
    // 5 per second: one start every 200 ms. A third call would start 400 ms after it queued, past the 300 ms allowed.
    const client = new BackendClient({ dialect: { backend: 'Rated' }, baseUrl: backend.url, retries: 0, limits: { maxConcurrent: 0, ratePerSecond: 5, maxQueueWaitMs: 300 } });
    const calls = [1, 2, 3].map((i) => client.send({ path: `/rated/${i}` }).catch((error: unknown) => error));
    await releaseUntil(backend, Promise.all(calls));
    const [first, second, third] = await Promise.all(calls);
    expect([first, second]).toEqual([{ path: '/rated/1' }, { path: '/rated/2' }]);
    expect(third).toMatchObject({ code: 'BACKEND_UNAVAILABLE', extensions: { queued: true } });
    expect(backend.served()).toBe(2);
    await client.close();
  });

  it('once closed, refuses calls at once as unavailable instead of queueing them', async () => {
    const client = new HttpJsonClient({ name: 'slow', baseUrl: backend.url, retries: 0, limits: { maxConcurrent: 1, ratePerSecond: 0, maxQueueWaitMs: 60_000 } });
    await client.close();
    await expect(client.get('/late')).rejects.toMatchObject({ name: 'HttpUnavailableError' });
  });
});
