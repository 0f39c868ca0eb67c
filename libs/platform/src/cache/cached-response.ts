import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiOkResponse, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedRead } from './master-data-cache';
import { rememberCachedAnswer, writeCachedRead } from './cached-read-front';

/**
 * Answers a master-data GET from its cached read (see writeCachedRead), and remembers the URL so
 * that the gateway can answer its repeats from the cache before the framework runs.
 * Controllers return what this returns, with `@Res({ passthrough: true })`.
 */
export function answerCachedRead(request: FastifyRequest, reply: FastifyReply, read: CachedRead<unknown>): string | undefined {
  rememberCachedAnswer(request, read);
  return writeCachedRead(request, reply, read);
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
