import { availabilityWrites, AVAILABILITY_SOURCE, FreppleBuffer, FrepplePurchaseOrder } from './material-availability.mapper';

const buffer = (id: number, item: string, onhand: number): FreppleBuffer => ({ id, item, location: 'P1', onhand, source: 'initial-load' });
const po = (reference: string, item: string, source = AVAILABILITY_SOURCE): FrepplePurchaseOrder => ({
  reference,
  item,
  quantity: 10,
  enddate: '2026-12-10T00:00:00',
  status: 'confirmed',
  source,
});

describe('availabilityWrites', () => {
  it("sets ERP's on hand on the item's first buffer, zeroes its others and creates one where the item has none", () => {
    const writes = availabilityWrites(
      'P1',
      [
        { componentNumber: 'SEAL-200', onHand: 140, supplies: [] },
        { componentNumber: 'SEAL-210', onHand: 60, supplies: [] },
      ],
      [buffer(7, 'SEAL-200', 300), buffer(3, 'SEAL-200', 20), buffer(9, 'BOLT-M8', 5000)],
      [],
    );
    expect(writes.buffers).toEqual([
      { id: 3, onhand: 140, source: AVAILABILITY_SOURCE },
      { id: 7, onhand: 0, source: AVAILABILITY_SOURCE },
      { item: 'SEAL-210', location: 'P1', onhand: 60, source: AVAILABILITY_SOURCE },
    ]);
  });

  it('writes an unchanged buffer not at all', () => {
    expect(availabilityWrites('P1', [{ componentNumber: 'SEAL-200', onHand: 300, supplies: [] }], [buffer(7, 'SEAL-200', 300)], []).buffers).toEqual([]);
  });

  it('writes each open supply as a purchase order arriving at its date and removes the ones it wrote that are no longer open', () => {
    const writes = availabilityWrites(
      'P1',
      [{ componentNumber: 'SEAL-200', onHand: 0, supplies: [{ reference: '4500000002/10', quantity: 250, availableFrom: '2027-01-15T00:00:00.000Z' }] }],
      [buffer(7, 'SEAL-200', 0)],
      [po('4500000002/10', 'SEAL-200'), po('4500000009/10', 'SEAL-200'), po('PLANNER-1', 'SEAL-200', 'planner'), po('4500000010/10', 'BOLT-M8')],
    );
    expect(writes.purchaseOrders).toEqual([
      { reference: '4500000002/10', item: 'SEAL-200', location: 'P1', quantity: 250, enddate: '2027-01-15T00:00:00', status: 'confirmed', source: AVAILABILITY_SOURCE },
    ]);
    // Not the planner's own, not another component's.
    expect(writes.deletePurchaseOrders).toEqual(['4500000009/10']);
  });
});
