import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { cachedAnswerFor, sendProblem, writeCachedRead } from '@threadline/platform';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { assertAudience, assertPlantAllowed, assertScopes, bearerToken, GatewayState } from './gateway-access';

export const GATEWAY_STATE = Symbol('GATEWAY_STATE');

/**
 * The gateway answers a repeat of a cached master-data read itself, before Nest's pipeline runs,
 * as an API gateway's response cache would: only a URL answered from the cache through the whole
 * pipeline before, while that answer is fresh and untouched by invalidations (see platform's
 * cached-read-front), for a token this app has verified before and that still passes every check
 * the guard makes (audience, the route's scopes, its plant, then the client's rate limit, counted
 * once). Anything else (no token, a token not seen yet, a refusal, a miss) goes through Nest as
 * usual and gets its usual answer; so the front changes how fast a hit is, never what it says.
 */
@Injectable()
export class CachedReadFront implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(GATEWAY_STATE) private readonly state: GatewayState,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.addHook('preHandler', (request, reply, done) => {
      if (!this.answer(request, reply)) done();
    });
  }

  /** Whether the request is answered here (then Nest never sees it). */
  private answer(request: FastifyRequest, reply: FastifyReply): boolean {
    const cached = cachedAnswerFor(request);
    if (!cached) return false;
    const token = bearerToken(request.headers.authorization);
    const principal = token === undefined ? undefined : this.state.verified.get(token);
    if (!principal) return false;
    try {
      assertAudience(principal, this.state.audience);
      assertScopes(principal, cached.access.requiredScopes);
      assertPlantAllowed(principal, request as { params?: Record<string, string>; query?: Record<string, unknown> });
    } catch {
      // Refused: Nest refuses it the same way, with its problem document.
      return false;
    }
    this.state.limiter.consume(principal.clientId).then(
      (rateHeaders) => {
        for (const [k, v] of Object.entries(rateHeaders)) void reply.header(k, v);
        for (const [k, v] of cached.access.fixedHeaders) void reply.header(k, v);
        void reply.send(writeCachedRead(request, reply, cached.read));
      },
      (error: unknown) => sendProblem(reply, error),
    );
    return true;
  }
}
