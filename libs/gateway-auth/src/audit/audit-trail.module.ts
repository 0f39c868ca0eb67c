import { DynamicModule, Inject, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { Principal } from '../principal';
import { AUDIT_DETAILS, AuditDetails } from './audit-details.decorator';
import { MUTATING_METHODS, outcomeOf, targetOf } from './audit-entry';
import { AuditEventsController } from './audit-events.controller';
import { AuditTrailService } from './audit-trail.service';

export interface AuditTrailOptions {
  appName: string;
  /** The app's schema, holding audit_events (see auditTrailMigration). */
  schema: string;
}

const OPTIONS = Symbol('AUDIT_TRAIL_OPTIONS');
const ERROR_CODE = Symbol('auditErrorCode');

type AuditedRequest = FastifyRequest & { user?: Principal; [ERROR_CODE]?: string; [AUDIT_DETAILS]?: AuditDetails };

/** The problem code of an error response, read from the body the ProblemFilter wrote. */
function problemCodeOf(payload: unknown): string | undefined {
  if (typeof payload !== 'string' || payload.length > 64_000) return undefined;
  try {
    const code = (JSON.parse(payload) as { code?: unknown }).code;
    return typeof code === 'string' ? code.slice(0, 80) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Records every mutating request this app answers, refused ones included, in its append-only
 * trail: who (subject, client, scopes), what (method, route, target), with what result (status,
 * outcome, problem code), when and under which correlation id. Hooked into Fastify's onResponse
 * rather than a Nest interceptor because guards run before interceptors: a request refused for its
 * token (the record an operator most wants) never reaches an interceptor.
 */
@Module({})
export class AuditTrailModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(AuditTrailService) private readonly trail: AuditTrailService,
    @Inject(OPTIONS) private readonly options: AuditTrailOptions,
  ) {}

  static forApp(options: AuditTrailOptions): DynamicModule {
    return {
      module: AuditTrailModule,
      controllers: [AuditEventsController],
      providers: [
        { provide: OPTIONS, useValue: options },
        { provide: AuditTrailService, useFactory: (dataSource: DataSource) => new AuditTrailService(dataSource, options.schema), inject: [DataSource] },
      ],
      exports: [AuditTrailService],
    };
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.addHook('onSend', async (request: AuditedRequest, reply: FastifyReply, payload: unknown) => {
      if (MUTATING_METHODS.has(request.method) && reply.statusCode >= 400) request[ERROR_CODE] = problemCodeOf(payload);
      return payload;
    });
    fastify.addHook('onResponse', async (request: AuditedRequest, reply: FastifyReply) => {
      const route = request.routeOptions?.url;
      // Unmatched paths (404 from the router) acted on nothing; they are access-log material.
      if (!MUTATING_METHODS.has(request.method) || !route) return;
      const principal = request.user;
      await this.trail.recordSafely({
        arrivedAtMicros: BigInt(Math.round((performance.timeOrigin + performance.now() - reply.elapsedTime) * 1000)),
        app: this.options.appName,
        method: request.method,
        // Clamped to the documented sizes (AuditEventDto): a URL can be as long as a header line,
        // and the record must never fail for being large.
        route: route.slice(0, 500),
        target: targetOf(request.url).slice(0, 2000),
        subject: principal?.subject?.slice(0, 200) || null,
        clientId: principal?.clientId?.slice(0, 200) || null,
        scopes: (principal?.scopes ?? []).slice(0, 50).map((scope) => scope.slice(0, 100)),
        correlationId: String(request.id),
        status: reply.statusCode,
        outcome: outcomeOf(reply.statusCode),
        errorCode: request[ERROR_CODE] ?? null,
        durationMs: Math.round(reply.elapsedTime),
        details: request[AUDIT_DETAILS] ?? null,
      });
    });
  }
}
