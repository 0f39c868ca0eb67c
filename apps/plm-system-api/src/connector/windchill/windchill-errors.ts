import { AppError, BackendDialect, BackendError, defineErrorCodes } from '@threadline/platform';
import { ODataErrorBody } from './windchill.types';

export const BACKEND = 'PLM';

/**
 * How Windchill speaks when it refuses: its OData error document's message, and the standard
 * status table (STANDARD_BACKEND_STATUSES, documented in the README) with no exceptions.
 */
export const WINDCHILL_DIALECT: BackendDialect = {
  backend: BACKEND,
  messageOf: (body) => {
    const message = (body as ODataErrorBody | undefined)?.error?.message;
    return typeof message === 'string' ? message : undefined;
  },
};

/** What the Windchill adapter itself refuses: values it cannot map either way. */
export const WINDCHILL_ERRORS = defineErrorCodes({
  PLM_UNMAPPED_VALUE: {
    status: 502,
    title: 'PLM sent a value Threadline does not know',
    description: 'PLM answered with an enumerated value that has no canonical equivalent (a contract gap between PLM and Threadline)',
  },
  PLM_NO_EQUIVALENT: { status: 500, title: 'No PLM equivalent', description: 'A canonical value has no Windchill equivalent (a gap in the adapter)' },
  PLM_EMPTY_PART: { status: 500, title: 'No part versions', description: 'An item was mapped without any part version (a bug in the adapter)' },
});

export function isConflict(error: unknown): error is AppError {
  return error instanceof AppError && error.code === 'BACKEND_CONFLICT';
}

/** An error the Windchill adapter raises itself (not one PLM answered with). */
export class WindchillError extends AppError<keyof typeof WINDCHILL_ERRORS> {}

/** Windchill's refusals to implement a notice's content on release: an affected object or a BOM redline that does not resolve. */
const CONTENT_REFUSALS = new Set(['InvalidAffectedObject', 'InvalidBOMChange']);

export function isContentRefusal(error: unknown): error is BackendError {
  const code = error instanceof BackendError ? (error.extensions.backendError as ODataErrorBody | undefined)?.error?.code : undefined;
  return code !== undefined && CONTENT_REFUSALS.has(code);
}
