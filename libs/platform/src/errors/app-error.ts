/**
 * The one error type that domain, process and mapper code throws. It carries a stable code
 * (documented per context) and the HTTP status it maps to; the ProblemFilter turns it into
 * RFC 9457 problem+json. Code outside controllers never throws HttpException.
 */
export class AppError extends Error {
  /** Response headers that belong with this error (WWW-Authenticate, Retry-After). */
  headers: Record<string, string> = {};

  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    /** Extension members added to the problem document (RFC 9457 section 3.2). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'AppError';
  }

  withHeaders(headers: Record<string, string>): this {
    this.headers = { ...this.headers, ...headers };
    return this;
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string, extensions: Record<string, unknown> = {}) {
    super('NOT_FOUND', 404, 'Resource not found', `${what} '${id}' does not exist`, { resource: what, id, ...extensions });
  }
}

export class ConflictError extends AppError {
  constructor(code: string, detail: string, extensions: Record<string, unknown> = {}) {
    super(code, 409, 'Conflict', detail, extensions);
  }
}

/** The backend behind a system API answered with an error; its own error is kept. */
export class BackendError extends AppError {
  constructor(backend: string, status: number, detail: string, backendError: unknown) {
    super('BACKEND_ERROR', status, `${backend} rejected the request`, detail, { backend, backendError });
  }
}

/** The backend did not answer (down, timed out, refused). */
export class BackendUnavailableError extends AppError {
  constructor(backend: string, detail: string, timedOut = false) {
    super(
      timedOut ? 'BACKEND_TIMEOUT' : 'BACKEND_UNAVAILABLE',
      timedOut ? 504 : 503,
      `${backend} is not reachable`,
      detail,
      { backend },
    );
  }
}
