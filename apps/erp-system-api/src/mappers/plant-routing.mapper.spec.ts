import { plantRoutingMapper } from './plant-routing.mapper';

const WORK_CENTERS = [
  { workCenter: 'CNC', plantWorkCenter: 'P3-CNC2', description: 'CNC' },
  { workCenter: 'CNC', plantWorkCenter: 'P3-CNC1', description: 'CNC' },
  { workCenter: 'ASSY', plantWorkCenter: 'P3-ASSY', description: 'Assembly' },
];

const native = (version: string, operation: string, workCenter: string, run: string, changeNumber = '', from = '/Date(1767225600000)/', to = '/Date(253402214400000)/') => ({
  __metadata: { id: 'x', uri: 'x', type: 'x' },
  ProductionRoutingOpIntVersion: version,
  ChangeNumber: changeNumber,
  ValidityStartDate: from,
  ValidityEndDate: to,
  Operation: operation,
  Material: 'X',
  Plant: 'P3',
  WorkCenter: workCenter,
  OperationText: 'Step',
  OperationReferenceQuantity: '1.000',
  StandardWorkQuantity1: '5.000',
  StandardWorkQuantityUnit1: 'MIN',
  StandardWorkQuantity2: run,
  StandardWorkQuantityUnit2: 'MIN',
});

describe('plantRoutingMapper', () => {
  it("maps a routing to a deep insert on the plant's first work centre of each kind, operations numbered 0010...", () => {
    const body = plantRoutingMapper.fromCanonical(
      'P3',
      {
        changeNumber: 'ECN-1',
        itemNumber: 'X',
        validFrom: '2027-01-04T00:00:00.000Z',
        operations: [
          { sequence: 20, description: 'Assembly', workCenter: 'ASSY', setupMinutes: 0, runMinutesPerUnit: 5 },
          { sequence: 10, description: 'Machining', workCenter: 'CNC', setupMinutes: 45, runMinutesPerUnit: 12.5 },
        ],
      },
      WORK_CENTERS,
    );
    expect(body).toMatchObject({ Material: 'X', Plant: 'P3', ChangeNumber: 'ECN-1', ValidityStartDate: `/Date(${Date.parse('2027-01-04T00:00:00Z')})/` });
    expect(body.to_Operation.results.map((o) => [o.Operation, o.WorkCenter, o.StandardWorkQuantity2])).toEqual([
      ['0010', 'P3-CNC1', '12.5'],
      ['0020', 'P3-ASSY', '5'],
    ]);
  });

  it('refuses a work centre kind the plant has none of, naming plant, work centre and operation', () => {
    const routing = { changeNumber: 'ECN-1', itemNumber: 'X', validFrom: '2027-01-04T00:00:00.000Z', operations: [{ sequence: 30, description: 'Paint', workCenter: 'PAINT', setupMinutes: 0, runMinutesPerUnit: 1 }] };
    expect(() => plantRoutingMapper.fromCanonical('P3', routing, WORK_CENTERS)).toThrow(expect.objectContaining({ code: 'PLANT_WORK_CENTER_UNKNOWN', extensions: expect.objectContaining({ plant: 'P3', workCenter: 'PAINT', operation: 30 }) }));
  });

  it('groups operations into versions, oldest first, with their kinds, change number and open or closed validity', () => {
    const versions = plantRoutingMapper.toCanonical(
      'P3',
      'X',
      [native('2', '0010', 'P3-CNC2', '7.000', 'ECN-1', '/Date(1798934400000)/'), native('1', '0010', 'P3-CNC1', '8.000', '', '/Date(1767225600000)/', '/Date(1798934400000)/')],
      WORK_CENTERS,
    );
    expect(versions.map((v) => [v.changeNumber, v.validFrom, v.validTo, v.operations[0].workCenter, v.operations[0].plantWorkCenter, v.operations[0].runMinutesPerUnit])).toEqual([
      [null, '2026-01-01T00:00:00.000Z', '2027-01-03T00:00:00.000Z', 'CNC', 'P3-CNC1', 8],
      ['ECN-1', '2027-01-03T00:00:00.000Z', null, 'CNC', 'P3-CNC2', 7],
    ]);
  });
});
