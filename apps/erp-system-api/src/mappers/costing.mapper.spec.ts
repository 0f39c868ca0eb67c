import { SapProductCostEstimate, SapProductValuation } from '../connector/s4hana-native';
import { costRollupMapper, itemCostMapper } from './costing.mapper';

/** As API_PRODUCT_COST_ESTIMATE_SRV returns one A_ProductCostEstimate. */
function aCostEstimate(overrides: Partial<SapProductCostEstimate> = {}): SapProductCostEstimate {
  return {
    __metadata: { uri: "http://erp:4102/sap/opu/odata/sap/API_PRODUCT_COST_ESTIMATE_SRV/A_ProductCostEstimate('000000100001')", type: 'API_PRODUCT_COST_ESTIMATE_SRV.A_ProductCostEstimateType' },
    CostEstimate: '000000100001',
    Product: 'PUMP-100',
    Plant: 'P1',
    EngineeringChangeDocument: 'ECN-000042',
    BOMHeaderRevisionLevel: 'B',
    CostingDate: '/Date(1799020800000)/',
    MaterialCostAmount: '375.06',
    ConversionCostAmount: '41.94',
    TotalCostAmount: '417.00',
    PreviousStandardPrice: '412.50',
    Currency: 'EUR',
    ...overrides,
  };
}

function aValuation(overrides: Partial<SapProductValuation> = {}): SapProductValuation {
  return { Product: 'PUMP-100', ValuationArea: 'P1', StandardPrice: '412.50', PriceUnitQty: '1.000', Currency: 'EUR', FuturePrice: null, FuturePriceValidityStartDate: null, ...overrides };
}

describe('costRollupMapper', () => {
  it('maps a marked cost estimate to a canonical cost roll-up', () => {
    expect(costRollupMapper.toCanonical(aCostEstimate())).toEqual({
      plant: 'P1',
      itemNumber: 'PUMP-100',
      revision: 'B',
      changeNumber: 'ECN-000042',
      previousStandardCost: 412.5,
      rolledUpCost: 417,
      materialCost: 375.06,
      nonMaterialCost: 41.94,
      currency: 'EUR',
      validFrom: '2027-01-04T00:00:00.000Z',
    });
  });

  it('writes the cost estimate to create, costing on validFrom as a day', () => {
    expect(
      costRollupMapper.fromCanonical('P1', { itemNumber: 'PUMP-100', revision: 'B', changeNumber: 'ECN-000042', validFrom: '2027-01-04T09:00:00.000Z' }),
    ).toEqual({ Product: 'PUMP-100', Plant: 'P1', EngineeringChangeDocument: 'ECN-000042', BOMHeaderRevisionLevel: 'B', CostingDate: '/Date(1799020800000)/' });
  });
});

describe('itemCostMapper', () => {
  it('maps a valuation without a future price, per unit of the price unit', () => {
    expect(itemCostMapper.toCanonical(aValuation({ StandardPrice: '41.00', PriceUnitQty: '10.000' }))).toEqual({
      plant: 'P1',
      itemNumber: 'PUMP-100',
      standardCost: 4.1,
      currency: 'EUR',
      futureStandardCost: null,
      futureValidFrom: null,
    });
  });

  it('maps the marked future price and its start', () => {
    expect(itemCostMapper.toCanonical(aValuation({ FuturePrice: '417.00', FuturePriceValidityStartDate: '/Date(1799020800000)/' }))).toMatchObject({
      standardCost: 412.5,
      futureStandardCost: 417,
      futureValidFrom: '2027-01-04T00:00:00.000Z',
    });
  });
});
