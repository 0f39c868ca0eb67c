import { CreatePlantItemDto, PlantItemDto } from '@threadline/canonical';
import { sameAsRequested } from '../plants/create-plant-item';
import { createPlantItemMapper } from './create-plant-item.mapper';
import { plantItemMapper } from './plant-item.mapper';

const seal: CreatePlantItemDto = {
  itemNumber: 'SEAL-250',
  name: 'Shaft seal, HNBR',
  unit: 'EA',
  sourcing: 'buy',
  procurementType: 'buy',
  mrpController: '101',
  lotSizing: 'weekly',
  standardPrice: 4.8,
  currency: 'EUR',
};

describe('create plant item mapper', () => {
  it('maps a canonical item to the deep insert of A_Product with one plant record and valuation', () => {
    expect(createPlantItemMapper.productFromCanonical('P1', seal)).toEqual({
      Product: 'SEAL-250',
      ProductType: 'ROH',
      BaseUnit: 'PC',
      to_Description: { results: [{ Language: 'EN', ProductDescription: 'Shaft seal, HNBR' }] },
      to_Plant: {
        results: [{ Plant: 'P1', ProcurementType: 'F', MRPType: 'PD', MRPResponsible: '101', LotSizingProcedure: 'WB', MaterialRevisionLevel: 'A' }],
      },
      to_Valuation: { results: [{ ValuationArea: 'P1', InventoryValuationProcedure: 'S', StandardPrice: '4.80', PriceUnitQty: '1', Currency: 'EUR' }] },
    });
  });

  it('makes a made item semi-finished and in-house, at price 0 without one, at the revision given', () => {
    const kit = { ...seal, sourcing: 'make' as const, procurementType: 'make' as const, standardPrice: undefined, revision: 'B', lotSizing: 'lot-for-lot' as const };
    const body = createPlantItemMapper.productFromCanonical('P2', kit);
    expect(body.ProductType).toBe('HALB');
    expect(body.to_Plant.results[0]).toMatchObject({ ProcurementType: 'E', LotSizingProcedure: 'EX', MaterialRevisionLevel: 'B' });
    expect(body.to_Valuation.results[0].StandardPrice).toBe('0.00');
    expect(createPlantItemMapper.plantFromCanonical('P2', kit).Product).toBe('SEAL-250');
  });

  it('reads the plant\'s MRP controller and lot-sizing procedure back, leaving out a procedure it does not know', () => {
    const native = {
      Product: 'SEAL-250',
      ProductType: 'ROH',
      BaseUnit: 'PC',
      to_Plant: { results: [{ Product: 'SEAL-250', Plant: 'P1', ProcurementType: 'F', MaterialRevisionLevel: 'A', MRPResponsible: '101', LotSizingProcedure: 'WB' }] },
    };
    expect(plantItemMapper.toCanonical(native, 'P1')).toMatchObject({ mrpController: '101', lotSizing: 'weekly' });
    const fixed = { ...native, to_Plant: { results: [{ ...native.to_Plant.results[0], LotSizingProcedure: 'FX' }] } };
    expect(plantItemMapper.toCanonical(fixed, 'P1')!.lotSizing).toBeUndefined();
  });
});

describe('sameAsRequested', () => {
  const held: PlantItemDto = {
    plant: 'P1',
    itemNumber: 'SEAL-250',
    description: 'Shaft seal, HNBR',
    revision: 'A',
    unit: 'EA',
    procurementType: 'buy',
    standardCost: 4.8,
    currency: 'EUR',
    mrpController: '101',
    lotSizing: 'weekly',
  };

  it('is true for the same data, false when any of it differs', () => {
    expect(sameAsRequested(held, seal)).toBe(true);
    expect(sameAsRequested({ ...held, revision: 'B' }, seal)).toBe(true);
    expect(sameAsRequested(held, { ...seal, mrpController: '102' })).toBe(false);
    expect(sameAsRequested(held, { ...seal, standardPrice: 5 })).toBe(false);
    expect(sameAsRequested(held, { ...seal, lotSizing: 'monthly' })).toBe(false);
    expect(sameAsRequested({ ...held, procurementType: 'make' }, seal)).toBe(false);
  });

  it('takes a make item without a price as one at price 0', () => {
    const kit = { ...seal, sourcing: 'make' as const, procurementType: 'make' as const, standardPrice: undefined };
    expect(sameAsRequested({ ...held, procurementType: 'make', standardCost: 0 }, kit)).toBe(true);
    expect(sameAsRequested({ ...held, procurementType: 'make', standardCost: 12 }, kit)).toBe(false);
  });
});
