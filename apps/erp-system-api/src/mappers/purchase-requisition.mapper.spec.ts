import { SapPurchaseRequisitionItem } from '../connector/s4hana-native';
import { purchaseRequisitionMapper } from './purchase-requisition.mapper';

/** As API_PURCHASEREQ_PROCESS_SRV returns one A_PurchaseRequisitionItem. */
function aRequisitionItem(overrides: Partial<SapPurchaseRequisitionItem> = {}): SapPurchaseRequisitionItem {
  return {
    __metadata: {
      uri: "http://erp:4102/sap/opu/odata/sap/API_PURCHASEREQ_PROCESS_SRV/A_PurchaseRequisitionItem(PurchaseRequisition='0010000001',PurchaseRequisitionItem='00010')",
      type: 'API_PURCHASEREQ_PROCESS_SRV.A_PurchaseRequisitionItemType',
    },
    PurchaseRequisition: '0010000001',
    PurchaseRequisitionItem: '00010',
    Material: 'SEAL-210',
    Plant: 'P1',
    RequestedQuantity: '120.000',
    BaseUnit: 'PC',
    DeliveryDate: '/Date(1799020800000)/',
    RequirementTracking: 'ECN-000042',
    ProcessingStatus: 'N',
    IsDeleted: false,
    ...overrides,
  };
}

describe('purchaseRequisitionMapper', () => {
  it('maps a requisition item to a canonical purchase requisition', () => {
    expect(purchaseRequisitionMapper.toCanonical(aRequisitionItem())).toEqual({
      number: '0010000001',
      plant: 'P1',
      itemNumber: 'SEAL-210',
      quantity: 120,
      unit: 'EA',
      needDate: '2027-01-04T00:00:00.000Z',
      reference: 'ECN-000042',
      status: 'OPEN',
    });
    expect(purchaseRequisitionMapper.toCanonical(aRequisitionItem({ ProcessingStatus: 'B' })).status).toBe('ORDERED');
    expect(() => purchaseRequisitionMapper.toCanonical(aRequisitionItem({ ProcessingStatus: 'Q' }))).toThrow(/processing status 'Q'/);
  });

  it('writes the deep insert: one NB requisition with one item, the need date as its day, SAP units', () => {
    expect(
      purchaseRequisitionMapper.fromCanonical('P1', { itemNumber: 'SEAL-210', quantity: 120, unit: 'EA', needDate: '2027-01-04T15:30:00.000Z', reference: 'ECN-000042' }),
    ).toEqual({
      PurchaseRequisitionType: 'NB',
      to_PurchaseReqnItem: {
        results: [
          {
            Material: 'SEAL-210',
            Plant: 'P1',
            RequestedQuantity: '120.000',
            BaseUnit: 'PC',
            DeliveryDate: '/Date(1799020800000)/',
            RequirementTracking: 'ECN-000042',
          },
        ],
      },
    });
  });
});
