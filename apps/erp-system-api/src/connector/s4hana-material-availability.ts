import { MaterialAvailabilityChangeDto } from '@threadline/canonical';
import { HttpRequest } from '@threadline/platform';
import { materialAvailabilityChangeMapper, SapMaterialDocumentItemChange, SapPurchaseOrderItemChange } from '../mappers/material-availability-change.mapper';
import { MaterialAvailabilityChangeQuery } from './erp.connector';
import { ODataCollection, odataFilter, odataString } from './s4hana-native';

const ODATA = 'sap/opu/odata/sap';
const PURCHASE_ORDER_SRV = `${ODATA}/API_PURCHASEORDER_PROCESS_SRV`;
const MATERIAL_DOCUMENT_SRV = `${ODATA}/API_MATERIAL_DOCUMENT_SRV`;

const instant = (iso: string): string => `datetimeoffset'${new Date(iso).toISOString()}'`;

/**
 * S/4HANA's delta reads of what moves availability: purchase order items by the order's
 * LastChangeDateTime (a delivery date moved, a receipt booked) and material document items by
 * their creation time (goods movements), each in the window, merged in change-time order.
 */
export async function readMaterialAvailabilityChanges(
  call: <T>(request: HttpRequest) => Promise<T>,
  plant: string,
  query: MaterialAvailabilityChangeQuery,
): Promise<MaterialAvailabilityChangeDto[]> {
  const [orders, documents] = await Promise.all([
    call<ODataCollection<SapPurchaseOrderItemChange>>({
      path: `${PURCHASE_ORDER_SRV}/A_PurchaseOrderItem`,
      query: {
        $filter: odataFilter([`Plant eq ${odataString(plant)}`, `LastChangeDateTime ge ${instant(query.from)}`, `LastChangeDateTime lt ${instant(query.before)}`]),
        $orderby: 'LastChangeDateTime,PurchaseOrder,PurchaseOrderItem',
        $top: query.limit,
      },
    }),
    call<ODataCollection<SapMaterialDocumentItemChange>>({
      path: `${MATERIAL_DOCUMENT_SRV}/A_MaterialDocumentItem`,
      query: {
        $filter: odataFilter([`Plant eq ${odataString(plant)}`, `CreationDateTime ge ${instant(query.from)}`, `CreationDateTime lt ${instant(query.before)}`]),
        $orderby: 'CreationDateTime,MaterialDocument,MaterialDocumentItem',
        $top: query.limit,
      },
    }),
  ]);
  return [
    ...orders.d.results.map((native) => materialAvailabilityChangeMapper.fromPurchaseOrderItem(native)),
    ...documents.d.results.map((native) => materialAvailabilityChangeMapper.fromMaterialDocumentItem(native)),
  ].sort((a, b) => materialAvailabilityChangeMapper.byChangeTime(a, b));
}
