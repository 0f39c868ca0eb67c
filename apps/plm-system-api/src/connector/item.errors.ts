import { AppError, defineErrorCodes } from '@threadline/platform';

/*
 * What a PLM adapter throws when PLM refuses to create an item because its number is taken,
 * whatever PLM calls the reason. Part of the port's contract.
 */
export const ITEM_ERRORS = defineErrorCodes({
  ITEM_ALREADY_EXISTS: { status: 409, title: 'Conflict', description: 'PLM holds an item with this number already' },
});

export class ItemAlreadyExistsError extends AppError<keyof typeof ITEM_ERRORS> {
  constructor(itemNumber: string, backendError?: unknown) {
    super('ITEM_ALREADY_EXISTS', `PLM holds an item numbered ${itemNumber} already`, { object: itemNumber, backendError });
  }
}
