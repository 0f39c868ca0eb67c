import { ifNoneMatchMatches } from './cached-read-front';
import { MasterDataCache, strongEtag } from './master-data-cache';

/** A load whose answer the test hands over when it chooses, counting how often it was called. */
function deferredLoads<T>() {
  const pending: Array<(value: T) => void> = [];
  let calls = 0;
  return {
    load: () => {
      calls++;
      return new Promise<T>((resolve) => pending.push(resolve));
    },
    answer: (value: T) => pending.shift()!(value),
    calls: () => calls,
  };
}

const options = { name: 'test', ttlSeconds: 300, maxEntries: 100 };

describe('MasterDataCache', () => {
  it('answers a second read from the cache, serialised once, with a strong ETag of the body', async () => {
    const cache = new MasterDataCache(options, undefined);
    let calls = 0;
    const load = async () => ({ number: 'PUMP-100', calls: ++calls });
    const first = await cache.read('item/PUMP-100', { tags: ['item:PUMP-100'] }, load);
    const second = await cache.read('item/PUMP-100', { tags: ['item:PUMP-100'] }, load);
    expect(calls).toBe(1);
    expect(second).toBe(first);
    expect(first.body).toBe('{"number":"PUMP-100","calls":1}');
    expect(first.etag).toBe(strongEtag(first.body));
    expect(first.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
  });

  it('shares one backend read among concurrent misses of a key', async () => {
    const cache = new MasterDataCache(options, undefined);
    const loads = deferredLoads<string>();
    const reads = [1, 2, 3].map(() => cache.read('k', { tags: ['t'] }, loads.load));
    loads.answer('v');
    expect((await Promise.all(reads)).map((r) => r.value)).toEqual(['v', 'v', 'v']);
    expect(loads.calls()).toBe(1);
  });

  it('drops an entry when one of its tags is invalidated, and never stores a read that began before the invalidation', async () => {
    const cache = new MasterDataCache(options, undefined);
    const loads = deferredLoads<string>();
    const stale = cache.read('k', { tags: ['item:A', 'plant:P1'] }, loads.load);
    // The change happens while the backend read is in flight: a later read must not join it.
    cache.invalidate('plant:P1');
    const fresh = cache.read('k', { tags: ['item:A', 'plant:P1'] }, loads.load);
    expect(loads.calls()).toBe(2);
    loads.answer('before');
    loads.answer('after');
    expect((await stale).value).toBe('before');
    expect((await fresh).value).toBe('after');
    // Only the read that began after the change was kept.
    expect((await cache.read('k', { tags: ['item:A', 'plant:P1'] }, loads.load)).value).toBe('after');
    expect(loads.calls()).toBe(2);
    cache.invalidate('item:A');
    const again = cache.read('k', { tags: ['item:A', 'plant:P1'] }, loads.load);
    loads.answer('changed');
    expect((await again).value).toBe('changed');
    // Another key's tags are untouched.
    expect(loads.calls()).toBe(3);
  });

  it('keeps nothing when off (max age 0), when the answer expires at once, or when the load fails', async () => {
    let calls = 0;
    const load = async () => ++calls;
    const off = new MasterDataCache({ ...options, ttlSeconds: 0 }, undefined);
    await off.read('k', { tags: [] }, load);
    const second = await off.read('k', { tags: [] }, load);
    expect(calls).toBe(2);
    expect(second.etag).toBe(strongEtag('2'));

    const on = new MasterDataCache(options, undefined);
    await on.read('k', { tags: [], expiresAt: Date.now() - 1 }, load);
    await on.read('k', { tags: [] }, load);
    expect(calls).toBe(4);

    await expect(on.read('failing', { tags: [] }, () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect((await on.read('failing', { tags: [] }, async () => 'up')).value).toBe('up');
  });
});

describe('ifNoneMatchMatches', () => {
  it('compares weakly, in a list, and takes *', () => {
    expect(ifNoneMatchMatches('"a"', '"a"')).toBe(true);
    expect(ifNoneMatchMatches('W/"a"', '"a"')).toBe(true);
    expect(ifNoneMatchMatches('"b", "a"', '"a"')).toBe(true);
    expect(ifNoneMatchMatches('*', '"a"')).toBe(true);
    expect(ifNoneMatchMatches('"b"', '"a"')).toBe(false);
    expect(ifNoneMatchMatches(undefined, '"a"')).toBe(false);
  });
});
