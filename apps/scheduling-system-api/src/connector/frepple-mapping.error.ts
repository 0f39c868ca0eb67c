import { AppError, defineErrorCodes } from '@threadline/platform';

export const FREPPLE_MAPPING_ERRORS = defineErrorCodes({
  SCHEDULER_UNMAPPED_VALUE: {
    status: 502,
    title: 'The scheduler sent data Threadline cannot map',
    description: 'The plant scheduler answered with a value the canonical model has no place for (`nativeValue`); operations are alerted',
  },
});

/**
 * frePPLe sent a value the canonical model has no place for (an unknown status, an unreadable
 * datetime): the scheduler is at fault, not the caller (502), and nothing is guessed.
 */
export class FreppleMappingError extends AppError<keyof typeof FREPPLE_MAPPING_ERRORS> {
  constructor(detail: string, nativeValue: unknown) {
    super('SCHEDULER_UNMAPPED_VALUE', detail, { backend: 'frePPLe', nativeValue });
  }
}
