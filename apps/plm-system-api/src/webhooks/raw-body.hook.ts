import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AppError } from '@threadline/platform';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';

export const WEBHOOK_PATH_PREFIX = '/v1/webhooks/';
const MAX_WEBHOOK_BYTES = 1024 * 1024;

export type RequestWithRawBody = FastifyRequest & { rawBody?: Buffer };

/**
 * Keeps the exact bytes of webhook requests: a signature is computed over the raw body, and
 * re-serialising parsed JSON would not reproduce them. Only paths under /v1/webhooks/ are
 * touched; the body is then handed on to Fastify's JSON parser unchanged.
 */
@Injectable()
export class RawBodyCapture implements OnModuleInit {
  constructor(@Inject(HttpAdapterHost) private readonly host: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.host.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.addHook('preParsing', async (request: RequestWithRawBody, _reply, payload) => {
      if (!request.url.startsWith(WEBHOOK_PATH_PREFIX)) return payload;
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of payload) {
        size += (chunk as Buffer).length;
        if (size > MAX_WEBHOOK_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `A webhook body may have at most ${MAX_WEBHOOK_BYTES} bytes`);
        chunks.push(chunk as Buffer);
      }
      request.rawBody = Buffer.concat(chunks);
      const replay = Readable.from([request.rawBody]) as Readable & { receivedEncodedLength?: number };
      replay.receivedEncodedLength = request.rawBody.length;
      return replay;
    });
  }
}
