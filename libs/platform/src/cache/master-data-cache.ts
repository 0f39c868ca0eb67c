import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import { Counter, Registry } from 'prom-client';
import { AppMetrics } from '../metrics/app-metrics';

export interface MasterDataCacheOptions {
  /** Names the cache in metrics (`cache` label): the API it serves. */
  name: string;
  /** Longest an answer is kept; 0 turns the cache off (every read goes to the backend). */
  ttlSeconds: number;
  /** Most answers kept; the least recently read go first. */
  maxEntries: number;
}

/** A read's canonical answer, its JSON as the API sends it, and a strong ETag of that JSON. */
export interface CachedRead<T> {
  value: T;
  body: string;
  etag: string;
  /** Where a cached answer is held, so that a repeat of the request can be answered from there (see cached-read-front). */
  source?: { cache: MasterDataCache; key: string };
}

export interface CacheReadOptions {
  /** Things the answer depends on (`item:PUMP-100`, `plant:P1`): invalidating one drops it. */
  tags: string[];
  /** Epoch ms after which the answer may be wrong whatever events say (a validity date taking effect). */
  expiresAt?: number;
}

interface Entry {
  read: CachedRead<unknown>;
  tags: string[];
  /** The tags' generations when the backend was read: an invalidation since makes the entry stale. */
  generations: number[];
}

interface Flight {
  promise: Promise<CachedRead<unknown>>;
  tags: string[];
  generations: number[];
}

type Outcome = 'hit' | 'miss' | 'shared';

const countersByRegistry = new WeakMap<Registry, Counter<'cache' | 'outcome'>>();

function readCounter(app: AppMetrics | undefined): Counter<'cache' | 'outcome'> | undefined {
  if (!app) return undefined;
  let counter = countersByRegistry.get(app.registry);
  if (!counter) {
    counter = new Counter({
      name: 'threadline_master_data_cache_reads_total',
      help: 'Master-data reads by outcome: hit (served from the cache), miss (read from the backend), shared (joined a read in flight)',
      labelNames: ['cache', 'outcome'],
      registers: [app.registry],
    });
    countersByRegistry.set(app.registry, counter);
  }
  return counter;
}

/** A strong ETag (RFC 9110 section 8.8.3) of a representation's bytes. */
export function strongEtag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/**
 * An API's cache of master data read from a backend (items, BOMs, routings, plants): an LRU with a
 * max age, holding each answer mapped, serialised and tagged with its ETag, so that a hit costs a
 * lookup. Concurrent misses for one key share one backend read. Entries carry tags; `invalidate`
 * (called on the backend's change events and the API's own writes, before they are passed on)
 * bumps a tag's generation, which makes every entry read under an older generation stale, reads
 * still in flight included: a read that began before a change never lands in the cache after it.
 */
export class MasterDataCache {
  private readonly entries: LRUCache<string, Entry> | undefined;
  private readonly flights = new Map<string, Flight>();
  private readonly generations = new Map<string, number>();
  private readonly counter: Counter<'cache' | 'outcome'> | undefined;

  constructor(
    private readonly options: MasterDataCacheOptions,
    metrics: AppMetrics | undefined = AppMetrics.current(),
  ) {
    if (options.ttlSeconds > 0) {
      this.entries = new LRUCache<string, Entry>({ max: options.maxEntries, ttl: options.ttlSeconds * 1000 });
    }
    this.counter = readCounter(metrics);
  }

  get enabled(): boolean {
    return this.entries !== undefined;
  }

  /** The answer for `key`: from the cache while fresh, else from `load` (shared with reads of the same key in flight). */
  async read<T>(key: string, options: CacheReadOptions, load: () => Promise<T>): Promise<CachedRead<T>> {
    if (!this.entries) return serialise(await load());
    const entry = this.entries.get(key);
    if (entry) {
      if (this.current(entry)) {
        this.count('hit');
        return entry.read as CachedRead<T>;
      }
      this.entries.delete(key);
    }
    const flight = this.flights.get(key);
    if (flight && this.current(flight)) {
      this.count('shared');
      return flight.promise as Promise<CachedRead<T>>;
    }
    this.count('miss');
    const tags = options.tags;
    const generations = tags.map((tag) => this.generationOf(tag));
    const mine: Flight = { tags, generations, promise: load().then((value) => ({ ...serialise(value), source: { cache: this, key } })) };
    this.flights.set(key, mine);
    try {
      const read = await mine.promise;
      const ttl = Math.min(this.options.ttlSeconds * 1000, (options.expiresAt ?? Infinity) - Date.now());
      if (ttl > 0 && this.current(mine)) this.entries.set(key, { read, tags, generations }, { ttl: Math.ceil(ttl) });
      return read as CachedRead<T>;
    } finally {
      if (this.flights.get(key) === mine) this.flights.delete(key);
    }
  }

  /**
   * The answer held for `key` if it is still fresh and no invalidation has touched it since it was
   * read, else undefined (never a backend read): the check a repeat of a cached read makes before
   * the framework runs (cached-read-front).
   */
  peek(key: string): CachedRead<unknown> | undefined {
    const entry = this.entries?.get(key);
    if (!entry || !this.current(entry)) return undefined;
    this.count('hit');
    return entry.read;
  }

  /** Drops every answer that depends on one of `tags`, reads in flight included. */
  invalidate(...tags: string[]): void {
    for (const tag of tags) this.generations.set(tag, this.generationOf(tag) + 1);
  }

  private current(held: { tags: string[]; generations: number[] }): boolean {
    return held.tags.every((tag, i) => this.generationOf(tag) === held.generations[i]);
  }

  private generationOf(tag: string): number {
    return this.generations.get(tag) ?? 0;
  }

  private count(outcome: Outcome): void {
    this.counter?.inc({ cache: this.options.name, outcome });
  }
}

function serialise<T>(value: T): CachedRead<T> {
  const body = JSON.stringify(value);
  return { value, body, etag: strongEtag(body) };
}
