import { AppError, defineErrorCodes } from '@threadline/platform';

/** The dashboards' own codes: a filter it cannot read, a change it has not heard of. */
export const DASHBOARD_ERRORS = defineErrorCodes({
  DASHBOARD_QUERY_INVALID: {
    status: 400,
    title: 'Dashboard query invalid',
    description: 'A filter of the dashboard query is malformed or out of range (the failing fields are under `errors`); nothing was read',
  },
  DASHBOARD_CHANGE_NOT_FOUND: {
    status: 404,
    title: 'Change not in the dashboard',
    description: 'No impact has been reported for this engineering change (unknown, not yet assessed, or rejected before its impact was assessed)',
  },
});

/** Constraint options for a dashboard filter: a failure answers 400 DASHBOARD_QUERY_INVALID. */
export const QUERY_INVALID = { context: { code: 'DASHBOARD_QUERY_INVALID' } } as const;

export class DashboardChangeNotFoundError extends AppError<'DASHBOARD_CHANGE_NOT_FOUND'> {
  constructor(changeNumber: string) {
    super('DASHBOARD_CHANGE_NOT_FOUND', `No impact has been reported for ${changeNumber}`, { changeNumber });
  }
}
