import { LIST_LIMITS } from '@threadline/canonical';
import { BackendLimitExceededError } from '@threadline/platform';
import { routingOperationMapper, supplierMapper, whereUsedMapper, whereUsedTotalsMapper } from './structure.mapper';

describe('whereUsedMapper', () => {
  it('maps a MaterialWhereUsed result, the path from the component up to the parent', () => {
    expect(
      whereUsedMapper.toCanonical({
        Material: 'PUMP-100',
        Plant: 'P1',
        BOMHeaderRevisionLevel: 'A',
        BillOfMaterialComponent: 'CASTING-111',
        WhereUsedLevel: 2,
        ComponentQuantityInParent: '1.000',
        WhereUsedPath: 'CASTING-111/HOUSING-110/PUMP-100',
      }),
    ).toEqual({ parentItemNumber: 'PUMP-100', parentRevision: 'A', level: 2, quantityPer: 1, path: ['CASTING-111', 'HOUSING-110', 'PUMP-100'] });
  });

  it('maps a path as deep as an explosion may go, and refuses (502) a deeper one rather than cut it', () => {
    const pathOf = (items: number) => Array.from({ length: items }, (_, i) => `ASSY-${i}`);
    const result = (items: number) => ({
      Material: `ASSY-${items - 1}`,
      Plant: 'P1',
      BOMHeaderRevisionLevel: 'A',
      BillOfMaterialComponent: 'ASSY-0',
      WhereUsedLevel: items - 1,
      ComponentQuantityInParent: '1.000',
      WhereUsedPath: pathOf(items).join('/'),
    });
    expect(whereUsedMapper.toCanonical(result(LIST_LIMITS.whereUsedPathItems)).path).toEqual(pathOf(LIST_LIMITS.whereUsedPathItems));
    expect(() => whereUsedMapper.toCanonical(result(LIST_LIMITS.whereUsedPathItems + 1))).toThrow(BackendLimitExceededError);
    expect(() => whereUsedMapper.toCanonical(result(LIST_LIMITS.whereUsedPathItems + 1))).toThrow(/where-used path of ASSY-26: 27 entries, more than the 26/);
  });
});

describe('routingOperationMapper', () => {
  const anOperation = {
    Operation: '0010',
    Material: 'PUMP-100',
    Plant: 'P1',
    WorkCenter: 'P1-ASSY',
    OperationText: 'Assembly',
    OperationReferenceQuantity: '10.000',
    StandardWorkQuantity1: '30.000',
    StandardWorkQuantityUnit1: 'MIN',
    StandardWorkQuantity2: '200.000',
    StandardWorkQuantityUnit2: 'MIN',
  };

  it('maps an operation, run time per one unit of the reference quantity', () => {
    expect(routingOperationMapper.toCanonical(anOperation)).toEqual({ sequence: 10, workCentre: 'P1-ASSY', description: 'Assembly', setupMinutes: 30, runMinutesPerUnit: 20 });
  });

  it('refuses times that are not in minutes', () => {
    expect(() => routingOperationMapper.toCanonical({ ...anOperation, StandardWorkQuantityUnit2: 'H' })).toThrow(/not minutes/);
  });
});

describe('supplierMapper', () => {
  it('maps an A_Supplier', () => {
    expect(supplierMapper.toCanonical({ Supplier: '17300001', SupplierName: 'Dichtungstechnik Weber GmbH', Country: 'DE' })).toEqual({
      id: '17300001',
      name: 'Dichtungstechnik Weber GmbH',
      country: 'DE',
    });
  });
});

describe('whereUsedTotalsMapper', () => {
  const native = { Material: 'HOUSING-110', Plant: 'P1', PathCount: 1651, AssemblyCount: 1650, TopLevelAssemblyCount: 125, DeepestLevel: 10 };

  it('maps a MaterialWhereUsedSummary result to the item\'s totals', () => {
    expect(whereUsedTotalsMapper.toCanonical(native)).toEqual({ itemNumber: 'HOUSING-110', paths: 1651, assemblies: 1650, topLevelAssemblies: 125, deepestLevel: 10 });
  });

  it('refuses (ERP_UNMAPPABLE_DATA) a count that is not one', () => {
    expect(() => whereUsedTotalsMapper.toCanonical({ ...native, PathCount: -1 })).toThrow(expect.objectContaining({ code: 'ERP_UNMAPPABLE_DATA' }));
    expect(() => whereUsedTotalsMapper.toCanonical({ ...native, DeepestLevel: 'x' as unknown as number })).toThrow(expect.objectContaining({ code: 'ERP_UNMAPPABLE_DATA' }));
  });
});
