import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** What an operator action adds to its audit record: why, and the object before and after. */
export interface AuditDetails {
  reason?: string;
  before?: unknown;
  after?: unknown;
}

export type AuditDetailsRecorder = (details: AuditDetails) => void;

/** Where a handler leaves the details on the request, for the trail's onResponse hook. */
export const AUDIT_DETAILS = Symbol('auditDetails');

/**
 * A handler parameter that records details with the request's audit record: `audit({ reason,
 * before, after })`. The record is written after the answer (refused requests included), so the
 * details go with whatever the request ended in.
 */
export const RecordAuditDetails = createParamDecorator((_data: unknown, context: ExecutionContext): AuditDetailsRecorder => {
  const request = context.switchToHttp().getRequest<{ [AUDIT_DETAILS]?: AuditDetails }>();
  return (details) => {
    request[AUDIT_DETAILS] = details;
  };
});
