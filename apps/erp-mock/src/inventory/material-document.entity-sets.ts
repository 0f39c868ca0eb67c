import { ERP_MOCK_SCHEMA } from '../erp-mock.schema';
import { EdmKind, PropertyDef, ServiceDef } from '../odata/odata-model';

const p = (name: string, sql: string, kind: EdmKind = 'string'): PropertyDef => ({ name, sql, kind });

/** API_MATERIAL_DOCUMENT_SRV: goods movements, headers and items. */
export const MATERIAL_DOCUMENT_SERVICE: ServiceDef = {
  path: 'API_MATERIAL_DOCUMENT_SRV',
  entitySets: [
    {
      name: 'A_MaterialDocumentHeader',
      type: 'API_MATERIAL_DOCUMENT_SRV.A_MaterialDocumentHeaderType',
      from: `${ERP_MOCK_SCHEMA}.material_documents md`,
      keys: ['MaterialDocumentYear', 'MaterialDocument'],
      properties: [
        p('MaterialDocumentYear', 'md.material_document_year'),
        p('MaterialDocument', 'md.material_document'),
        p('GoodsMovementCode', 'md.goods_movement_code'),
        p('PostingDate', 'md.posting_date', 'date'),
        p('DocumentDate', 'md.document_date', 'date'),
        p('MaterialDocumentHeaderText', 'md.header_text'),
        p('CreationDate', 'md.created_at', 'date'),
      ],
      navigations: [
        {
          name: 'to_MaterialDocumentItem',
          target: 'A_MaterialDocumentItem',
          on: [
            ['MaterialDocumentYear', 'MaterialDocumentYear'],
            ['MaterialDocument', 'MaterialDocument'],
          ],
          many: true,
        },
      ],
      orderBy: ['MaterialDocumentYear', 'MaterialDocument'],
    },
    {
      name: 'A_MaterialDocumentItem',
      type: 'API_MATERIAL_DOCUMENT_SRV.A_MaterialDocumentItemType',
      from: `${ERP_MOCK_SCHEMA}.material_document_items mdi`,
      keys: ['MaterialDocumentYear', 'MaterialDocument', 'MaterialDocumentItem'],
      properties: [
        p('MaterialDocumentYear', 'mdi.material_document_year'),
        p('MaterialDocument', 'mdi.material_document'),
        p('MaterialDocumentItem', 'mdi.material_document_item'),
        p('Material', 'mdi.material'),
        p('Plant', 'mdi.plant'),
        p('StorageLocation', 'mdi.storage_location'),
        p('Batch', 'mdi.batch'),
        p('GoodsMovementType', 'mdi.goods_movement_type'),
        p('QuantityInEntryUnit', 'mdi.quantity', 'decimal'),
        p('EntryUnit', 'mdi.unit'),
        p('PurchaseOrder', `coalesce(mdi.purchase_order, '')`),
        p('PurchaseOrderItem', `coalesce(mdi.purchase_order_item, '')`),
        p('ManufacturingOrder', `coalesce(mdi.manufacturing_order, '')`),
        // The mock flattens the header's creation date and time into one instant on the item, so a
        // delta read by plant (only items carry the plant) is one query.
        p('CreationDateTime', 'mdi.created_at', 'timestamp'),
      ],
      orderBy: ['MaterialDocumentYear', 'MaterialDocument', 'MaterialDocumentItem'],
    },
  ],
};
