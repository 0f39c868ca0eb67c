import { ERP_MOCK_SCHEMA } from '../erp-mock.schema';
import { EdmKind, PropertyDef, ServiceDef } from '../odata/odata-model';

const p = (name: string, sql: string, kind: EdmKind = 'string'): PropertyDef => ({ name, sql, kind });

/**
 * API_CHANGE_POINTER_SRV (a mock extension standing in for S/4HANA's change pointers and change
 * documents of master data): one entry per change of a material's master data (ObjectClass
 * MATERIAL: product, plant data, valuation), of its BOM (BOM) or of its routing (ROUTING), with
 * the plant it concerns (empty: plant-neutral, every plant). Read as a delta query:
 * `$filter=ChangeDateTime ge datetimeoffset'…' and ChangeDateTime lt datetimeoffset'…'&$orderby=ChangeDateTime,ChangePointer`.
 */
export const CHANGE_POINTER_SERVICE: ServiceDef = {
  path: 'API_CHANGE_POINTER_SRV',
  entitySets: [
    {
      name: 'A_ChangePointer',
      type: 'API_CHANGE_POINTER_SRV.A_ChangePointerType',
      from: `${ERP_MOCK_SCHEMA}.change_pointers cp`,
      keys: ['ChangePointer'],
      properties: [
        // Zero-padded as SAP's CPIDENT, so its text order is its number order.
        p('ChangePointer', `lpad(cp.change_pointer::text, 20, '0')`),
        p('ChangeDateTime', 'cp.change_time', 'timestamp'),
        p('ObjectClass', 'cp.object_class'),
        p('Material', 'cp.material'),
        p('Plant', `coalesce(cp.plant, '')`),
      ],
      orderBy: ['ChangeDateTime', 'ChangePointer'],
    },
  ],
};
