import { WindchillError } from './windchill-errors';
import type { ApprovalDecision, ChangePriority, ChangeState, Disposition, DocumentType, EffectivityType, RevisionState, Unit } from '@threadline/canonical';

/**
 * Windchill's enumerated values and their canonical equivalents. A value missing here is a
 * contract gap between PLM and Threadline: it fails loudly (502) instead of being guessed.
 */
function twoWay<C extends string>(name: string, pairs: Array<[string, C]>) {
  const toCanonical = new Map(pairs);
  const fromCanonical = new Map(pairs.map(([n, c]) => [c, n]));
  return {
    toCanonical(value: string): C {
      const mapped = toCanonical.get(value);
      if (mapped === undefined) {
        throw new WindchillError('PLM_UNMAPPED_VALUE', `${name} '${value}' has no canonical equivalent`, {
          backend: 'PLM',
          property: name,
          value,
        });
      }
      return mapped;
    },
    fromCanonical(value: C): string {
      const mapped = fromCanonical.get(value);
      if (mapped === undefined) throw new WindchillError('PLM_NO_EQUIVALENT', `${name} '${value}' has no Windchill equivalent`);
      return mapped;
    },
  };
}

export const WindchillUnit = twoWay<Unit>('DefaultUnit', [
  ['ea', 'EA'],
  ['kg', 'KG'],
  ['g', 'G'],
  ['m', 'M'],
  ['mm', 'MM'],
  ['l', 'L'],
  ['sq_m', 'M2'],
  ['set', 'SET'],
]);

export const WindchillPartState = twoWay<RevisionState>('State', [
  ['INWORK', 'IN_WORK'],
  ['RELEASED', 'RELEASED'],
  ['SUPERSEDED', 'SUPERSEDED'],
  ['OBSOLETE', 'OBSOLETE'],
]);

export const WindchillChangeState = twoWay<ChangeState>('ChangeNotice.State', [
  ['OPEN', 'OPEN'],
  ['UNDERREVIEW', 'UNDER_REVIEW'],
  ['RELEASED', 'RELEASED'],
  ['CANCELLED', 'CANCELLED'],
]);

export const WindchillPriority = twoWay<ChangePriority>('Priority', [
  ['LOW', 'low'],
  ['MEDIUM', 'normal'],
  ['HIGH', 'high'],
  ['EMERGENCY', 'critical'],
]);

export const WindchillDisposition = twoWay<Disposition>('Disposition', [
  ['USE_UP', 'use-up'],
  ['REWORK', 'rework'],
  ['SCRAP', 'scrap'],
  ['RETURN_TO_VENDOR', 'return-to-supplier'],
  ['USE_AS_IS', 'use-as-is'],
]);

export const WindchillEffectivityType = twoWay<EffectivityType>('EffectivityType', [
  ['DATE', 'date'],
  ['SERIAL_NUMBER', 'serial'],
  ['LOT_NUMBER', 'lot'],
]);

export const WindchillVote = twoWay<ApprovalDecision>('Review.Vote', [
  ['APPROVE', 'approved'],
  ['REJECT', 'rejected'],
]);

export const WindchillSource = twoWay<'make' | 'buy'>('Source', [
  ['make', 'make'],
  ['buy', 'buy'],
]);

export const WindchillDocumentType = twoWay<DocumentType>('Document.Type', [
  ['SPECIFICATION', 'specification'],
  ['DRAWING', 'drawing'],
  ['DATASHEET', 'datasheet'],
  ['TEST_PROCEDURE', 'test-procedure'],
]);

/** Windchill revision letters sort A..Z, then AA..; by length first. */
export function compareVersions(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
