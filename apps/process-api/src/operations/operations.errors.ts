import { AppError, defineErrorCodes } from '@threadline/platform';

export const OPERATIONS_ERRORS = defineErrorCodes({
  EVENT_REPLAY_RANGE_INVALID: { status: 400, title: 'Invalid event replay', description: '`from` must be before `to`' },
  EVENT_REPLAY_CONSUMER_UNKNOWN: {
    status: 422,
    title: 'Unknown consumer',
    description: 'No consumer queue of that name exists on the transport (`<app>.<consumer>`, for example experience-api.release-events)',
  },
});

export class OperationsError extends AppError<keyof typeof OPERATIONS_ERRORS> {}
