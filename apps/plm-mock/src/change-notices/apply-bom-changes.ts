import { ODataError } from '../odata/odata-error';
import type { BomLineRow } from '../parts/part.repository';
import type { StoredBomChange } from './change-notice.odata';

function rejected(partLabel: string, message: string): ODataError {
  return new ODataError(400, 'InvalidBOMChange', `${partLabel}: ${message}`);
}

/**
 * The structure of the new part version: the old version's usage links with the notice's
 * redlines applied in order. A replaced line keeps its find number and reference designators;
 * an added line goes after the last find number, in steps of 10.
 */
export function applyBomChanges(partLabel: string, lines: BomLineRow[], changes: StoredBomChange[]): BomLineRow[] {
  const result = lines.map((l) => ({ ...l }));
  for (const change of changes) {
    const index = result.findIndex((l) => l.child_number === change.componentNumber);
    switch (change.action) {
      case 'Add': {
        if (index >= 0) throw rejected(partLabel, `${change.componentNumber} is already used (find number ${result[index].find_number})`);
        if (!change.quantity) throw rejected(partLabel, `adding ${change.componentNumber} needs a Quantity`);
        const last = result.reduce((max, l) => Math.max(max, l.find_number), 0);
        result.push({
          find_number: Math.floor(last / 10) * 10 + 10,
          child_number: change.componentNumber,
          quantity: change.quantity,
          unit: change.unit ?? 'ea',
          reference_designators: null,
        });
        break;
      }
      case 'Remove':
        if (index < 0) throw rejected(partLabel, `${change.componentNumber} is not used, so it cannot be removed`);
        result.splice(index, 1);
        break;
      case 'Replace': {
        if (index < 0) throw rejected(partLabel, `${change.componentNumber} is not used, so it cannot be replaced`);
        const replacement = change.replacementNumber ?? change.componentNumber;
        if (replacement !== change.componentNumber && result.some((l) => l.child_number === replacement)) {
          throw rejected(partLabel, `${replacement} is already used; change its quantity instead`);
        }
        result[index] = {
          ...result[index],
          child_number: replacement,
          quantity: change.quantity ?? result[index].quantity,
          unit: change.unit ?? result[index].unit,
        };
        break;
      }
    }
  }
  return result.sort((a, b) => a.find_number - b.find_number);
}
