import { buildDemoFamily } from './demo-family';
import { DEMO_PARTS, DEMO_USES } from './demo-world';
import { buildDemoDocuments } from './demo-documents';

const ITEM_NUMBER = /^[A-Z0-9][A-Z0-9._-]{0,39}$/;

describe('the demo product family', () => {
  const family = buildDemoFamily();
  const all = [...DEMO_PARTS, ...family.parts];
  const byNumber = new Map(all.map((p) => [p.number, p]));

  it('is deterministic and adds a few hundred parts with unique, valid numbers that leave the original world alone', () => {
    expect(buildDemoFamily()).toEqual(family);
    expect(family.parts.length).toBeGreaterThanOrEqual(250);
    expect(new Set(all.map((p) => p.number)).size).toBe(all.length);
    expect(all.every((p) => ITEM_NUMBER.test(p.number))).toBe(true);
    const original = new Set(DEMO_PARTS.map((p) => p.number));
    expect(family.uses.filter((u) => original.has(u.parent))).toEqual([]);
  });

  it('links only existing parts, gives every make part a structure and no buy part one, and has no cycles', () => {
    const uses = [...DEMO_USES, ...family.uses];
    expect(uses.filter((u) => !byNumber.has(u.parent) || !byNumber.has(u.child))).toEqual([]);
    const parents = new Set(family.uses.map((u) => u.parent));
    expect(family.parts.filter((p) => p.source === 'make' && !parents.has(p.number))).toEqual([]);
    expect(family.parts.filter((p) => p.source === 'buy' && parents.has(p.number))).toEqual([]);
    const depth = (number: string, seen: string[] = []): number => {
      if (seen.includes(number)) throw new Error(`cycle through ${[...seen, number].join(' > ')}`);
      const children = uses.filter((u) => u.parent === number).map((u) => u.child);
      return 1 + Math.max(0, ...children.map((c) => depth(c, [...seen, number])));
    };
    const skids = family.parts.filter((p) => p.number.startsWith('SKID-'));
    expect(skids).toHaveLength(6);
    for (const skid of skids) expect(depth(skid.number)).toBe(6);
    expect(depth('PUMP-2010')).toBe(4);
  });

  it('shares standard parts across products', () => {
    const parentsOf = (child: string) => new Set(family.uses.filter((u) => u.child === child).map((u) => u.parent));
    expect(parentsOf('BOLT-M8').size).toBe(6);
    expect(parentsOf('GASKET-DN65').size).toBeGreaterThan(1);
  });

  it('has documents that reference existing parts only', () => {
    const docs = buildDemoDocuments();
    expect(new Set(docs.map((d) => d.number)).size).toBe(docs.length);
    expect(docs.flatMap((d) => d.parts).filter((p) => !byNumber.has(p))).toEqual([]);
  });
});
