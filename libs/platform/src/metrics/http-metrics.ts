import type { FastifyInstance } from 'fastify';
import { HttpStatusError, HttpUnavailableError } from '../http/http-client';
import { ServiceTokenError } from '../http/service-token.provider';
import type { AppMetrics } from './app-metrics';

/** The route label of a request no route matched (a 404, a refused URL): never the raw URL. */
export const UNMATCHED_ROUTE = 'unmatched';

export type ClientOutcome = 'success' | 'client_error' | 'server_error' | 'timeout' | 'network_error' | 'circuit_open';

/** How a backend call ended, from what HttpJsonClient threw (undefined: it answered 2xx/3xx). */
export function clientOutcome(error?: unknown): ClientOutcome {
  if (error === undefined) return 'success';
  if (error instanceof HttpStatusError) return error.status >= 500 ? 'server_error' : 'client_error';
  if (error instanceof HttpUnavailableError) {
    if (error.timedOut) return 'timeout';
    // HttpJsonClient's own wording when its breaker refuses the call without trying.
    return /circuit open/.test(error.reason) ? 'circuit_open' : 'network_error';
  }
  // No service token: refused credentials are ours to fix (a 4xx at the IdP), anything else is unreachable.
  if (error instanceof ServiceTokenError) return error.refused ? 'client_error' : 'network_error';
  return 'network_error';
}

/** The route template Fastify matched (`/v1/releases/:releaseId`), or UNMATCHED_ROUTE. */
export function routeLabel(template: string | undefined): string {
  return template || UNMATCHED_ROUTE;
}

/** Records every answered request in `http_server_request_duration_seconds`. */
export function observeHttpServer(fastify: FastifyInstance, metrics: AppMetrics): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.httpServer.observe(
      { method: request.method, route: routeLabel(request.routeOptions?.url), status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}

/** Times one backend call into `http_client_request_duration_seconds`; without metrics it only runs the call. */
export async function timeBackendCall<T>(metrics: AppMetrics | undefined, backend: string, call: () => Promise<T>): Promise<T> {
  if (!metrics) return call();
  const started = performance.now();
  let outcome: ClientOutcome = 'success';
  try {
    return await call();
  } catch (error) {
    outcome = clientOutcome(error);
    throw error;
  } finally {
    metrics.httpClient.observe({ backend, outcome }, (performance.now() - started) / 1000);
  }
}
