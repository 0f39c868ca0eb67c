import { isAppError, toProblem } from '@threadline/platform';

/**
 * Why a step (a job or an event's handling) failed, in classes an operator acts on:
 * - `backend-unavailable`: down, overloaded, timing out: wait for it, however long;
 * - `credentials`: a backend refuses this platform's own credentials: fix them, and it goes on;
 * - `waiting`: the step waits for another one to finish first (an earlier change to the same item);
 * - `refused`: the backend's rules, data or state refuse it: retrying cannot help, a person must;
 * - `mapping`: a backend sent data the canonical model has no place for: fix the mapping or the data;
 * - `backend-error`: the backend failed in a way that may pass;
 * - `internal`: anything else (a bug): retried a few times, then a dead letter.
 */
export type ErrorClass = 'backend-unavailable' | 'credentials' | 'waiting' | 'refused' | 'mapping' | 'backend-error' | 'internal';
export const ERROR_CLASSES: readonly ErrorClass[] = ['backend-unavailable', 'credentials', 'waiting', 'refused', 'mapping', 'backend-error', 'internal'];

export interface StepFailure {
  errorClass: ErrorClass;
  /** The problem code, when the error has one. */
  code: string | null;
  /** The system that failed or refused, when the error names one. */
  backend: string | null;
  message: string;
  /** How it is retried: as long as the outage lasts, a bounded number of times, or not at all. */
  retry: 'outage' | 'bounded' | 'never';
}

/** A step that must wait for another to finish first: retried quietly until it may go on. */
export class WaitForTurnError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'WaitForTurnError';
  }
}

const OUTAGE_CODES = new Set(['BACKEND_UNAVAILABLE', 'BACKEND_TIMEOUT', 'IDP_UNAVAILABLE']);
const REFUSAL_CODES = new Set(['NOT_FOUND', 'BACKEND_REJECTED', 'BACKEND_CONFLICT']);
const MAPPING_CODES = new Set(['BACKEND_LIMIT_EXCEEDED', 'ERP_UNMAPPABLE_DATA', 'PLM_UNMAPPED_VALUE', 'SCHEDULER_UNMAPPED_VALUE']);

export function classifyFailure(error: unknown): StepFailure {
  if (error instanceof WaitForTurnError) return { errorClass: 'waiting', code: null, backend: null, message: error.reason, retry: 'outage' };
  if (!isAppError(error)) {
    const message = (error as Error)?.message ?? String(error);
    return { errorClass: 'internal', code: null, backend: null, message, retry: 'bounded' };
  }
  const backend = typeof error.extensions.backend === 'string' ? error.extensions.backend : null;
  const message = describe(error.code, backend, error.extensions.backendStatus, error.detail);
  const of = (errorClass: ErrorClass, retry: StepFailure['retry']): StepFailure => ({ errorClass, code: error.code, backend, message, retry });
  if (OUTAGE_CODES.has(error.code)) return of('backend-unavailable', 'outage');
  if (error.code === 'BACKEND_AUTH_FAILED') return of('credentials', 'outage');
  if (REFUSAL_CODES.has(error.code)) return of('refused', 'never');
  if (MAPPING_CODES.has(error.code)) return of('mapping', 'never');
  if (error.code === 'BACKEND_ERROR') return of('backend-error', 'bounded');
  // Any other coded refusal (a 4xx of this platform's own) will not change on a retry.
  return toProblem(error).status < 500 ? of('refused', 'never') : of('internal', 'bounded');
}

function describe(code: string, backend: string | null, backendStatus: unknown, detail: string | undefined): string {
  const who = backend ? `${backend}${typeof backendStatus === 'number' ? ` answered ${backendStatus}` : ''}: ` : '';
  return `${code}: ${who}${detail ?? ''}`.slice(0, 2000);
}
