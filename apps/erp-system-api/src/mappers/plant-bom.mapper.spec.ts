import { ApplyPlantBomDto } from '@threadline/canonical';
import { SapMaterialBom } from '../connector/s4hana-native';
import { plantBomMapper } from './plant-bom.mapper';

/** As API_BILL_OF_MATERIAL_SRV;v=0002 returns it with $expand=to_BillOfMaterialItem. */
function aMaterialBom(overrides: Partial<SapMaterialBom> = {}): SapMaterialBom {
  const key = "BillOfMaterial='00000001',BillOfMaterialCategory='M',BillOfMaterialVariant='1',BillOfMaterialVersion='',EngineeringChangeDocument='ECN-000042',Material='PUMP-100',Plant='P1'";
  return {
    __metadata: {
      id: `http://erp:4102/sap/opu/odata/sap/API_BILL_OF_MATERIAL_SRV;v=0002/MaterialBOM(${key})`,
      uri: `http://erp:4102/sap/opu/odata/sap/API_BILL_OF_MATERIAL_SRV;v=0002/MaterialBOM(${key})`,
      type: 'API_BILL_OF_MATERIAL_SRV.MaterialBOMType',
    },
    BillOfMaterial: '00000001',
    BillOfMaterialCategory: 'M',
    BillOfMaterialVariant: '1',
    EngineeringChangeDocument: 'ECN-000042',
    Material: 'PUMP-100',
    Plant: 'P1',
    BOMHeaderRevisionLevel: 'B',
    BOMHeaderBaseUnit: 'PC',
    ValidityStartDate: '/Date(1796083200000)/',
    ValidityEndDate: '/Date(253402214400000)/',
    to_BillOfMaterialItem: {
      results: [
        { BillOfMaterialItemNumber: '0040', BillOfMaterialItemCategory: 'L', BillOfMaterialComponent: 'SEAL-210', BillOfMaterialItemQuantity: '2.000', BillOfMaterialItemUnit: 'PC' },
        { BillOfMaterialItemNumber: '0010', BillOfMaterialItemCategory: 'L', BillOfMaterialComponent: 'HOUSING-110', BillOfMaterialItemQuantity: '1.000', BillOfMaterialItemUnit: 'PC' },
      ],
    },
    ...overrides,
  };
}

function anApplyPlantBom(overrides: Partial<ApplyPlantBomDto> = {}): ApplyPlantBomDto {
  return Object.assign(new ApplyPlantBomDto(), {
    itemNumber: 'PUMP-100',
    revision: 'B',
    changeNumber: 'ECN-000042',
    validFrom: '2026-12-01T09:30:00.000Z',
    lines: [
      { findNumber: 10, componentNumber: 'HOUSING-110', quantity: 1, unit: 'EA' },
      { findNumber: 40, componentNumber: 'SEAL-210', quantity: 2, unit: 'EA' },
    ],
    ...overrides,
  });
}

describe('plantBomMapper', () => {
  it('maps a MaterialBOM with items to a canonical plant BOM: open validity, find numbers, EA', () => {
    expect(plantBomMapper.toCanonical(aMaterialBom())).toEqual({
      plant: 'P1',
      itemNumber: 'PUMP-100',
      revision: 'B',
      validFrom: '2026-12-01T00:00:00.000Z',
      validTo: null,
      changeNumber: 'ECN-000042',
      lines: [
        { findNumber: 10, componentNumber: 'HOUSING-110', quantity: 1, unit: 'EA' },
        { findNumber: 40, componentNumber: 'SEAL-210', quantity: 2, unit: 'EA' },
      ],
    });
  });

  it('maps a closed version and a BOM without change number', () => {
    const bom = plantBomMapper.toCanonical(aMaterialBom({ EngineeringChangeDocument: '', ValidityEndDate: '/Date(1796083200000)/' }));
    expect(bom.validTo).toBe('2026-12-01T00:00:00.000Z');
    expect(bom.changeNumber).toBeNull();
  });

  it('builds the MaterialBOM deep insert from a canonical BOM: day-precise validity, 4-digit items, PC, decimals as strings', () => {
    expect(plantBomMapper.fromCanonical('P1', anApplyPlantBom())).toEqual({
      Material: 'PUMP-100',
      Plant: 'P1',
      BillOfMaterialCategory: 'M',
      BillOfMaterialVariant: '1',
      BillOfMaterialVariantUsage: '1',
      EngineeringChangeDocument: 'ECN-000042',
      BOMHeaderRevisionLevel: 'B',
      BOMHeaderQuantityInBaseUnit: '1.000',
      ValidityStartDate: '/Date(1796083200000)/',
      to_BillOfMaterialItem: {
        results: [
          { BillOfMaterialItemNumber: '0010', BillOfMaterialItemCategory: 'L', BillOfMaterialComponent: 'HOUSING-110', BillOfMaterialItemQuantity: '1.000', BillOfMaterialItemUnit: 'PC' },
          { BillOfMaterialItemNumber: '0040', BillOfMaterialItemCategory: 'L', BillOfMaterialComponent: 'SEAL-210', BillOfMaterialItemQuantity: '2.000', BillOfMaterialItemUnit: 'PC' },
        ],
      },
    });
  });

  it('round-trips: what it writes reads back as the same lines', () => {
    const written = plantBomMapper.fromCanonical('P1', anApplyPlantBom());
    const readBack = plantBomMapper.toCanonical(
      aMaterialBom({ to_BillOfMaterialItem: written.to_BillOfMaterialItem, ValidityStartDate: written.ValidityStartDate }),
    );
    expect(readBack.lines).toEqual(anApplyPlantBom().lines);
    expect(readBack.validFrom).toBe('2026-12-01T00:00:00.000Z');
  });
});
