import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiOkResponse, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedRead } from './master-data-cache';

/** Whether If-None-Match names `etag` (weak comparison, RFC 9110 section 13.1.2). */
export function ifNoneMatchMatches(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return (Array.isArray(header) ? header.join(',') : header).split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
}

/**
 * Answers a master-data GET from its cached read: the serialised body as it is (no second
 * serialisation), its ETag, and 304 without a body when the client's If-None-Match names it.
 * `private, no-cache`: a client may keep the answer but asks again (with If-None-Match) before
 * using it; shared caches keep nothing, as the answer depends on the caller's token.
 * Controllers return what this returns, with `@Res({ passthrough: true })`.
 */
export function answerCachedRead(request: FastifyRequest, reply: FastifyReply, read: CachedRead<unknown>): string | undefined {
  void reply.header('etag', read.etag).header('cache-control', 'private, no-cache');
  if (ifNoneMatchMatches(request.headers['if-none-match'], read.etag)) {
    void reply.status(304);
    return undefined;
  }
  void reply.header('content-type', 'application/json; charset=utf-8');
  return read.body;
}

/**
 * The contract of a cached master-data GET: 200 with the model, its ETag and Cache-Control, the
 * optional If-None-Match, and 304 (no body) when it names the current ETag.
 */
export function ApiCachedRead(model: Type<unknown> | [Type<unknown>], options: { maxItems?: number } = {}): MethodDecorator {
  const etag = { description: 'Strong validator of this representation; send it back in If-None-Match', schema: { type: 'string', maxLength: 64 } };
  const cacheControl = { description: '`private, no-cache`: keep it, but ask again with If-None-Match before using it', schema: { type: 'string', maxLength: 64 } };
  const schema = Array.isArray(model)
    ? { type: 'array' as const, ...(options.maxItems !== undefined ? { maxItems: options.maxItems } : {}), items: { $ref: getSchemaPath(model[0]) } }
    : { $ref: getSchemaPath(model) };
  return applyDecorators(
    ApiExtraModels(Array.isArray(model) ? model[0] : model),
    ApiHeader({ name: 'If-None-Match', required: false, description: 'ETag(s) of a copy the client holds: 304 when it is still current', schema: { type: 'string', maxLength: 1024 } }),
    ApiOkResponse({ schema, headers: { ETag: etag, 'Cache-Control': cacheControl } }),
    ApiResponse({ status: 304, description: 'Not Modified: the copy named in If-None-Match is current (no body)', headers: { ETag: etag } }),
  );
}
