import { masterDataChangeMapper } from './master-data-change.mapper';
import { ErpMappingError } from './mapping-error';

const pointer = { ChangePointer: '00000000000000000042', ChangeDateTime: '/Date(1796083200123+0000)/', ObjectClass: 'BOM', Material: 'VALVE-300', Plant: 'P3' };

describe('masterDataChangeMapper', () => {
  it("maps a change pointer to the item, plant and ERP's change time", () => {
    expect(masterDataChangeMapper.fromChangePointer(pointer)).toEqual({ object: 'bom', itemNumber: 'VALVE-300', plant: 'P3', changedAt: '2026-12-01T00:00:00.123Z' });
  });

  it('reads an empty plant as plant-neutral (null) and an unknown object class as a change of the material', () => {
    expect(masterDataChangeMapper.fromChangePointer({ ...pointer, ObjectClass: 'CLASSIFICATION', Plant: '' })).toMatchObject({ object: 'material', plant: null });
  });

  it('refuses a pointer without its change time', () => {
    expect(() => masterDataChangeMapper.fromChangePointer({ ...pointer, ChangeDateTime: null })).toThrow(ErpMappingError);
  });
});
