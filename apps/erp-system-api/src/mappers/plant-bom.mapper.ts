import { ApplyPlantBomDto, BomLineDto, PlantBomDto } from '@threadline/canonical';
import { SapMaterialBom, SapMaterialBomCreate, SapMaterialBomItem } from '../connector/s4hana-native';
import { ErpMappingError } from './mapping-error';
import { parseSapDate, parseSapDecimal, parseSapValidityEnd, toSapDate, toSapDecimal, unitFromCanonical, unitToCanonical } from './sap-values';

/** The BOM alternative Threadline manages (SAP's "variant" 1, usage 1 = production). */
export const PRODUCTION_BOM_VARIANT = '1';
const PRODUCTION_USAGE = '1';

function lineToCanonical(item: SapMaterialBomItem): BomLineDto {
  const findNumber = Number(item.BillOfMaterialItemNumber);
  if (!Number.isInteger(findNumber) || findNumber < 1) {
    throw new ErpMappingError(`BOM item number '${item.BillOfMaterialItemNumber}' is not a find number`, item.BillOfMaterialItemNumber);
  }
  return {
    findNumber,
    componentNumber: item.BillOfMaterialComponent,
    quantity: parseSapDecimal(item.BillOfMaterialItemQuantity),
    unit: unitToCanonical(item.BillOfMaterialItemUnit),
  };
}

/** SAP validity is by day: the instant's UTC date, at midnight. */
function startOfUtcDay(iso: string): Date {
  const d = new Date(iso);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export const plantBomMapper = {
  toCanonical(native: SapMaterialBom): PlantBomDto {
    return {
      plant: native.Plant,
      itemNumber: native.Material,
      revision: native.BOMHeaderRevisionLevel,
      validFrom: parseSapDate(native.ValidityStartDate).toISOString(),
      validTo: parseSapValidityEnd(native.ValidityEndDate),
      changeNumber: native.EngineeringChangeDocument || null,
      lines: (native.to_BillOfMaterialItem?.results ?? []).map(lineToCanonical).sort((a, b) => a.findNumber - b.findNumber),
    };
  },

  /** The deep insert that creates the change's BOM version in one plant. */
  fromCanonical(plant: string, bom: ApplyPlantBomDto): SapMaterialBomCreate {
    return {
      Material: bom.itemNumber,
      Plant: plant,
      BillOfMaterialCategory: 'M',
      BillOfMaterialVariant: PRODUCTION_BOM_VARIANT,
      BillOfMaterialVariantUsage: PRODUCTION_USAGE,
      EngineeringChangeDocument: bom.changeNumber,
      BOMHeaderRevisionLevel: bom.revision,
      BOMHeaderQuantityInBaseUnit: toSapDecimal(1),
      ValidityStartDate: toSapDate(startOfUtcDay(bom.validFrom)),
      to_BillOfMaterialItem: {
        results: bom.lines.map((line) => ({
          BillOfMaterialItemNumber: String(line.findNumber).padStart(4, '0'),
          BillOfMaterialItemCategory: 'L',
          BillOfMaterialComponent: line.componentNumber,
          BillOfMaterialItemQuantity: toSapDecimal(line.quantity),
          BillOfMaterialItemUnit: unitFromCanonical(line.unit),
        })),
      },
    };
  },
};
