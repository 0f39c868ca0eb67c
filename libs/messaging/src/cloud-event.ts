import { createHash, randomUUID } from 'node:crypto';

/** A CloudEvents 1.0 envelope (structured JSON mode) with Threadline's extension attributes. */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  time: string;
  subject?: string;
  datacontenttype: 'application/json';
  data: T;
  correlationid?: string;
  traceparent?: string;
}

export interface NewEvent<T> {
  type: string;
  source: string;
  subject?: string;
  data: T;
  /** Give a deterministic id when the same fact may be announced twice. */
  id?: string;
  correlationId?: string;
  traceparent?: string;
  time?: Date;
}

export function createEvent<T>(init: NewEvent<T>): CloudEvent<T> {
  return {
    specversion: '1.0',
    id: init.id ?? randomUUID(),
    source: init.source,
    type: init.type,
    time: (init.time ?? new Date()).toISOString(),
    ...(init.subject ? { subject: init.subject } : {}),
    datacontenttype: 'application/json',
    data: init.data,
    ...(init.correlationId ? { correlationid: init.correlationId } : {}),
    ...(init.traceparent ? { traceparent: init.traceparent } : {}),
  };
}

/** A UUID derived from a fact's natural key, so that announcing the same fact twice is one event. */
export function deterministicEventId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u001f')).digest('hex');
  // Shaped as a version-8 (custom) UUID.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
