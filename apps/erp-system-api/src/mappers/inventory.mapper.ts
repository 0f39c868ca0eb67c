import { InventoryPositionDto } from '@threadline/canonical';
import { SapMaterialStock } from '../connector/s4hana-native';
import { ErpMappingError } from './mapping-error';
import { parseSapDecimal, unitToCanonical } from './sap-values';

/** SAP inventory stock types: 01 unrestricted use, 02 quality inspection, 07 blocked. */
const STOCK_TYPES: Record<string, InventoryPositionDto['stockType']> = {
  '01': 'unrestricted',
  '02': 'quality-inspection',
  '07': 'blocked',
};

export const inventoryMapper = {
  toCanonical(native: SapMaterialStock): InventoryPositionDto {
    const stockType = STOCK_TYPES[native.InventoryStockType];
    if (!stockType) throw new ErpMappingError(`stock type '${native.InventoryStockType}' has no canonical equivalent`, native.InventoryStockType);
    return {
      plant: native.Plant,
      itemNumber: native.Material,
      location: native.StorageLocation,
      lot: native.Batch || null,
      stockType,
      quantity: parseSapDecimal(native.MatlWrhsStkQtyInMatlBaseUnit),
      unit: unitToCanonical(native.MaterialBaseUnit),
    };
  },
};
