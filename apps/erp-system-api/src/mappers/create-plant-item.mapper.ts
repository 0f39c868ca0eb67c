import { CreatePlantItemDto, LotSizing } from '@threadline/canonical';
import { SapProductCreate, SapProductPlantCreate, SapProductValuationCreate } from '../connector/s4hana-native';
import { unitFromCanonical } from './sap-values';

const LOT_SIZING_PROCEDURE: Record<LotSizing, string> = { 'lot-for-lot': 'EX', weekly: 'WB', monthly: 'MB' };

/** A bought material is a raw material (ROH), a made one semi-finished (HALB) until it is sold. */
function productType(item: CreatePlantItemDto): string {
  return item.sourcing === 'buy' ? 'ROH' : 'HALB';
}

export const createPlantItemMapper = {
  /** The plant record (MARC): procured externally (F) or in-house (E), planned by MRP (PD). */
  plantFromCanonical(plant: string, item: CreatePlantItemDto): SapProductPlantCreate {
    return {
      Product: item.itemNumber,
      Plant: plant,
      ProcurementType: item.procurementType === 'buy' ? 'F' : 'E',
      MRPType: 'PD',
      MRPResponsible: item.mrpController,
      LotSizingProcedure: LOT_SIZING_PROCEDURE[item.lotSizing],
      MaterialRevisionLevel: item.revision ?? 'A',
    };
  },

  /** The valuation (MBEW) in the plant's valuation area, at a standard price (price control S). */
  valuationFromCanonical(plant: string, item: CreatePlantItemDto): SapProductValuationCreate {
    return {
      Product: item.itemNumber,
      ValuationArea: plant,
      InventoryValuationProcedure: 'S',
      StandardPrice: (item.standardPrice ?? 0).toFixed(2),
      PriceUnitQty: '1',
      Currency: item.currency,
    };
  },

  /** The deep insert of a new material with its one plant record and valuation. */
  productFromCanonical(plant: string, item: CreatePlantItemDto): SapProductCreate {
    const { Product: _plantProduct, ...plantRecord } = createPlantItemMapper.plantFromCanonical(plant, item);
    const { Product: _valuationProduct, ...valuation } = createPlantItemMapper.valuationFromCanonical(plant, item);
    return {
      Product: item.itemNumber,
      ProductType: productType(item),
      BaseUnit: unitFromCanonical(item.unit),
      to_Description: { results: [{ Language: 'EN', ProductDescription: item.name }] },
      to_Plant: { results: [plantRecord] },
      to_Valuation: { results: [valuation] },
    };
  },
};
