import { CreatePurchaseRequisitionDto, PurchaseRequisitionDto } from '@threadline/canonical';
import { SapPurchaseRequisitionCreate, SapPurchaseRequisitionItem } from '../connector/s4hana-native';
import { ErpMappingError } from './mapping-error';
import { parseSapDate, parseSapDecimal, toSapDate, toSapDecimal, unitFromCanonical, unitToCanonical } from './sap-values';

/** NB: the standard purchase requisition document type. */
const STANDARD_REQUISITION = 'NB';

function startOfUtcDay(iso: string): Date {
  const d = new Date(iso);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export const purchaseRequisitionMapper = {
  /** One requisition item; Threadline creates one item per requisition, so the requisition number names it. */
  toCanonical(native: SapPurchaseRequisitionItem): PurchaseRequisitionDto {
    let status: PurchaseRequisitionDto['status'];
    if (native.ProcessingStatus === 'B') status = 'ORDERED';
    else if (native.ProcessingStatus === 'N' || native.ProcessingStatus === 'A') status = 'OPEN';
    else throw new ErpMappingError(`purchase requisition processing status '${native.ProcessingStatus}' has no canonical equivalent`, native.ProcessingStatus);
    return {
      number: native.PurchaseRequisition,
      plant: native.Plant,
      itemNumber: native.Material,
      quantity: parseSapDecimal(native.RequestedQuantity),
      unit: unitToCanonical(native.BaseUnit),
      needDate: parseSapDate(native.DeliveryDate).toISOString(),
      reference: native.RequirementTracking,
      status,
    };
  },

  /** The deep insert: one header, one item, the reference as requirement tracking number. Delivery is by day. */
  fromCanonical(plant: string, requisition: CreatePurchaseRequisitionDto): SapPurchaseRequisitionCreate {
    return {
      PurchaseRequisitionType: STANDARD_REQUISITION,
      to_PurchaseReqnItem: {
        results: [
          {
            Material: requisition.itemNumber,
            Plant: plant,
            RequestedQuantity: toSapDecimal(requisition.quantity),
            BaseUnit: unitFromCanonical(requisition.unit),
            DeliveryDate: toSapDate(startOfUtcDay(requisition.needDate)),
            RequirementTracking: requisition.reference,
          },
        ],
      },
    };
  },
};
