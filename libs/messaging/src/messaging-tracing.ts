import { Attributes, context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { traceparentFor, tracingEnabled } from '@threadline/platform';

/**
 * Messaging spans by the OpenTelemetry semantic conventions for messaging, pinned at v1.38.0
 * (status "Development"). Its attributes live in the package's incubating entry point, which
 * TypeScript's CommonJS resolution here cannot load and whose names may still change: they are
 * copied below, as the semantic-conventions package advises for unstable names.
 *
 * - `send <destination>` (PRODUCER) when an event is written to the outbox or a job is enqueued;
 *   its traceparent is stored with the message (the event's `traceparent`, the job's `$context`).
 * - `process <queue>` (CONSUMER) when a consumer or worker runs it, a child of that span, so one
 *   release is one trace across the outbox, the queue, retries and dead-letter replays.
 */
export const MESSAGING_SEMCONV_VERSION = '1.38.0';

export const ATTR_MESSAGING_SYSTEM = 'messaging.system';
export const ATTR_MESSAGING_DESTINATION_NAME = 'messaging.destination.name';
export const ATTR_MESSAGING_OPERATION_TYPE = 'messaging.operation.type';
export const ATTR_MESSAGING_OPERATION_NAME = 'messaging.operation.name';
export const ATTR_MESSAGING_MESSAGE_ID = 'messaging.message.id';
export const ATTR_MESSAGING_MESSAGE_CONVERSATION_ID = 'messaging.message.conversation_id';
export const ATTR_MESSAGING_CONSUMER_GROUP_NAME = 'messaging.consumer.group.name';
export const ATTR_CLOUDEVENTS_EVENT_ID = 'cloudevents.event_id';
export const ATTR_CLOUDEVENTS_EVENT_TYPE = 'cloudevents.event_type';
export const ATTR_CLOUDEVENTS_EVENT_SOURCE = 'cloudevents.event_source';

/** Events: written to the app's transactional outbox, relayed to pg-boss by type. */
export const OUTBOX_SYSTEM = 'threadline-outbox';
/** Jobs and the consumers' queues: pg-boss 10 on PostgreSQL. */
export const QUEUE_SYSTEM = 'pg-boss';

/** The attempt of a step (1 for the first run, 2 for its first retry); Threadline's own attribute. */
export const ATTR_STEP_ATTEMPT = 'threadline.step.attempt';

const tracer = () => trace.getTracer('@threadline/messaging', MESSAGING_SEMCONV_VERSION);

export interface MessageSpan {
  system: typeof OUTBOX_SYSTEM | typeof QUEUE_SYSTEM;
  destination: string;
  messageId?: string;
  correlationId?: string;
  attributes?: Attributes;
}

function attributesOf(message: MessageSpan, operation: 'send' | 'process'): Attributes {
  return {
    [ATTR_MESSAGING_SYSTEM]: message.system,
    [ATTR_MESSAGING_DESTINATION_NAME]: message.destination,
    [ATTR_MESSAGING_OPERATION_TYPE]: operation,
    [ATTR_MESSAGING_OPERATION_NAME]: operation,
    ...(message.messageId ? { [ATTR_MESSAGING_MESSAGE_ID]: message.messageId } : {}),
    ...(message.correlationId ? { [ATTR_MESSAGING_MESSAGE_CONVERSATION_ID]: message.correlationId } : {}),
    ...message.attributes,
  };
}

/**
 * Runs `work` in a `send <destination>` PRODUCER span and hands it that span's traceparent (to
 * store with the message) and a setter for the message id known only once sent. Tracing off:
 * no span, no traceparent (the caller keeps its request context's).
 */
export async function inSendSpan<T>(
  message: MessageSpan,
  work: (traceparent: string | undefined, setMessageId: (id: string) => void) => Promise<T>,
): Promise<T> {
  if (!tracingEnabled()) return work(undefined, () => undefined);
  const span = tracer().startSpan(`send ${message.destination}`, { kind: SpanKind.PRODUCER, attributes: attributesOf(message, 'send') });
  const spanContext = trace.setSpan(context.active(), span);
  try {
    return await context.with(spanContext, () => work(traceparentFor(spanContext), (id) => span.setAttribute(ATTR_MESSAGING_MESSAGE_ID, id)));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * Runs `work` in a `process <queue>` CONSUMER span whose parent is the producer's `traceparent`
 * (stored with the message), so the consumer continues the producer's trace. Tracing off: runs it.
 */
export async function inProcessSpan<T>(message: MessageSpan, traceparent: string | undefined, work: () => Promise<T>): Promise<T> {
  if (!tracingEnabled()) return work();
  const parent = traceparent ? propagation.extract(context.active(), { traceparent }) : context.active();
  const span = tracer().startSpan(`process ${message.destination}`, { kind: SpanKind.CONSUMER, attributes: attributesOf(message, 'process') }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), work);
  } finally {
    span.end();
  }
}

/** Marks the active span (a step's `process` span) failed: the step's error is handled, and retried, elsewhere. */
export function markActiveSpanFailed(error: unknown): void {
  const span = trace.getActiveSpan();
  if (!span || !tracingEnabled()) return;
  const e = error instanceof Error ? error : new Error(String(error));
  span.recordException(e);
  span.setStatus({ code: SpanStatusCode.ERROR, message: e.message });
}
