import { SapMaterialStock } from '../connector/s4hana-native';
import { inventoryMapper } from './inventory.mapper';
import { ErpMappingError } from './mapping-error';

/** As API_MATERIAL_STOCK_SRV returns one A_MatlStkInAcctMod row. */
function aStockRow(overrides: Partial<SapMaterialStock> = {}): SapMaterialStock {
  return {
    __metadata: {
      uri: "http://erp:4102/sap/opu/odata/sap/API_MATERIAL_STOCK_SRV/A_MatlStkInAcctMod(Material='SEAL-200',Plant='P1',StorageLocation='0001',Batch='B2026-10',Supplier='',Customer='',WBSElementInternalID='00000000',SDDocument='',SDDocumentItem='000000',InventorySpecialStockType='',InventoryStockType='01')",
      type: 'API_MATERIAL_STOCK_SRV.A_MatlStkInAcctModType',
    },
    Material: 'SEAL-200',
    Plant: 'P1',
    StorageLocation: '0001',
    Batch: 'B2026-10',
    InventoryStockType: '01',
    MatlWrhsStkQtyInMatlBaseUnit: '140.000',
    MaterialBaseUnit: 'PC',
    ...overrides,
  };
}

describe('inventoryMapper', () => {
  it('maps a stock row to a canonical inventory position', () => {
    expect(inventoryMapper.toCanonical(aStockRow())).toEqual({
      plant: 'P1',
      itemNumber: 'SEAL-200',
      location: '0001',
      lot: 'B2026-10',
      stockType: 'unrestricted',
      quantity: 140,
      unit: 'EA',
    });
  });

  it('maps stock types 02 and 07, an empty batch to no lot, and refuses an unknown stock type', () => {
    expect(inventoryMapper.toCanonical(aStockRow({ InventoryStockType: '02', Batch: '' }))).toMatchObject({ stockType: 'quality-inspection', lot: null });
    expect(inventoryMapper.toCanonical(aStockRow({ InventoryStockType: '07' })).stockType).toBe('blocked');
    expect(() => inventoryMapper.toCanonical(aStockRow({ InventoryStockType: '04' }))).toThrow(ErpMappingError);
  });
});
