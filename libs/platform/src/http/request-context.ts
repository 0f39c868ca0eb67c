import { AsyncLocalStorage } from 'node:async_hooks';
import { randomFillSync, randomUUID } from 'node:crypto';
import { activeSpanContext } from '../telemetry/tracing';

/** What travels with one unit of work across hops: a correlation id and a W3C trace context. */
export interface RequestContext {
  correlationId: string;
  traceId: string;
  /** This hop's span; calls made from here name it as their parent. */
  spanId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/**
 * Random bytes for trace and span ids, drawn from a pool refilled 4 KiB at a time: one call into
 * OpenSSL per 170 requests instead of two per request (as randomUUID pools its entropy).
 */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomHex(bytes: number): string {
  if (poolOffset + bytes > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  poolOffset += bytes;
  return pool.toString('hex', poolOffset - bytes, poolOffset);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

export function runInContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/**
 * The context of an incoming request or message: its correlation id and trace id when it brings
 * valid ones, fresh ones otherwise, and a new span for this hop. With tracing on, the hop's span
 * is the active OpenTelemetry span (the request's or the consumer's, which continues `traceparent`),
 * so logs, headers and events name the spans that are exported.
 */
export function contextFrom(correlationId: string | undefined, traceparent: string | undefined): RequestContext {
  const span = activeSpanContext();
  if (span) return { correlationId: correlationId || randomUUID(), traceId: span.traceId, spanId: span.spanId };
  const match = TRACEPARENT.exec(traceparent ?? '');
  const traceId = match && !/^0+$/.test(match[1]) ? match[1] : randomHex(16);
  return { correlationId: correlationId || randomUUID(), traceId, spanId: randomHex(8) };
}

/** The traceparent header for a call made from the current hop. */
export function traceparentOf(context: RequestContext): string {
  // With tracing on, the hop's span says whether it is sampled (a sampler may drop traces).
  const span = activeSpanContext();
  const flags = span && span.spanId === context.spanId ? span.traceFlags & 1 : 1;
  return `00-${context.traceId}-${context.spanId}-0${flags}`;
}
