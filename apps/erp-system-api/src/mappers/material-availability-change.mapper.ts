import { MaterialAvailabilityChangeDto } from '@threadline/canonical';
import { ErpMappingError } from './mapping-error';
import { parseSapDate } from './sap-values';

/** A_PurchaseOrderItem as a delta read needs it (the mock flattens the header's LastChangeDateTime onto it). */
export interface SapPurchaseOrderItemChange {
  PurchaseOrder: string;
  PurchaseOrderItem: string;
  Material: string;
  Plant: string;
  LastChangeDateTime?: string | null;
}

/** A_MaterialDocumentItem as a delta read needs it. */
export interface SapMaterialDocumentItemChange {
  MaterialDocument: string;
  MaterialDocumentYear: string;
  MaterialDocumentItem: string;
  Material: string;
  Plant: string;
  CreationDateTime?: string | null;
}

export const materialAvailabilityChangeMapper = {
  fromPurchaseOrderItem(native: SapPurchaseOrderItemChange): MaterialAvailabilityChangeDto {
    if (!native.LastChangeDateTime) throw new ErpMappingError(`purchase order ${native.PurchaseOrder} has no LastChangeDateTime`, null);
    return {
      plant: native.Plant,
      itemNumber: native.Material,
      reason: 'purchase-order-changed',
      // SAP's item number is zero-padded ('00010'): the canonical line is the number.
      document: `${native.PurchaseOrder}/${Number(native.PurchaseOrderItem)}`,
      changedAt: parseSapDate(native.LastChangeDateTime).toISOString(),
    };
  },

  fromMaterialDocumentItem(native: SapMaterialDocumentItemChange): MaterialAvailabilityChangeDto {
    if (!native.CreationDateTime) throw new ErpMappingError(`material document ${native.MaterialDocument} has no CreationDateTime`, null);
    return {
      plant: native.Plant,
      itemNumber: native.Material,
      reason: 'goods-movement',
      document: `${native.MaterialDocument}/${native.MaterialDocumentYear}/${Number(native.MaterialDocumentItem)}`,
      changedAt: parseSapDate(native.CreationDateTime).toISOString(),
    };
  },

  /** Both kinds in ERP's change order: by time, then document. */
  byChangeTime(a: MaterialAvailabilityChangeDto, b: MaterialAvailabilityChangeDto): number {
    return a.changedAt.localeCompare(b.changedAt) || a.document.localeCompare(b.document);
  },
};
