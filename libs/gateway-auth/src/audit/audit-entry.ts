/** What the trail keeps of one mutating request. */
export interface AuditEntry {
  /**
   * When the request arrived, in epoch microseconds: records are written after the answer, so
   * arrival (not insertion) fixes the order, and milliseconds would tie for quick requests.
   */
  arrivedAtMicros: bigint;
  app: string;
  method: string;
  /** The route as declared, e.g. `/v1/engineering-releases/:id/approvals`. */
  route: string;
  /** The resource acted on: the request path without its query string. */
  target: string;
  subject: string | null;
  clientId: string | null;
  scopes: string[];
  correlationId: string;
  status: number;
  outcome: AuditOutcome;
  errorCode: string | null;
  durationMs: number;
  /** What an operator action added: its reason, the object before and after (RecordAuditDetails). */
  details?: { reason?: string; before?: unknown; after?: unknown } | null;
}

export const AUDIT_OUTCOMES = ['succeeded', 'rejected', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Denied (401/403) is kept apart from rejected (other 4xx): an operator looking for abuse wants the
 * refused credentials, not the typos.
 */
export function outcomeOf(status: number): AuditOutcome {
  if (status >= 500) return 'failed';
  if (status === 401 || status === 403) return 'denied';
  if (status >= 400) return 'rejected';
  return 'succeeded';
}

/** The path part of a request URL, without query or fragment: what the request acted on. */
export function targetOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}
