import { createHash } from 'node:crypto';
import { AppError } from '../errors/app-error';

/** A strong ETag from what identifies a version of a resource (its id and last change). */
export function etagOf(...parts: (string | number | Date)[]): string {
  const text = parts.map((p) => (p instanceof Date ? p.toISOString() : String(p))).join('|');
  return `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
}

/**
 * Checks a required If-Match against the current ETag: 428 when the client sent none, 412 when the
 * resource changed since the client read it (RFC 9110 section 13.1.1).
 */
export function assertIfMatch(ifMatch: string | undefined, current: string): void {
  if (!ifMatch) {
    throw new AppError('PRECONDITION_REQUIRED', 'Send If-Match with the ETag of the version you decided on');
  }
  const candidates = ifMatch.split(',').map((s) => s.trim());
  if (!candidates.includes('*') && !candidates.includes(current)) {
    throw new AppError('PRECONDITION_FAILED', 'The resource changed since you read it; read it again and decide on the current version', {
      currentEtag: current,
    });
  }
}
