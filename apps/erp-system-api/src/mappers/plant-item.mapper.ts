import { LotSizing, PlantItemDto } from '@threadline/canonical';
import { SapProduct, SapProductPlant } from '../connector/s4hana-native';
import { parseSapDate, parseSapDecimal, unitToCanonical } from './sap-values';

/** SAP procurement type: E in-house, F external, X both (built here, so "make"). */
function procurement(type: string): 'make' | 'buy' {
  return type === 'F' ? 'buy' : 'make';
}

const LOT_SIZING: Record<string, LotSizing> = { EX: 'lot-for-lot', WB: 'weekly', MB: 'monthly' };

/** The plant's MRP data, where the ERP answers it (a lot-sizing procedure Threadline does not know is left out). */
function planningData(plantRecord: SapProductPlant): Pick<PlantItemDto, 'mrpController' | 'lotSizing'> {
  const lotSizing = plantRecord.LotSizingProcedure ? LOT_SIZING[plantRecord.LotSizingProcedure] : undefined;
  return { ...(plantRecord.MRPResponsible ? { mrpController: plantRecord.MRPResponsible } : {}), ...(lotSizing ? { lotSizing } : {}) };
}

export const plantItemMapper = {
  /**
   * A_Product expanded with to_Description, to_Plant and to_Valuation, seen from one plant.
   * Undefined when the product is not extended to that plant (SAP: no MARC record).
   */
  toCanonical(native: SapProduct, plant: string): PlantItemDto | undefined {
    const plantRecord = native.to_Plant?.results.find((p) => p.Plant === plant);
    if (!plantRecord) return undefined;
    const descriptions = native.to_Description?.results ?? [];
    const description = descriptions.find((d) => d.Language === 'EN') ?? descriptions[0];
    // In S/4HANA the valuation area is the plant (plant-level valuation).
    const valuation = native.to_Valuation?.results.find((v) => v.ValuationArea === plant);
    const priceUnit = valuation ? parseSapDecimal(valuation.PriceUnitQty || '1') || 1 : 1;
    // A revision level a change made valid from a future date (the latest one ERP holds).
    const future = plantRecord.FutureRevisionLevel && plantRecord.FutureRevisionValidFrom ? plantRecord.FutureRevisionLevel : undefined;
    return {
      plant,
      itemNumber: native.Product,
      description: description?.ProductDescription ?? '',
      revision: plantRecord.MaterialRevisionLevel,
      latestRevision: future ?? plantRecord.MaterialRevisionLevel,
      latestRevisionValidFrom: future ? parseSapDate(plantRecord.FutureRevisionValidFrom!).toISOString() : null,
      unit: unitToCanonical(native.BaseUnit),
      procurementType: procurement(plantRecord.ProcurementType),
      standardCost: valuation ? Math.round((parseSapDecimal(valuation.StandardPrice) / priceUnit) * 10_000) / 10_000 : null,
      currency: valuation?.Currency ?? null,
      ...planningData(plantRecord),
    };
  },
};
