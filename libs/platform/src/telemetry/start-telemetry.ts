/**
 * Starts OpenTelemetry tracing. Import this file first in a main.ts and call startTelemetry before
 * anything else is loaded: the pg and Nest instrumentations patch those modules when they are
 * required, so a module loaded earlier is not traced. It loads nothing of the app itself.
 */
import { FastifyOtelInstrumentation } from '@fastify/otel';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { envDetector } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_HTTP_ROUTE } from '@opentelemetry/semantic-conventions';
import { AppResourceExporter, AppSpanProcessor } from './app-attribution';
import { registerTracing } from './tracing';

/** Requests nobody needs a trace of: probes and scrapes, every few seconds. */
const UNTRACED_PATHS = ['/health/', '/metrics', '/docs'];

/**
 * Starts the SDK when OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set
 * and OTEL_SDK_DISABLED is not; otherwise does nothing, and tracing costs nothing. Spans go out
 * as OTLP/HTTP JSON in batches (OTEL_BSP_SCHEDULE_DELAY, default 5 s). `serviceName` is the
 * resource's service.name (OTEL_SERVICE_NAME wins); in the launcher each span is exported under its
 * own app's name (AppResourceExporter). Answers whether tracing started.
 */
export function startTelemetry(serviceName: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint || env.OTEL_SDK_DISABLED === 'true') return false;

  const fastify = new FastifyOtelInstrumentation({
    // The request span and Nest's own spans are enough; one span per Fastify hook is noise.
    instrumentHooks: false,
    instrumentHandler: false,
    ignorePaths: (route) => UNTRACED_PATHS.some((path) => route.url.startsWith(path)),
    requestHook: (span, request) => {
      // HTTP semantic conventions: a server span is named `{method} {route}`.
      const route = request.routeOptions.url;
      if (route) span.updateName(`${request.method} ${route}`);
      if (route) span.setAttribute(ATTR_HTTP_ROUTE, route);
    },
  });
  const spanProcessor = new BatchSpanProcessor(new AppResourceExporter(new OTLPTraceExporter()));
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME || serviceName,
    // OTEL_RESOURCE_ATTRIBUTES (deployment.environment.name, ...) and nothing that probes the host.
    resourceDetectors: [envDetector],
    textMapPropagator: new W3CTraceContextPropagator(),
    spanProcessors: [new AppSpanProcessor(), spanProcessor],
    // Traces only: metrics are Prometheus's (/metrics), logs go to stdout.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      fastify,
      new UndiciInstrumentation(),
      // pg-boss polls the database all the time; only queries made inside a traced unit of work count.
      new PgInstrumentation({ requireParentSpan: true }),
      new NestInstrumentation(),
    ],
  });
  sdk.start();
  registerTracing({
    instrumentFastify: (instance) => {
      // What @fastify/otel's registerOnInitialization does: the plugin applied at once, so its
      // request span starts before the app's own onRequest hooks run (they read its ids).
      const plugin = fastify.plugin() as unknown as (instance: unknown, options: object, done: () => void) => void;
      plugin(instance, {}, () => undefined);
    },
    flush: () => spanProcessor.forceFlush(),
  });
  return true;
}
