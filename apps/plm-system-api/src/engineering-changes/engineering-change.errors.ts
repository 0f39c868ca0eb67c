import { AppError, defineErrorCodes } from '@threadline/platform';
import { BOM_EXPLOSION_ERRORS } from '../items/explode-bom';

/**
 * What creating (and releasing) a change is refused with when it does not fit PLM: checked at
 * the door before anything is created, and PLM's own refusals at release are explained with them.
 */
export const ENGINEERING_CHANGE_ERRORS = defineErrorCodes({
  COMPONENT_UNKNOWN: {
    status: 422,
    title: 'Unknown item',
    description: 'The change names an affected item or a component (bomChanges componentNumber or replacementNumber) that PLM does not hold in any state (`object` names it)',
  },
  REVISION_CONFLICT: {
    status: 422,
    title: 'Revision conflict',
    description:
      "An affected item's fromRevision is not its current revision in PLM (its latest released one, `currentRevision`), or its toRevision exists already (`object` names the item)",
  },
  // The same code the BOM explosion answers: an item within its own structure, `path` naming the cycle.
  BOM_CYCLE: BOM_EXPLOSION_ERRORS.BOM_CYCLE,
});

export type EngineeringChangeErrorCode = keyof typeof ENGINEERING_CHANGE_ERRORS;

export class ChangeRefusedError extends AppError<EngineeringChangeErrorCode> {}
