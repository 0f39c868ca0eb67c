import { DialectError } from '@threadline/platform';

const TITLES: Record<number, string> = { 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict' };

/**
 * An error as Windchill reports it. The mock's controllers render it in OData v4 form
 * (`{"error": {"code", "message"}}`), so the code is an OData-style name, not a Threadline code.
 */
export class ODataError extends DialectError {
  constructor(status: number, code: string, message: string, details: Array<{ code: string; message: string; target?: string }> = []) {
    super(code, status, TITLES[status] ?? 'Error', message, details.length > 0 ? { details } : {});
    this.name = 'ODataError';
  }
}

export function entityNotFound(entitySet: string, key: string): ODataError {
  return new ODataError(404, 'EntityNotFound', `No entity found in ${entitySet} with key '${key}'`);
}
