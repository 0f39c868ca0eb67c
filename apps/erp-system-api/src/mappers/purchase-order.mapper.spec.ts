import { SapPurchaseOrderItem } from '../connector/s4hana-native';
import { purchaseOrderMapper } from './purchase-order.mapper';

/** As API_PURCHASEORDER_PROCESS_SRV returns A_PurchaseOrderItem with $expand=to_PurchaseOrder,to_ScheduleLine. */
function anItem(overrides: Partial<SapPurchaseOrderItem> = {}, received = '0.000'): SapPurchaseOrderItem {
  const po = overrides.PurchaseOrder ?? '4500000001';
  const item = overrides.PurchaseOrderItem ?? '10';
  return {
    __metadata: {
      uri: `http://erp:4102/sap/opu/odata/sap/API_PURCHASEORDER_PROCESS_SRV/A_PurchaseOrderItem(PurchaseOrder='${po}',PurchaseOrderItem='${item}')`,
      type: 'API_PURCHASEORDER_PROCESS_SRV.A_PurchaseOrderItemType',
    },
    PurchaseOrder: po,
    PurchaseOrderItem: item,
    Material: 'SEAL-200',
    Plant: 'P2',
    OrderQuantity: '500.000',
    PurchaseOrderQuantityUnit: 'PC',
    IsCompletelyDelivered: false,
    PurchasingDocumentDeletionCode: '',
    to_PurchaseOrder: { PurchaseOrder: po, Supplier: '17300001', PurchasingDocumentDeletionCode: '' },
    to_ScheduleLine: {
      results: [{ ScheduleLine: '1', ScheduleLineDeliveryDate: '/Date(1796083200000)/', ScheduleLineOrderQuantity: '500.000', RoughGoodsReceiptQty: received }],
    },
    ...overrides,
  };
}

describe('purchaseOrderMapper', () => {
  it('maps an open purchase order with one line', () => {
    expect(purchaseOrderMapper.toCanonical([anItem()])).toEqual({
      number: '4500000001',
      plant: 'P2',
      supplierId: '17300001',
      status: 'OPEN',
      lines: [{ line: 10, itemNumber: 'SEAL-200', quantity: 500, unit: 'EA', deliveryDate: '2026-12-01', receivedQuantity: 0 }],
    });
  });

  it('derives partially received, received and cancelled', () => {
    expect(purchaseOrderMapper.toCanonical([anItem({}, '150.000')]).status).toBe('PARTIALLY_RECEIVED');
    expect(purchaseOrderMapper.toCanonical([anItem({ IsCompletelyDelivered: true }, '500.000')]).status).toBe('RECEIVED');
    const deleted = anItem();
    deleted.to_PurchaseOrder = { PurchaseOrder: '4500000001', Supplier: '17300001', PurchasingDocumentDeletionCode: 'L' };
    expect(purchaseOrderMapper.toCanonical([deleted]).status).toBe('CANCELLED');
  });

  it('groups items by order and leaves deleted items out of the lines', () => {
    const groups = purchaseOrderMapper.groupByOrder([
      anItem(),
      anItem({ PurchaseOrderItem: '20', PurchasingDocumentDeletionCode: 'L' }),
      anItem({ PurchaseOrder: '4500000002' }),
    ]);
    expect(groups.map((g) => g.length)).toEqual([2, 1]);
    expect(purchaseOrderMapper.toCanonical(groups[0]).lines.map((l) => l.line)).toEqual([10]);
  });
});
