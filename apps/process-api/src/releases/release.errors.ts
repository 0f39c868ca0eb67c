import { AppError } from '@threadline/platform';

/** Why a release is refused; each code names one validation rule. */
export type ReleaseRejectionCode =
  | 'RELEASE_NO_TARGET_PLANTS'
  | 'RELEASE_NO_AFFECTED_ITEMS'
  | 'RELEASE_REVISION_NOT_FOUND'
  | 'RELEASE_EFFECTIVITY_INVALID'
  | 'RELEASE_EFFECTIVITY_IN_PAST'
  | 'RELEASE_EFFECTIVITY_TOO_FAR'
  | 'RELEASE_BOM_EMPTY'
  | 'RELEASE_BOM_CYCLE'
  | 'RELEASE_COMPONENT_UNKNOWN'
  | 'RELEASE_UOM_MISMATCH'
  | 'RELEASE_ITEM_NOT_IN_PLANT'
  | 'RELEASE_REVISION_CONFLICT'
  | 'RELEASE_SUPERSEDED'
  | 'RELEASE_APPROVALS_MISSING'
  | 'RELEASE_REJECTED_BY_APPROVER';

export class ReleaseRejectedError extends AppError {
  constructor(
    readonly rejection: ReleaseRejectionCode,
    detail: string,
    readonly objectRef?: string,
  ) {
    super(rejection, 422, 'Engineering release rejected', detail, objectRef ? { object: objectRef } : {});
  }
}

export class ReleaseNotFoundError extends AppError {
  constructor(id: string) {
    super('RELEASE_NOT_FOUND', 404, 'Engineering release not found', `No engineering release '${id}'`, { id });
  }
}

export class ReleaseStateConflictError extends AppError {
  constructor(code: string, detail: string) {
    super(code, 409, 'Conflict with the release state', detail);
  }
}
