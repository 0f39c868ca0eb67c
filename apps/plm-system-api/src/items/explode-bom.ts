import { BomDto, ExplodedBomDto, ExplodedBomLineDto, ItemDto, ItemRevisionDto } from '@threadline/canonical';
import { AppError, defineErrorCodes } from '@threadline/platform';

/** What the explosion reads, one call per object; the caller memoises and batches. */
export interface BomSource {
  item(itemNumber: string): Promise<ItemDto>;
  bom(itemNumber: string, revision: string): Promise<BomDto>;
  /** When a revision became production-effective: its change's effectivity start, never before its release. */
  effectiveFrom(revision: ItemRevisionDto): Promise<Date | null>;
}

export const MAX_BOM_DEPTH = 25;
export const MAX_BOM_LINES = 10_000;

export const BOM_EXPLOSION_ERRORS = defineErrorCodes({
  BOM_CYCLE: { status: 422, title: 'The BOM contains a cycle', description: 'An item is its own component, directly or further down (`path` names the cycle)' },
  BOM_TOO_LARGE: { status: 422, title: 'The BOM is too large to explode', description: `The structure is deeper than ${MAX_BOM_DEPTH} levels or has more than ${MAX_BOM_LINES} lines` },
});

export class BomExplosionError extends AppError<keyof typeof BOM_EXPLOSION_ERRORS> {}

/** Quantities multiply along a path; rounding to 6 decimals keeps 0.1 * 3 from printing as 0.30000000000000004. */
function multiply(a: number, b: number): number {
  return Math.round(a * b * 1e6) / 1e6;
}

/**
 * The revision of an item effective at `at`: of the revisions ever released (RELEASED or since
 * SUPERSEDED), the highest whose effectivity has started by then.
 */
export async function effectiveRevision(item: ItemDto, at: Date, source: BomSource): Promise<ItemRevisionDto | null> {
  let chosen: ItemRevisionDto | null = null;
  for (const revision of item.revisions) {
    if (revision.state !== 'RELEASED' && revision.state !== 'SUPERSEDED') continue;
    const from = await source.effectiveFrom(revision);
    if (from && from.getTime() <= at.getTime()) chosen = revision;
  }
  return chosen;
}

/**
 * A multi-level BOM: the top revision as asked, then each component at its revision effective
 * at `at`; make components are exploded further, buy components are leaves. Depth first, in
 * find-number order. A component that appears in its own path is a cycle (422).
 */
export async function explodeBom(itemNumber: string, revision: string, at: Date, source: BomSource): Promise<ExplodedBomDto> {
  const lines: ExplodedBomLineDto[] = [];
  let depth = 0;

  const walk = async (bom: BomDto, path: string[], factor: number): Promise<void> => {
    const level = path.length;
    if (level > MAX_BOM_DEPTH) throw new BomExplosionError('BOM_TOO_LARGE', `More than ${MAX_BOM_DEPTH} levels below ${itemNumber}`, { path });
    const resolved = await Promise.all(
      bom.lines.map(async (line) => {
        const item = await source.item(line.componentNumber);
        return { line, item, revision: await effectiveRevision(item, at, source) };
      }),
    );
    for (const { line, item, revision: used } of resolved) {
      const linePath = [...path, line.componentNumber];
      if (path.includes(line.componentNumber)) {
        throw new BomExplosionError('BOM_CYCLE', `${line.componentNumber} contains itself: ${linePath.join(' > ')}`, { path: linePath });
      }
      const quantityPerTop = multiply(factor, line.quantity);
      lines.push({
        level,
        path: linePath,
        findNumber: line.findNumber,
        componentNumber: line.componentNumber,
        revision: used?.revision ?? null,
        sourcing: item.sourcing,
        quantity: line.quantity,
        quantityPerTop,
        unit: line.unit,
      });
      if (lines.length > MAX_BOM_LINES) throw new BomExplosionError('BOM_TOO_LARGE', `More than ${MAX_BOM_LINES} lines below ${itemNumber}`);
      depth = Math.max(depth, level);
      if (item.sourcing === 'make' && used) await walk(await source.bom(line.componentNumber, used.revision), linePath, quantityPerTop);
    }
  };

  await walk(await source.bom(itemNumber, revision), [itemNumber], 1);
  return { itemNumber, revision, at: at.toISOString(), depth, lines };
}
