import { operationChangeFromCanonical, operationChangeToCanonical, routingToCanonical } from './process-plan.mapper';

const op = (OperationNumber: string, WorkCenter: string, SetupTime: number, RunTime: number, unit = 'min') => ({
  OperationNumber,
  Label: `Step ${OperationNumber}`,
  WorkCenter,
  SetupTime,
  RunTime,
  TimeUnit: { Value: unit, Display: unit },
});

describe('process plan mapper', () => {
  it('maps a process plan to the routing of the part version, in sequence order, times in minutes', () => {
    const routing = routingToCanonical({
      ID: 'OR:x:1',
      Number: 'PP-HOUSING-2051',
      PartNumber: 'HOUSING-2051',
      PartVersion: 'B',
      Operations: [op('0020', 'ASSY', 0, 5), op('0010', 'CNC', 0.75, 0.25, 'h')],
    });
    expect(routing).toEqual({
      itemNumber: 'HOUSING-2051',
      revision: 'B',
      operations: [
        { sequence: 10, description: 'Step 0010', workCenter: 'CNC', setupMinutes: 45, runMinutesPerUnit: 15 },
        { sequence: 20, description: 'Step 0020', workCenter: 'ASSY', setupMinutes: 0, runMinutesPerUnit: 5 },
      ],
    });
  });

  it('refuses an unknown time unit and an operation number that is no position (PLM_UNMAPPED_VALUE)', () => {
    const plan = (o: ReturnType<typeof op>) => ({ ID: 'x', Number: 'PP', PartNumber: 'X', PartVersion: 'A', Operations: [o] });
    expect(() => routingToCanonical(plan(op('0010', 'CNC', 1, 1, 'd')))).toThrow(/TimeUnit 'd'/);
    expect(() => routingToCanonical(plan(op('OP-A', 'CNC', 1, 1)))).toThrow(/OperationNumber 'OP-A'/);
  });

  it('maps operation changes both ways, leaving out the fields a change does not name', () => {
    const native = operationChangeFromCanonical({ action: 'update', sequence: 20, workCenter: 'CNC', runMinutesPerUnit: 7 });
    expect(native).toEqual({ Action: 'Update', OperationNumber: '0020', Label: null, WorkCenter: 'CNC', SetupTime: null, RunTime: 7 });
    expect(operationChangeToCanonical(native)).toEqual({ action: 'update', sequence: 20, workCenter: 'CNC', runMinutesPerUnit: 7 });
    expect(operationChangeToCanonical({ Action: 'Remove', OperationNumber: '0030', Label: null, WorkCenter: null, SetupTime: null, RunTime: null })).toEqual({
      action: 'remove',
      sequence: 30,
    });
  });
});
