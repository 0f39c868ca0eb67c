import { SapProduct } from '../connector/s4hana-native';
import { plantItemMapper } from './plant-item.mapper';
import { plantMapper } from './plant.mapper';

/** As API_PRODUCT_SRV returns A_Product('PUMP-100')?$expand=to_Description,to_Plant,to_Valuation. */
function aProduct(): SapProduct {
  const uri = (path: string) => ({ uri: `http://erp:4102/sap/opu/odata/sap/API_PRODUCT_SRV/${path}`, type: 'x' });
  return {
    __metadata: { uri: "http://erp:4102/sap/opu/odata/sap/API_PRODUCT_SRV/A_Product('PUMP-100')", type: 'API_PRODUCT_SRV.A_ProductType' },
    Product: 'PUMP-100',
    ProductType: 'FERT',
    BaseUnit: 'PC',
    to_Description: {
      results: [
        { __metadata: uri("A_ProductDescription(Product='PUMP-100',Language='DE')"), Product: 'PUMP-100', Language: 'DE', ProductDescription: 'Kreiselpumpe' },
        { __metadata: uri("A_ProductDescription(Product='PUMP-100',Language='EN')"), Product: 'PUMP-100', Language: 'EN', ProductDescription: 'Centrifugal pump assembly' },
      ],
    },
    to_Plant: {
      results: [
        { Product: 'PUMP-100', Plant: 'P1', ProcurementType: 'E', MaterialRevisionLevel: 'B', FutureRevisionLevel: '', FutureRevisionValidFrom: null },
        { Product: 'PUMP-100', Plant: 'P2', ProcurementType: 'F', MaterialRevisionLevel: 'A', FutureRevisionLevel: 'B', FutureRevisionValidFrom: '/Date(1796083200000)/' },
      ],
    },
    to_Valuation: {
      results: [
        { Product: 'PUMP-100', ValuationArea: 'P1', StandardPrice: '412.50', PriceUnitQty: '1.000', Currency: 'EUR' },
        { Product: 'PUMP-100', ValuationArea: 'P2', StandardPrice: '10395.00', PriceUnitQty: '10.000', Currency: 'CZK' },
      ],
    },
  };
}

describe('plantItemMapper', () => {
  it("maps the product as plant P1 sees it: revision in force, make, English text, standard cost", () => {
    expect(plantItemMapper.toCanonical(aProduct(), 'P1')).toEqual({
      plant: 'P1',
      itemNumber: 'PUMP-100',
      description: 'Centrifugal pump assembly',
      revision: 'B',
      latestRevision: 'B',
      latestRevisionValidFrom: null,
      unit: 'EA',
      procurementType: 'make',
      standardCost: 412.5,
      currency: 'EUR',
    });
  });

  it('reads external procurement as buy and divides the price by its price unit', () => {
    expect(plantItemMapper.toCanonical(aProduct(), 'P2')).toMatchObject({ procurementType: 'buy', revision: 'A', standardCost: 1039.5, currency: 'CZK' });
  });

  it('names the latest revision ERP holds: a future-dated level with its date, the revision in force staying as it is', () => {
    expect(plantItemMapper.toCanonical(aProduct(), 'P2')).toMatchObject({ revision: 'A', latestRevision: 'B', latestRevisionValidFrom: '2026-12-01T00:00:00.000Z' });
  });

  it('gives nothing for a plant the product is not extended to, and no cost without a valuation', () => {
    expect(plantItemMapper.toCanonical(aProduct(), 'P3')).toBeUndefined();
    const product = aProduct();
    product.to_Valuation = { results: [] };
    expect(plantItemMapper.toCanonical(product, 'P1')).toMatchObject({ standardCost: null, currency: null });
  });
});

describe('plantMapper', () => {
  it('maps A_Plant to a canonical plant', () => {
    expect(
      plantMapper.toCanonical({
        __metadata: { uri: "http://erp:4102/sap/opu/odata/sap/API_PLANT_SRV/A_Plant('P3')", type: 'API_PLANT_SRV.A_PlantType' },
        Plant: 'P3',
        PlantName: 'Monterrey',
        CityName: 'Monterrey',
        TimeZone: 'America/Monterrey',
      }),
    ).toEqual({ code: 'P3', name: 'Monterrey', timeZone: 'America/Monterrey' });
  });
});
