import { LRUCache } from 'lru-cache';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedRead, MasterDataCache } from './master-data-cache';

/**
 * What the gateway let a request in on (set on the request by the gateway's guard): the scopes its
 * route needs, and the headers the route adds to every answer (`@Header`, e.g. Deprecation). A
 * cached answer remembers it, so that a repeat of the same request can be checked the same way.
 */
export interface RouteAccess {
  requiredScopes: readonly string[];
  fixedHeaders: ReadonlyArray<readonly [string, string]>;
}

export const ROUTE_ACCESS = Symbol('threadline.routeAccess');

type AccessibleRequest = FastifyRequest & { [ROUTE_ACCESS]?: RouteAccess };

interface FrontEntry {
  cache: MasterDataCache;
  key: string;
  access: RouteAccess;
}

/** How many request URLs an app remembers answering from its cache (the least recently asked go first). */
export const CACHED_READ_FRONT_SIZE = 10_000;

/** Per app (its Fastify instance), the URLs last answered from a master-data cache. */
const fronts = new WeakMap<object, LRUCache<string, FrontEntry>>();

/**
 * Notes that `request` was answered from a cache entry, keyed by its exact URL (path and query as
 * sent): only a URL that went through the whole pipeline (routing, the gateway, validation, the
 * controller) and was answered from the cache gets here.
 */
export function rememberCachedAnswer(request: FastifyRequest, read: CachedRead<unknown>): void {
  const access = (request as AccessibleRequest)[ROUTE_ACCESS];
  if (!read.source || !access || request.method !== 'GET') return;
  let front = fronts.get(request.server);
  if (!front) {
    front = new LRUCache({ max: CACHED_READ_FRONT_SIZE });
    fronts.set(request.server, front);
  }
  front.set(request.url, { cache: read.source.cache, key: read.source.key, access });
}

/**
 * The cached answer to a repeat of a request answered from the cache before, while that answer is
 * still fresh and untouched by invalidations, with what the gateway must check first; otherwise
 * undefined, and the request goes through the framework as usual.
 */
export function cachedAnswerFor(request: FastifyRequest): { read: CachedRead<unknown>; access: RouteAccess } | undefined {
  if (request.method !== 'GET') return undefined;
  const entry = fronts.get(request.server)?.get(request.url);
  if (!entry) return undefined;
  const read = entry.cache.peek(entry.key);
  return read && { read, access: entry.access };
}

/**
 * Writes a cached read's answer: the serialised body as it is (no second serialisation), its
 * ETag, `private, no-cache` (a client may keep it but asks again with If-None-Match before using
 * it; shared caches keep nothing, as the answer depends on the caller's token), and 304 without a
 * body when If-None-Match names the ETag. Returns the body to send, or undefined for 304.
 */
export function writeCachedRead(request: FastifyRequest, reply: FastifyReply, read: CachedRead<unknown>): string | undefined {
  void reply.header('etag', read.etag).header('cache-control', 'private, no-cache');
  if (ifNoneMatchMatches(request.headers['if-none-match'], read.etag)) {
    void reply.status(304);
    return undefined;
  }
  void reply.header('content-type', 'application/json; charset=utf-8');
  return read.body;
}

/** Whether If-None-Match names `etag` (weak comparison, RFC 9110 section 13.1.2). */
export function ifNoneMatchMatches(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return (Array.isArray(header) ? header.join(',') : header).split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
}
