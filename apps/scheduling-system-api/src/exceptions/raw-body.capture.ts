import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export type RequestWithRawBody = FastifyRequest & { rawBody?: string };

/**
 * Keeps each JSON request's body as sent (UTF-8 text) on `request.rawBody`: a webhook signature is over the
 * exact bytes, which re-serialising the parsed body would not reproduce. Replaces the JSON parser
 * Nest registers with one that parses the same way (Fastify's own, poisoning checks included) and
 * keeps the buffer, which is what Nest's `rawBody: true` option does (the platform's
 * startHttpApp does not pass that option).
 */
@Injectable()
export class RawBodyCapture implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const parse = fastify.getDefaultJsonParser('error', 'error');
    fastify.removeContentTypeParser('application/json');
    fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: fastify.initialConfig.bodyLimit }, (request, body, done) => {
      (request as RequestWithRawBody).rawBody = body as string;
      parse(request, body as string, done);
    });
  }
}
