import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { currentContext, HttpJsonClient, HttpStatusError, HttpUnavailableError, traceparentOf } from '@threadline/platform';
import type { FastifyInstance } from 'fastify';
import { ExperienceApiConfig } from '../experience-api.config';

/** An API's answer as a view needs it: the body, or why there is none (shown in the page, not thrown). */
export type ApiResult<T> = { ok: true; body: T } | { ok: false; status: number; code?: string; detail: string };

function problemOf(status: number, body: unknown): ApiResult<never> {
  const problem = (body ?? {}) as { code?: string; detail?: string; title?: string };
  return { ok: false, status, code: problem.code, detail: problem.detail ?? problem.title ?? `answered ${status}` };
}

/**
 * The dashboard's data, always fetched with the signed-in person's access token, so the gateway
 * applies the same audience and scope checks to the dashboard as to any other client:
 * - the experience API's own read models through this app's HTTP pipeline in-process (Fastify
 *   inject: the gateway guard, validation and problem+json run as for a network call, no socket);
 * - the process API (exception cases, dead letters, retrying steps, release history) over HTTP.
 */
@Injectable()
export class DashboardApi implements OnModuleDestroy {
  private readonly processApi: HttpJsonClient;

  constructor(
    config: ExperienceApiConfig,
    private readonly http: HttpAdapterHost,
  ) {
    this.processApi = new HttpJsonClient({ name: 'process-api', baseUrl: config.processApiUrl, timeoutMs: 5_000, retries: 1, connections: 16 });
  }

  async onModuleDestroy(): Promise<void> {
    await this.processApi.close();
  }

  /** GET one of this app's documented read models (`/v2/dashboards/...`). */
  async experience<T>(token: string, path: string, query: Record<string, string | number | undefined> = {}): Promise<ApiResult<T>> {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) search.set(k, String(v));
    const context = currentContext();
    const fastify = this.http.httpAdapter.getInstance<FastifyInstance>();
    const response = await fastify.inject({
      method: 'GET',
      url: search.size > 0 ? `${path}?${search.toString()}` : path,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(context ? { 'x-correlation-id': context.correlationId, traceparent: traceparentOf(context) } : {}),
      },
    });
    let body: unknown;
    try {
      body = response.body ? JSON.parse(response.body) : undefined;
    } catch {
      body = undefined;
    }
    return response.statusCode < 400 ? { ok: true, body: body as T } : problemOf(response.statusCode, body);
  }

  async process<T>(
    token: string,
    method: 'GET' | 'POST',
    path: string,
    options: { query?: Record<string, string | number | undefined>; body?: unknown; idempotencyKey?: string } = {},
  ): Promise<ApiResult<T>> {
    try {
      const response = await this.processApi.request<T>({
        method,
        path,
        query: options.query,
        body: options.body,
        headers: { authorization: `Bearer ${token}`, ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}) },
      });
      return { ok: true, body: response.body };
    } catch (error) {
      if (error instanceof HttpStatusError) return problemOf(error.status, error.body);
      if (error instanceof HttpUnavailableError) return { ok: false, status: 503, detail: `the process API does not answer (${error.reason})` };
      throw error;
    }
  }
}
