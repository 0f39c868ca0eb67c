import { MaterialAvailabilityChangeDto } from '@threadline/canonical';
import { nextAvailabilityCursor } from './material-availability-feed.step';

const change = (reason: MaterialAvailabilityChangeDto['reason'], changedAt: string): MaterialAvailabilityChangeDto => ({
  plant: 'P1',
  itemNumber: 'SEAL-200',
  reason,
  document: 'D',
  changedAt,
});
const FROM = '2026-12-05T09:00:00.000Z';
const HORIZON = '2026-12-05T10:00:00.000Z';

describe('nextAvailabilityCursor', () => {
  it('moves to the horizon when neither read was cut at its limit', () => {
    expect(nextAvailabilityCursor([change('purchase-order-changed', '2026-12-05T09:10:00.000Z')], FROM, HORIZON, 2)).toBe(HORIZON);
  });

  it("stops at the last change time of a full page, the earlier of both kinds' when both are full", () => {
    const changes = [
      change('purchase-order-changed', '2026-12-05T09:10:00.000Z'),
      change('goods-movement', '2026-12-05T09:12:00.000Z'),
      change('purchase-order-changed', '2026-12-05T09:20:00.000Z'),
      change('goods-movement', '2026-12-05T09:15:00.000Z'),
    ];
    expect(nextAvailabilityCursor(changes.slice(0, 3), FROM, HORIZON, 2)).toBe('2026-12-05T09:20:00.000Z');
    expect(nextAvailabilityCursor(changes, FROM, HORIZON, 2)).toBe('2026-12-05T09:15:00.000Z');
  });

  it('steps one millisecond past a full page that is all at the cursor, rather than read it forever', () => {
    expect(nextAvailabilityCursor([change('goods-movement', FROM), change('goods-movement', FROM)], FROM, HORIZON, 2)).toBe('2026-12-05T09:00:00.001Z');
  });
});
