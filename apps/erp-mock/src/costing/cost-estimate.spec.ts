import { rollUp } from './cost-estimate.service';

const make = (price: number, conversionCost: number) => ({ make: true, price, conversionCost });
const buy = (price: number) => ({ make: false, price, conversionCost: 0 });

describe('rollUp (cost estimate of a multi-level BOM)', () => {
  const valuations = new Map([
    ['PUMP', make(100, 10)],
    ['HOUSING', make(50, 20)],
    ['CASTING', buy(25)],
    ['SEAL', buy(4.1)],
    ['MOTOR', make(60, 0)],
  ]);

  it('takes bought components at standard price and made ones at their own roll-up plus their conversion share', () => {
    const lines = [
      { parent: 'PUMP', component: 'HOUSING', quantity: 1 },
      { parent: 'PUMP', component: 'SEAL', quantity: 2 },
      { parent: 'PUMP', component: 'MOTOR', quantity: 1 },
      { parent: 'HOUSING', component: 'CASTING', quantity: 1.2 },
    ];
    // HOUSING: 1.2 x 25 + 20 = 50; MOTOR has no BOM: its standard 60; material 50 + 8.2 + 60.
    expect(rollUp('PUMP', lines, valuations)).toEqual({ materialCost: 118.2, conversionCost: 10, total: 128.2 });
  });

  it('stops at a component that repeats an ancestor instead of looping', () => {
    const lines = [
      { parent: 'PUMP', component: 'HOUSING', quantity: 1 },
      { parent: 'HOUSING', component: 'PUMP', quantity: 1 },
    ];
    // HOUSING's PUMP is on its own path: costed at PUMP's standard price, 100; HOUSING = 100 + 20.
    expect(rollUp('PUMP', lines, valuations).materialCost).toBe(120);
  });

  it('refuses a component without a valuation in the plant', () => {
    expect(() => rollUp('PUMP', [{ parent: 'PUMP', component: 'GHOST', quantity: 1 }], valuations)).toThrow(/GHOST has no valuation/);
  });
});
