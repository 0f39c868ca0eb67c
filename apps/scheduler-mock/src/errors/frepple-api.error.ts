import { DialectError } from '@threadline/platform';

/**
 * An error answered in frePPLe's own style (Django REST Framework): `{"detail": "..."}` or field
 * errors `{"field": ["..."]}`, not problem+json. Connectors must cope with the backend's dialect.
 */
export class FreppleApiError extends DialectError {
  constructor(status: number, readonly body: unknown) {
    super('FREPPLE_ERROR', status, 'frePPLe error', typeof body === 'object' && body && 'detail' in body ? String(body.detail) : JSON.stringify(body));
  }

  static notFound(detail = 'Not found.'): FreppleApiError {
    return new FreppleApiError(404, { detail });
  }

  static badRequest(body: unknown): FreppleApiError {
    return new FreppleApiError(400, typeof body === 'string' ? { detail: body } : body);
  }
}
