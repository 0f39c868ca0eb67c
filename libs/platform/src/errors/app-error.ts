import { defineErrorCodes, errorCodeSpec } from './error-codes';

/**
 * The one error type that domain, process and mapper code throws. It carries a stable code that
 * its module declared with defineErrorCodes, never an HTTP status: the ProblemFilter looks the
 * status up (RFC 9457 problem+json), and code outside controllers never throws HttpException.
 */
export class AppError<C extends string = string> extends Error {
  /** Response headers that belong with this error (WWW-Authenticate, Retry-After). */
  headers: Record<string, string> = {};

  constructor(
    readonly code: C,
    readonly detail?: string,
    /** Extension members added to the problem document (RFC 9457 section 3.2). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'AppError';
    // Fails where the error is made, in every test that reaches it, rather than as a vague 500 later.
    if (!errorCodeSpec(code)) throw new TypeError(`error code ${code} is not declared (defineErrorCodes)`);
  }

  get title(): string {
    return errorCodeSpec(this.code)!.title;
  }

  withHeaders(headers: Record<string, string>): this {
    this.headers = { ...this.headers, ...headers };
    return this;
  }
}

/** `error instanceof AppError` narrows to `AppError<any>`; this guard keeps the code a string. */
export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Codes any app can answer: requests the platform refuses before or around a handler. */
export const PLATFORM_ERRORS = defineErrorCodes({
  VALIDATION_FAILED: { status: 400, title: 'Request validation failed', description: 'Malformed request or failed validation (the failing fields are under `errors`); nothing was changed' },
  BAD_REQUEST: { status: 400, title: 'Bad Request', description: 'The request could not be read; nothing was changed' },
  INVALID_CURSOR: { status: 400, title: 'Invalid cursor', description: 'The cursor is not one this API issued for this query' },
  IDEMPOTENCY_KEY_INVALID: { status: 400, title: 'Invalid Idempotency-Key', description: 'An Idempotency-Key is 1 to 255 visible ASCII characters' },
  NOT_FOUND: { status: 404, title: 'Resource not found', description: 'The resource does not exist (`resource` and `id` name it)' },
  IDEMPOTENCY_REQUEST_IN_FLIGHT: { status: 409, title: 'Request in progress', description: 'A request with this Idempotency-Key is still in flight; retry later' },
  PRECONDITION_FAILED: { status: 412, title: 'Precondition Failed', description: 'The resource changed since it was read (If-Match); read it again' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Content Too Large', description: 'The request body is larger than this API accepts' },
  URI_TOO_LONG: { status: 414, title: 'URI Too Long', description: 'A path parameter is longer than the router accepts' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported Media Type', description: 'The request body is not in a media type this operation accepts' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Idempotency-Key reused', description: 'This Idempotency-Key was used with another payload' },
  PRECONDITION_REQUIRED: { status: 428, title: 'Precondition Required', description: 'If-Match is missing: send the ETag of the version read' },
  RATE_LIMITED: {
    status: 429,
    title: 'Too Many Requests',
    description: "Too many requests for this client's tier (or, on a public route, from this address); see Retry-After",
  },
  INTERNAL_ERROR: { status: 500, title: 'Internal Server Error', description: 'Unexpected error; logged with the correlation id' },
});

/**
 * What a backend's failure becomes for the caller of the API in front of it (a system API in front
 * of a system of record, or the process API in front of the system APIs). translateBackendError
 * picks one per backend status from the backend's documented table.
 */
export const BACKEND_ERRORS = defineErrorCodes({
  BACKEND_REJECTED: {
    status: 422,
    title: 'The backend refused the request',
    description: 'The system of record refused the request under its own rules (its error is under `backendError`); retrying will not help',
  },
  BACKEND_CONFLICT: {
    status: 409,
    title: 'The backend reports a conflict',
    description: 'The system of record refused the request because of its current state (its error is under `backendError`)',
  },
  BACKEND_ERROR: {
    status: 502,
    title: 'The backend failed',
    description: 'The system of record answered with an error or with data this API cannot use; operations are alerted',
  },
  BACKEND_AUTH_FAILED: {
    status: 502,
    title: 'The backend refused our credentials',
    description: "The system of record or its identity provider refused this platform's own credentials: an operational fault, retried once fixed",
  },
  BACKEND_LIMIT_EXCEEDED: {
    status: 502,
    title: 'The backend answered with more than this API allows',
    description: 'The system of record answered with more entries than this API documents for a list; refused rather than cut',
  },
  BACKEND_UNAVAILABLE: {
    status: 503,
    title: 'The backend is not reachable',
    description: 'The system of record is down, overloaded or rate-limiting after retries; retry later (see Retry-After)',
  },
  BACKEND_TIMEOUT: {
    status: 504,
    title: 'The backend did not answer in time',
    description: 'The system of record did not answer within the timeout; retry later',
  },
});

export type BackendErrorCode = keyof typeof BACKEND_ERRORS;

/** The failures of an operation that calls a backend, for @ApiProblems on its controller. */
export const BACKEND_FAILURE_CODES: BackendErrorCode[] = ['BACKEND_ERROR', 'BACKEND_AUTH_FAILED', 'BACKEND_LIMIT_EXCEEDED', 'BACKEND_UNAVAILABLE', 'BACKEND_TIMEOUT'];

export class NotFoundError extends AppError<'NOT_FOUND'> {
  constructor(what: string, id: string, extensions: Record<string, unknown> = {}) {
    super('NOT_FOUND', `${what} '${id}' does not exist`, { resource: what, id, ...extensions });
  }
}

/** A backend failed or refused; `backend` names it and its own error travels in `backendError`. */
export class BackendError extends AppError<BackendErrorCode> {
  constructor(code: BackendErrorCode, backend: string, detail: string, extensions: Record<string, unknown> = {}) {
    super(code, detail, { backend, ...extensions });
  }

  get backend(): string {
    return String(this.extensions.backend);
  }
}

/** The backend did not answer (down, timed out, refused the connection, circuit open). */
export class BackendUnavailableError extends BackendError {
  constructor(backend: string, detail: string, timedOut = false) {
    super(timedOut ? 'BACKEND_TIMEOUT' : 'BACKEND_UNAVAILABLE', backend, detail);
  }
}
