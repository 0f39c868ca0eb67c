import { ErpMappingError } from './mapping-error';
import { parseSapDate } from './sap-values';

/** API_CHANGE_POINTER_SRV A_ChangePointer (the mock's stand-in for S/4HANA's master-data change pointers). */
export interface SapChangePointer {
  ChangePointer: string;
  ChangeDateTime?: string | null;
  ObjectClass: string;
  Material: string;
  /** Empty: plant-neutral data (the material in every plant). */
  Plant: string;
}

/** A change of ERP master data, as the master-data feed reads it. */
export interface MasterDataChange {
  object: 'material' | 'bom' | 'routing';
  itemNumber: string;
  /** Null: plant-neutral, the item in every plant. */
  plant: string | null;
  /** ERP's change time (ISO 8601). */
  changedAt: string;
}

const OBJECTS: Record<string, MasterDataChange['object']> = { MATERIAL: 'material', BOM: 'bom', ROUTING: 'routing' };

export const masterDataChangeMapper = {
  fromChangePointer(native: SapChangePointer): MasterDataChange {
    if (!native.ChangeDateTime) throw new ErpMappingError(`change pointer ${native.ChangePointer} has no ChangeDateTime`, null);
    // An object class this API does not know still changed the item: treat it as the material's.
    return {
      object: OBJECTS[native.ObjectClass] ?? 'material',
      itemNumber: native.Material,
      plant: native.Plant ? native.Plant : null,
      changedAt: parseSapDate(native.ChangeDateTime).toISOString(),
    };
  },
};
