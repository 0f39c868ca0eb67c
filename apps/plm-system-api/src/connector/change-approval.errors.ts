import { AppError, ConflictError } from '@threadline/platform';

/*
 * What a PLM adapter throws when PLM refuses an approval decision, whatever PLM calls the reason.
 * Part of the port's contract, so the API's answers do not depend on the backend.
 */

export class ApprovalAlreadyRecordedError extends ConflictError {
  constructor(changeNumber: string, role: string, backendError?: unknown) {
    super('CHANGE_APPROVAL_ALREADY_RECORDED', `Role '${role}' has already decided on ${changeNumber}`, { object: changeNumber, role, backendError });
  }
}

export class ApprovalRoleNotRequiredError extends AppError {
  constructor(changeNumber: string, role: string, backendError?: unknown) {
    super('CHANGE_APPROVAL_ROLE_NOT_REQUIRED', 422, 'Approver role not required', `${changeNumber} does not require an approval from role '${role}'`, {
      object: changeNumber,
      role,
      backendError,
    });
  }
}

export class ChangeNotOpenError extends ConflictError {
  constructor(changeNumber: string, state: string, backendError?: unknown) {
    super('CHANGE_NOT_OPEN', `${changeNumber} is ${state}; decisions are recorded only on an open change`, { object: changeNumber, state, backendError });
  }
}
