import { defineErrorCodes } from '@threadline/platform';

/** The impact module's codes: IMPACT_REQUEST_INVALID is answered by validation (ChangeImpactRequestDto's `context`). */
export const IMPACT_ERRORS = defineErrorCodes({
  IMPACT_REQUEST_INVALID: { status: 400, title: 'Invalid impact request', description: 'Give exactly one of `changeNumber` and `change`' },
});
