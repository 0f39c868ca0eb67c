import { BomDto, ItemDto, ItemRevisionDto } from '@threadline/canonical';
import { toProblem } from '@threadline/platform';
import { BomExplosionError, BomSource, explodeBom } from './explode-bom';

function anItem(number: string, sourcing: 'make' | 'buy', revisions: Array<Partial<ItemRevisionDto>> = [{}]): ItemDto {
  const revs = revisions.map((r) => ({ itemNumber: number, revision: 'A', state: 'RELEASED' as const, releasedAt: '2025-06-02T08:00:00.000Z', changeNumber: null, ...r }));
  return { number, name: number, unit: 'EA', sourcing, latestReleasedRevision: null, revisions: revs };
}

function source(items: ItemDto[], boms: Record<string, Array<[string, number, string?]>>, effectivity: Record<string, string> = {}): BomSource {
  const byNumber = new Map(items.map((i) => [i.number, i]));
  return {
    item: async (n) => byNumber.get(n)!,
    bom: async (n, r): Promise<BomDto> => ({
      itemNumber: n,
      revision: r,
      lines: (boms[`${n}/${r}`] ?? []).map(([c, q, u], i) => ({ findNumber: (i + 1) * 10, componentNumber: c, quantity: q, unit: (u ?? 'EA') as 'EA' })),
    }),
    effectiveFrom: async (rev) => {
      const release = rev.releasedAt ? new Date(rev.releasedAt) : null;
      const start = rev.changeNumber ? effectivity[rev.changeNumber] : undefined;
      return release && start && new Date(start) > release ? new Date(start) : release;
    },
  };
}

const AT = new Date('2026-06-01T00:00:00.000Z');

describe('explodeBom', () => {
  it('walks make components level by level, multiplying quantities, and stops at buy components', async () => {
    const items = [anItem('TOP', 'make'), anItem('SUB', 'make'), anItem('LEAF', 'buy'), anItem('RAW', 'buy')];
    const boms = { 'TOP/A': [['SUB', 2], ['LEAF', 3]] as Array<[string, number]>, 'SUB/A': [['RAW', 1.5, 'KG'], ['LEAF', 4]] as Array<[string, number, string?]> };
    const result = await explodeBom('TOP', 'A', AT, source(items, boms));
    expect(result.depth).toBe(2);
    expect(result.lines.map((l) => [l.level, l.path.join('>'), l.quantity, l.quantityPerTop, l.unit])).toEqual([
      [1, 'TOP>SUB', 2, 2, 'EA'],
      [2, 'TOP>SUB>RAW', 1.5, 3, 'KG'],
      [2, 'TOP>SUB>LEAF', 4, 8, 'EA'],
      [1, 'TOP>LEAF', 3, 3, 'EA'],
    ]);
  });

  it('uses the highest revision effective at the given time: released, and its change effective', async () => {
    const sub = anItem('SUB', 'make', [
      { revision: 'A', state: 'SUPERSEDED' },
      { revision: 'B', state: 'RELEASED', releasedAt: '2026-05-01T00:00:00.000Z', changeNumber: 'ECN-1' },
    ]);
    const items = [anItem('TOP', 'make'), sub, anItem('OLD', 'buy'), anItem('NEW', 'buy')];
    const boms = { 'TOP/A': [['SUB', 1]] as Array<[string, number]>, 'SUB/A': [['OLD', 1]] as Array<[string, number]>, 'SUB/B': [['NEW', 1]] as Array<[string, number]> };
    const before = await explodeBom('TOP', 'A', AT, source(items, boms, { 'ECN-1': '2026-12-01T00:00:00.000Z' }));
    expect(before.lines.map((l) => `${l.componentNumber}@${l.revision}`)).toEqual(['SUB@A', 'OLD@A']);
    const after = await explodeBom('TOP', 'A', new Date('2026-12-02T00:00:00.000Z'), source(items, boms, { 'ECN-1': '2026-12-01T00:00:00.000Z' }));
    expect(after.lines.map((l) => `${l.componentNumber}@${l.revision}`)).toEqual(['SUB@B', 'NEW@A']);
    const beforeAnyRelease = await explodeBom('TOP', 'A', new Date('2020-01-01T00:00:00.000Z'), source(items, boms));
    expect(beforeAnyRelease.lines).toEqual([expect.objectContaining({ componentNumber: 'SUB', revision: null })]);
  });

  it('refuses a cycle with a coded 422', async () => {
    const items = [anItem('TOP', 'make'), anItem('LOOP', 'make')];
    const boms = { 'TOP/A': [['LOOP', 1]] as Array<[string, number]>, 'LOOP/A': [['TOP', 1]] as Array<[string, number]> };
    await expect(explodeBom('TOP', 'A', AT, source(items, boms)).catch(toProblem)).resolves.toMatchObject({ code: 'BOM_CYCLE', status: 422 });
    await expect(explodeBom('TOP', 'A', AT, source(items, boms))).rejects.toBeInstanceOf(BomExplosionError);
  });
});
