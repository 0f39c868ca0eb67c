import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyBodyParser, FastifyInstance, FastifyRequest } from 'fastify';

export type RequestWithRawBody = FastifyRequest & { rawBody?: string };

/**
 * Keeps each JSON request's body as sent (UTF-8 text) on `request.rawBody`: a webhook signature is over the
 * exact bytes, which re-serialising the parsed body would not reproduce. Replaces the JSON parser
 * Nest registers with one that parses the same way (Fastify's own, poisoning checks included) and
 * keeps the text, as Nest's `rawBody: true` option keeps the buffer (the platform's startHttpApp
 * does not pass that option).
 */
@Injectable()
export class RawBodyCapture implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // Fastify types a parser as callback or promise style; its default JSON parser is the callback one.
    const parse = fastify.getDefaultJsonParser('error', 'error') as Exclude<FastifyBodyParser<string>, (...args: never[]) => Promise<unknown>>;
    fastify.removeContentTypeParser('application/json');
    fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: fastify.initialConfig.bodyLimit }, (request, body, done) => {
      (request as RequestWithRawBody).rawBody = body as string;
      parse(request, body as string, done);
    });
  }
}
