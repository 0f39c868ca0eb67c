import {
  AppError,
  BackendError,
  BackendUnavailableError,
  HttpStatusError,
  HttpUnavailableError,
  NotFoundError,
} from '@threadline/platform';
import { ODataErrorBody } from './windchill.types';

export const BACKEND = 'PLM';

/** What Threadline answers when Windchill refuses: its 400 means the request cannot be processed. */
function statusFor(backendStatus: number): number {
  if (backendStatus === 400 || backendStatus === 422) return 422;
  if (backendStatus === 404 || backendStatus === 409) return backendStatus;
  // Still rate-limited or unavailable after the client's retries: PLM is unavailable to our caller.
  if (backendStatus === 429 || backendStatus === 503) return 503;
  return 502;
}

function messageOf(body: unknown, status: number): string {
  const message = (body as ODataErrorBody | undefined)?.error?.message;
  return typeof message === 'string' ? message : `PLM answered ${status}`;
}

/**
 * Turns what the HTTP client throws into Threadline's coded errors; Windchill's own error
 * document travels along in `backendError`. `single` names the object of a single-object read,
 * whose 404 is a plain "not found" for the caller.
 */
export function translateError(error: unknown, single?: { what: string; id: string }): unknown {
  if (error instanceof HttpUnavailableError) return new BackendUnavailableError(BACKEND, error.message, error.timedOut);
  if (error instanceof HttpStatusError) {
    if (error.status === 404 && single) {
      return new NotFoundError(single.what, single.id, { backendError: error.body });
    }
    const translated = new BackendError(BACKEND, statusFor(error.status), messageOf(error.body, error.status), error.body);
    translated.extensions.backendStatus = error.status;
    const retryAfter = error.headers.get('retry-after');
    return retryAfter ? translated.withHeaders({ 'retry-after': retryAfter }) : translated;
  }
  return error;
}

export function isConflict(error: unknown): error is AppError {
  return error instanceof BackendError && error.status === 409;
}
