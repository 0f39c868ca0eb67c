import { AppError, defineErrorCodes } from '@threadline/platform';

/*
 * What a PLM adapter throws when PLM refuses an approval decision, whatever PLM calls the reason.
 * Part of the port's contract, so the API's answers do not depend on the backend.
 */
export const CHANGE_APPROVAL_ERRORS = defineErrorCodes({
  CHANGE_APPROVAL_ALREADY_RECORDED: { status: 409, title: 'Conflict', description: 'This approver role has already decided on the change' },
  CHANGE_APPROVAL_ROLE_NOT_REQUIRED: { status: 422, title: 'Approver role not required', description: 'The change does not require an approval from this role' },
  CHANGE_NOT_OPEN: { status: 409, title: 'Conflict', description: 'Decisions are recorded only on an open change' },
});

type ChangeApprovalErrorCode = keyof typeof CHANGE_APPROVAL_ERRORS;

export class ApprovalAlreadyRecordedError extends AppError<ChangeApprovalErrorCode> {
  constructor(changeNumber: string, role: string, backendError?: unknown) {
    super('CHANGE_APPROVAL_ALREADY_RECORDED', `Role '${role}' has already decided on ${changeNumber}`, { object: changeNumber, role, backendError });
  }
}

export class ApprovalRoleNotRequiredError extends AppError<ChangeApprovalErrorCode> {
  constructor(changeNumber: string, role: string, backendError?: unknown) {
    super('CHANGE_APPROVAL_ROLE_NOT_REQUIRED', `${changeNumber} does not require an approval from role '${role}'`, {
      object: changeNumber,
      role,
      backendError,
    });
  }
}

export class ChangeNotOpenError extends AppError<ChangeApprovalErrorCode> {
  constructor(changeNumber: string, state: string, backendError?: unknown) {
    super('CHANGE_NOT_OPEN', `${changeNumber} is ${state}; decisions are recorded only on an open change`, { object: changeNumber, state, backendError });
  }
}
