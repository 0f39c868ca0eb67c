import { CostRollupDto, ItemCostDto, RunCostRollupDto } from '@threadline/canonical';
import { SapProductCostEstimate, SapProductCostEstimateCreate, SapProductValuation } from '../connector/s4hana-native';
import { parseSapDate, parseSapDecimal, toSapDate } from './sap-values';

function startOfUtcDay(iso: string): Date {
  const d = new Date(iso);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/** Prices per one unit: SAP prices per PriceUnitQty units. */
function perUnit(amount: string, priceUnit: string | undefined): number {
  const unit = priceUnit ? parseSapDecimal(priceUnit) || 1 : 1;
  return Math.round((parseSapDecimal(amount) / unit) * 10_000) / 10_000;
}

export const costRollupMapper = {
  /** A marked cost estimate: its total is the item's future standard cost from the costing date. */
  toCanonical(native: SapProductCostEstimate): CostRollupDto {
    return {
      plant: native.Plant,
      itemNumber: native.Product,
      revision: native.BOMHeaderRevisionLevel,
      changeNumber: native.EngineeringChangeDocument,
      previousStandardCost: parseSapDecimal(native.PreviousStandardPrice),
      rolledUpCost: parseSapDecimal(native.TotalCostAmount),
      materialCost: parseSapDecimal(native.MaterialCostAmount),
      nonMaterialCost: parseSapDecimal(native.ConversionCostAmount),
      currency: native.Currency,
      validFrom: parseSapDate(native.CostingDate).toISOString(),
    };
  },

  /** Costing is by day in SAP: validFrom's UTC date. */
  fromCanonical(plant: string, rollup: RunCostRollupDto): SapProductCostEstimateCreate {
    return {
      Product: rollup.itemNumber,
      Plant: plant,
      EngineeringChangeDocument: rollup.changeNumber,
      BOMHeaderRevisionLevel: rollup.revision,
      CostingDate: toSapDate(startOfUtcDay(rollup.validFrom)),
    };
  },
};

export const itemCostMapper = {
  /** A_ProductValuation of the plant (valuation area = plant), with its marked future price if any. */
  toCanonical(native: SapProductValuation): ItemCostDto {
    const future = native.FuturePrice && native.FuturePriceValidityStartDate ? native.FuturePrice : null;
    return {
      plant: native.ValuationArea,
      itemNumber: native.Product,
      standardCost: perUnit(native.StandardPrice, native.PriceUnitQty),
      currency: native.Currency,
      futureStandardCost: future === null ? null : perUnit(future, native.PriceUnitQty),
      futureValidFrom: future === null ? null : parseSapDate(native.FuturePriceValidityStartDate!).toISOString(),
    };
  },
};
