import { AppError, defineErrorCodes } from '@threadline/platform';

const rejected = (description: string) => ({ status: 422, title: 'Engineering release rejected', description }) as const;

/**
 * The releases module's codes. The RELEASE_* rejections name one validation rule each; they are kept
 * on a rejected release (its `rejection` problem) rather than answered to a request.
 */
export const RELEASE_ERRORS = defineErrorCodes({
  RELEASE_NOT_FOUND: { status: 404, title: 'Engineering release not found', description: 'No engineering release with this id' },
  RELEASE_NOT_AWAITING_APPROVAL: { status: 409, title: 'Conflict with the release state', description: 'The release is not waiting for approval' },
  APPROVAL_ALREADY_RECORDED: { status: 409, title: 'Conflict with the release state', description: 'This approver already decided on the release' },
  RELEASE_NO_TARGET_PLANTS: rejected('The change names no target plant'),
  RELEASE_NO_AFFECTED_ITEMS: rejected('The change affects no item'),
  RELEASE_REVISION_NOT_FOUND: rejected('PLM holds no BOM for the revision the change releases'),
  RELEASE_EFFECTIVITY_INVALID: rejected('The effectivity is not a date this platform can apply'),
  RELEASE_EFFECTIVITY_IN_PAST: rejected('The effectivity starts further in the past than the policy tolerates'),
  RELEASE_EFFECTIVITY_TOO_FAR: rejected('The effectivity starts further ahead than the policy allows'),
  RELEASE_BOM_EMPTY: rejected('The released BOM has no lines'),
  RELEASE_BOM_CYCLE: rejected('The released BOM contains an item within its own structure'),
  RELEASE_COMPONENT_UNKNOWN: rejected('A component is neither in PLM nor introduced by the change'),
  RELEASE_UOM_MISMATCH: rejected("A BOM line's unit differs from the component's unit in PLM"),
  RELEASE_ITEM_NOT_IN_PLANT: rejected('An affected item does not exist in a target plant'),
  RELEASE_REVISION_CONFLICT: rejected(
    "The change starts from neither the latest revision a plant's ERP holds (in force or future-dated) nor one an earlier release still brings there",
  ),
  RELEASE_EFFECTIVITY_BEFORE_PREDECESSOR: rejected('In a plant, the change would take effect on or before the change it follows there (named, with its date)'),
  RELEASE_SUPERSEDED: rejected('A newer change of the item exists'),
  RELEASE_WORK_CENTER_UNKNOWN: rejected("A target plant has no work centre an operation of the change's new routing runs on (plant, work centre and operation named)"),
  RELEASE_APPROVALS_MISSING: rejected('A role PLM requires has not approved the change, or rejected it'),
  RELEASE_REJECTED_BY_APPROVER: rejected('An approver rejected the release'),
});

export type ReleaseErrorCode = keyof typeof RELEASE_ERRORS;

/** Why a release is refused; each code names one validation rule. */
export type ReleaseRejectionCode = Exclude<ReleaseErrorCode, 'RELEASE_NOT_FOUND' | 'RELEASE_NOT_AWAITING_APPROVAL' | 'APPROVAL_ALREADY_RECORDED'>;

export class ReleaseRejectedError extends AppError<ReleaseRejectionCode> {
  constructor(
    readonly rejection: ReleaseRejectionCode,
    detail: string,
    readonly objectRef?: string,
  ) {
    super(rejection, detail, objectRef ? { object: objectRef } : {});
  }
}

export class ReleaseNotFoundError extends AppError<'RELEASE_NOT_FOUND'> {
  constructor(id: string) {
    super('RELEASE_NOT_FOUND', `No engineering release '${id}'`, { id });
  }
}

export class ReleaseStateConflictError extends AppError<'RELEASE_NOT_AWAITING_APPROVAL' | 'APPROVAL_ALREADY_RECORDED'> {}
