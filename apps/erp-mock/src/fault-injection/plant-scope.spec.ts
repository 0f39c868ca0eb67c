import { plantScopeOf } from './plant-scope';

const BOM = '/sap/opu/odata/sap/API_BILL_OF_MATERIAL_SRV;v=0002/MaterialBOM';

describe('the fault scope of an S/4HANA request (its plant)', () => {
  it('reads the plant from $filter, however the query string is encoded', () => {
    const filter = "Material eq 'PUMP-100' and Plant eq 'P2' and BillOfMaterialVariant eq '1'";
    expect(plantScopeOf({ url: `${BOM}?$filter=${encodeURIComponent(filter)}` })).toBe('P2');
    expect(plantScopeOf({ url: `${BOM}?${new URLSearchParams({ $filter: filter }).toString()}` })).toBe('P2');
    const orders = `/sap/opu/odata/sap/API_PRODUCTION_ORDER_2_SRV/A_ProductionOrder_2?$filter=${encodeURIComponent("ProductionPlant eq 'P3'")}`;
    expect(plantScopeOf({ url: orders })).toBe('P3');
  });

  it('reads the plant from a key, and from the body of a deep insert', () => {
    expect(plantScopeOf({ url: "/sap/opu/odata/sap/API_PRODUCT_SRV/A_ProductPlant(Product='PUMP-100',Plant='P1')" })).toBe('P1');
    expect(plantScopeOf({ url: `/sap/opu/odata/sap/API_PRODUCT_SRV/${encodeURIComponent("A_ProductPlant(Product='X',Plant='P3')")}/to_Product` })).toBe('P3');
    expect(plantScopeOf({ url: "/sap/opu/odata/sap/API_PLANT_SRV/A_Plant('P2')" })).toBe('P2');
    expect(plantScopeOf({ url: BOM, body: { Material: 'PUMP-100', Plant: 'P1' } })).toBe('P1');
  });

  it("reads the plant from a function import's parameter and from a requisition's first item", () => {
    const whereUsed = `/sap/opu/odata/sap/API_BILL_OF_MATERIAL_SRV;v=0002/MaterialWhereUsed?${new URLSearchParams({ Material: "'SEAL-200'", Plant: "'P2'" }).toString()}`;
    expect(plantScopeOf({ url: whereUsed })).toBe('P2');
    const requisitions = '/sap/opu/odata/sap/API_PURCHASEREQ_PROCESS_SRV/A_PurchaseRequisitionHeader';
    expect(plantScopeOf({ url: requisitions, body: { to_PurchaseReqnItem: { results: [{ Material: 'SEAL-210', Plant: 'P3' }] } } })).toBe('P3');
    expect(plantScopeOf({ url: requisitions, body: { to_PurchaseReqnItem: [{ Material: 'SEAL-210', Plant: 'P1' }] } })).toBe('P1');
  });

  it('is undefined (the `*` profile) when the request names no plant', () => {
    expect(plantScopeOf({ url: "/sap/opu/odata/sap/API_PRODUCT_SRV/A_Product('PUMP-100')?$expand=to_Plant" })).toBeUndefined();
    expect(plantScopeOf({ url: '/sap/opu/odata/sap/API_PLANT_SRV/A_Plant?$top=500' })).toBeUndefined();
    // A property that merely ends in "Plant" names no plant.
    expect(plantScopeOf({ url: `${BOM}?$filter=${encodeURIComponent("SupplyingPlant eq 'P9'")}` })).toBeUndefined();
    expect(plantScopeOf({ url: '/sap/opu/odata/sap/%E0%A4%A/x' })).toBeUndefined();
    expect(plantScopeOf({ url: "/sap/opu/odata/sap/API_PRODUCTION_ORDER_2_SRV/A_ProductionOrder_2('1000003')", body: { OrderIsLocked: true } })).toBeUndefined();
  });
});
