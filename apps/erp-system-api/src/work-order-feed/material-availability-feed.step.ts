import { MaterialAvailabilityChangeDto } from '@threadline/canonical';

/**
 * Where the cursor goes after reading the window [from, horizon) with at most `limit` changes of
 * each kind: to the horizon when the read was not cut, else to the latest change time that both
 * kinds' reads are complete up to (changes at that time are read again next time and deduplicated
 * by event id). Pure.
 */
export function nextAvailabilityCursor(
  changes: MaterialAvailabilityChangeDto[],
  from: string,
  horizon: string,
  limit: number,
): string {
  const cutAt = (['purchase-order-changed', 'goods-movement'] as const)
    .map((reason) => changes.filter((c) => c.reason === reason))
    .filter((kind) => kind.length >= limit)
    .map((kind) => kind[kind.length - 1].changedAt);
  if (cutAt.length === 0) return horizon;
  const earliest = cutAt.sort()[0];
  // A full page all at one millisecond cannot move the cursor; step past it rather than loop.
  return earliest > from ? earliest : new Date(Date.parse(from) + 1).toISOString();
}
