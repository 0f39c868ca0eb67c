import { buildDemoFamily, FAMILY_BORROWED_PARTS, FAMILY_MARKER, partKind } from './demo-family';
import { buildFamilyOrders, FAMILY_FIRST_ORDER_NUMBER, FamilyOrderState, ORDERS_PER_STATE, plantProducts } from './family-orders';
import { buildFamilyRoutings } from './family-routings';
import { buildFamilyStock, FAMILY_SHORTAGES } from './family-stock';
import { DEMO_PLANTS } from './plants';

describe('the demo product family', () => {
  const family = buildDemoFamily();
  const byNumber = new Map(family.parts.map((p) => [p.number, p]));
  const children = (parent: string) => family.uses.filter((u) => u.parent === parent).map((u) => u.child);
  /** Levels below and including `number`; throws on a cycle. */
  const depth = (number: string, seen: string[] = []): number => {
    if (seen.includes(number)) throw new Error(`cycle through ${[...seen, number].join(' > ')}`);
    return 1 + Math.max(0, ...children(number).map((c) => depth(c, [...seen, number])));
  };
  const topLevel = family.parts.filter((p) => p.source === 'make' && !family.uses.some((u) => u.child === p.number));

  it('is deterministic, a few hundred parts with unique numbers, every BOM line between known parts', () => {
    expect(buildDemoFamily()).toEqual(family);
    expect(family.parts.length).toBeGreaterThanOrEqual(250);
    expect(family.parts.length).toBeLessThanOrEqual(500);
    expect(byNumber.size).toBe(family.parts.length);
    expect(byNumber.get(FAMILY_MARKER)).toMatchObject({ source: 'make' });
    const known = (n: string) => byNumber.has(n) || FAMILY_BORROWED_PARTS.includes(n);
    expect(family.uses.filter((u) => !byNumber.has(u.parent) || !known(u.child))).toEqual([]);
    expect(family.uses.filter((u) => !(u.quantity > 0))).toEqual([]);
  });

  it('reaches six levels from a skid and four from a pump, with no cycles', () => {
    expect(topLevel.map((p) => p.number).sort()).toEqual(['SKID-7100', 'SKID-7200', 'SKID-7300', 'SKID-7400', 'SKID-7500', 'SKID-7600']);
    for (const skid of topLevel) expect(depth(skid.number)).toBe(6);
    const pumps = family.parts.filter((p) => partKind(p.number) === 'PUMP');
    expect(pumps).toHaveLength(12);
    for (const pump of pumps) expect(depth(pump.number)).toBe(4);
    // Every make part is reachable without meeting itself (depth throws on a cycle).
    for (const part of family.parts.filter((p) => p.source === 'make')) expect(depth(part.number)).toBeGreaterThan(1);
  });

  it('shares components across products', () => {
    const productsUsing = (child: string): Set<string> => {
      const result = new Set<string>();
      const walk = (n: string) => {
        for (const u of family.uses.filter((x) => x.child === n)) {
          if (partKind(u.parent) === 'PUMP' || partKind(u.parent) === 'SKID') result.add(u.parent);
          walk(u.parent);
        }
      };
      walk(child);
      return result;
    };
    const pumps = (child: string) => [...productsUsing(child)].filter((p) => p.startsWith('PUMP-'));
    expect(pumps('GASKET-DN65').length).toBeGreaterThan(1);
    expect(pumps('BAR-14021-D20').length).toBeGreaterThan(1);
    expect([...productsUsing('BOLT-M8')].filter((p) => p.startsWith('SKID-'))).toHaveLength(6);
    // A pump model is built into a skid and sold on its own.
    expect(family.uses.filter((u) => u.child === 'PUMP-2010').map((u) => u.parent)).toEqual(['PUMPUNIT-7120']);
    const sharedBuyParts = family.parts.filter((p) => p.source === 'buy' && new Set(family.uses.filter((u) => u.child === p.number).map((u) => u.parent)).size > 1);
    expect(sharedBuyParts.length).toBeGreaterThan(20);
  });

  it('gives every make part a routing on CNC, ASSY or TEST, numbered 10, 20, ..., and no buy part one', () => {
    const routings = buildFamilyRoutings(family);
    expect(buildFamilyRoutings(family)).toEqual(routings);
    const routed = new Set(routings.map((o) => o.item));
    expect(family.parts.filter((p) => p.source === 'make' && !routed.has(p.number))).toEqual([]);
    expect(family.parts.filter((p) => p.source === 'buy' && routed.has(p.number))).toEqual([]);
    for (const item of routed) {
      expect(routings.filter((o) => o.item === item).map((o) => o.sequence)).toEqual(routings.filter((o) => o.item === item).map((_, i) => (i + 1) * 10));
    }
    expect(new Set(routings.map((o) => o.workCentreType))).toEqual(new Set(['CNC', 'ASSY', 'TEST']));
    expect(routings.every((o) => o.setupMinutes >= 0 && o.runMinutesPerUnit > 0)).toBe(true);
  });

  it('has an order book of a few hundred orders, numbered from 2000001, in every state in every plant, on what the plant builds', () => {
    const orders = buildFamilyOrders(family);
    expect(buildFamilyOrders(family)).toEqual(orders);
    expect(orders.length).toBeGreaterThanOrEqual(200);
    expect(orders.map((o) => Number(o.number))).toEqual(orders.map((_, i) => FAMILY_FIRST_ORDER_NUMBER + i));
    for (const plant of DEMO_PLANTS) {
      const own = orders.filter((o) => o.plant === plant.code);
      const builds = new Set(plantProducts(plant, family).map((p) => p.number));
      expect(own.filter((o) => !builds.has(o.item))).toEqual([]);
      for (const state of Object.keys(ORDERS_PER_STATE) as FamilyOrderState[]) {
        const inState = own.filter((o) => o.state === state);
        expect([plant.code, state, inState.length]).toEqual([plant.code, state, ORDERS_PER_STATE[state]]);
      }
      // Top-level products and sub-assemblies both appear.
      expect(own.some((o) => ['SKID', 'PUMPUNIT', 'PUMP'].includes(partKind(o.item)))).toBe(true);
      expect(own.some((o) => ['HOUSING', 'ROTOR', 'SHAFT', 'IMPELLER', 'BRGHSG', 'FRAME', 'PANEL'].includes(partKind(o.item)))).toBe(true);
    }
    expect(orders.filter((o) => o.state === 'on-hold' && !o.hold)).toEqual([]);
    expect(orders.filter((o) => o.state !== 'on-hold' && o.hold)).toEqual([]);
    expect(orders.filter((o) => !(o.quantity > 0) || o.durationDays < 1)).toEqual([]);
  });

  it('stocks bought parts only, except the few each plant has run out of', () => {
    const stock = buildFamilyStock(family);
    for (const plant of DEMO_PLANTS) {
      const own = stock.filter((s) => s.plant === plant.code);
      const buy = family.parts.filter((p) => p.source === 'buy').map((p) => p.number);
      expect(FAMILY_SHORTAGES[plant.code].every((n) => buy.includes(n))).toBe(true);
      expect(own.map((s) => s.item).sort()).toEqual(buy.filter((n) => !FAMILY_SHORTAGES[plant.code].includes(n)).sort());
      expect(own.every((s) => s.quantity > 0)).toBe(true);
    }
  });
});
