import { Context, context, createContextKey, isSpanContextValid, propagation, SpanContext, trace } from '@opentelemetry/api';

/**
 * What the rest of the code needs of tracing, on the OpenTelemetry API alone (start-telemetry.ts
 * loads the SDK). With the SDK off (the default: no OTEL_EXPORTER_OTLP_ENDPOINT) every function
 * here is a cheap no-op and the request context keeps its own ids.
 */

/** Span attribute naming the Threadline app a span belongs to (the launcher runs all nine in one process). */
export const APP_ATTRIBUTE = 'threadline.app';

const APP_KEY = createContextKey('threadline.app');

interface TracingHooks {
  /** Applies @fastify/otel to a Fastify instance. */
  instrumentFastify(instance: unknown): void;
  /** Exports the spans ended so far. */
  flush(): Promise<void>;
}

let hooks: TracingHooks | undefined;

/** Called once by startTelemetry when the SDK started. */
export function registerTracing(started: TracingHooks): void {
  hooks = started;
}

/** Whether the OpenTelemetry SDK runs in this process (spans are recorded and exported). */
export function tracingEnabled(): boolean {
  return hooks !== undefined;
}

/**
 * Runs `work` (an app's start) in a context that names the app: every span started in what it
 * sets going (requests on its port, its workers and pollers) inherits the name through the
 * OpenTelemetry context, and AppSpanProcessor writes it on the span.
 */
export function inAppScope<T>(app: string, work: () => T): T {
  return context.with(context.active().setValue(APP_KEY, app), work);
}

/** The app named by `inAppScope` in this context. */
export function appOf(ctx: Context): string | undefined {
  const app = ctx.getValue(APP_KEY);
  return typeof app === 'string' ? app : undefined;
}

/**
 * Runs `work` without the active span: for loops that a request merely woke (the outbox relay),
 * which must not hang their queries under that request's trace forever after.
 */
export function withoutActiveSpan<T>(work: () => T): T {
  if (!hooks) return work();
  return context.with(trace.deleteSpan(context.active()), work);
}

/** The active span's ids when the SDK records one, else undefined. */
export function activeSpanContext(): SpanContext | undefined {
  if (!hooks) return undefined;
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && isSpanContextValid(spanContext) ? spanContext : undefined;
}

/** The W3C traceparent of `ctx`'s span (the propagator's), when tracing is on and there is one. */
export function traceparentFor(ctx: Context): string | undefined {
  if (!hooks) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier.traceparent;
}

/** Instruments a Fastify instance (before its own hooks, so the request span is active in them). */
export function instrumentFastify(instance: unknown): void {
  hooks?.instrumentFastify(instance);
}

/** Exports the spans ended so far (an app closing). */
export async function flushTracing(): Promise<void> {
  await hooks?.flush();
}
