import { AppError, defineErrorCodes } from '@threadline/platform';

export const EXCEPTION_CASE_ERRORS = defineErrorCodes({
  EXCEPTION_CASE_ALREADY_RESOLVED: { status: 409, title: 'Conflict', description: 'The case is resolved already (by whom and how is in the detail)' },
});

export class ExceptionCaseError extends AppError<keyof typeof EXCEPTION_CASE_ERRORS> {}
