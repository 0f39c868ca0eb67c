/**
 * Purchasing bought samples of a substitute seal before engineering released it (the README's
 * "whole release" scenario): P1's ERP holds the material, with a few on hand and an open purchase
 * order, and P1's scheduler has it in its item master, as frePPLe mirrors ERP's materials. PLM
 * does not know the part (engineering creates it), nor do P2 and P3 (the release brings it there).
 * So the impact of a change replacing SEAL-200 by it in VALVE-300 finds the substitute covering
 * P1's demand on the new revision and not P3's. Its own number, used by no other test.
 */
export const SUBSTITUTE_SAMPLE = {
  item: 'SEAL-240',
  description: 'Shaft seal, HNBR',
  plant: 'P1',
  /** Unrestricted stock at storage location 0001, batch SMPL-1. */
  onHand: 20,
  /** Standard price in P1's currency (EUR), the quoted price of the sample order. */
  standardPrice: 5.2,
  purchaseOrder: '4500000004',
  /** Dichtungstechnik Weber GmbH, the seal supplier of the demo world. */
  supplier: '17300001',
  orderedQuantity: 100,
  orderedDaysAgo: 3,
  /** Before P1's second VALVE-300 order (60 valves, starting in 20 days), after its first (in 6). */
  deliveryInDays: 12,
} as const;
