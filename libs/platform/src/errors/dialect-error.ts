/**
 * An error a simulated backend (the *-mock apps) answers in its own dialect: SAP Gateway, OData v4,
 * frePPLe. Its HTTP status belongs to the system it imitates, so it carries one, unlike AppError,
 * whose codes Threadline's own APIs map to statuses in one place. Threadline's APIs never throw it.
 */
export class DialectError extends Error {
  headers: Record<string, string> = {};

  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'DialectError';
  }

  withHeaders(headers: Record<string, string>): this {
    this.headers = { ...this.headers, ...headers };
    return this;
  }
}
