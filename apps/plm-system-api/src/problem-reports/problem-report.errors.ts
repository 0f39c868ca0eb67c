import { AppError, defineErrorCodes } from '@threadline/platform';

/*
 * What a PLM adapter throws when PLM refuses a problem report for what it names, whatever PLM
 * calls the reason. Part of the port's contract, so the answers do not depend on the backend.
 */
export const PROBLEM_REPORT_ERRORS = defineErrorCodes({
  PROBLEM_REPORT_CHANGE_UNKNOWN: { status: 422, title: 'Unknown engineering change', description: 'The problem report names an engineering change PLM does not hold' },
  PROBLEM_REPORT_ITEM_UNKNOWN: { status: 422, title: 'Unknown item revision', description: 'The problem report names an item revision PLM does not hold' },
});

export class ProblemReportError extends AppError<keyof typeof PROBLEM_REPORT_ERRORS> {}
