import type { ItemDto } from '@threadline/canonical';
import { NotFoundError } from '@threadline/platform';
import { PlmConnector } from '../connector/plm.connector';
import { MAX_BOM_DEPTH } from '../items/explode-bom';
import { DoorFacts, DoorItem, incomingOf, namedItems } from './change-door.rules';

type DoorChange = Parameters<typeof namedItems>[0];

function doorItem(item: ItemDto): DoorItem {
  const revisions = item.revisions.map((r) => r.revision);
  return { revisions, currentRevision: item.latestReleasedRevision ?? revisions[revisions.length - 1] ?? null };
}

/**
 * Reads what the door checks need from PLM: each named item (unknown: null), then the released
 * structures below the incoming components, level by level, each item once, as deep as an
 * explosion may go. Only reads: a change refused here leaves nothing behind in PLM.
 */
export async function gatherDoorFacts(plm: PlmConnector, change: DoorChange): Promise<DoorFacts> {
  const known = new Map<string, Promise<ItemDto | null>>();
  const item = (number: string): Promise<ItemDto | null> => {
    let found = known.get(number);
    if (!found) {
      found = plm.getItem(number).catch((error: unknown) => {
        if (error instanceof NotFoundError) return null;
        throw error;
      });
      known.set(number, found);
    }
    return found;
  };
  const facts: DoorFacts = { items: {}, structure: {} };
  const named = namedItems(change);
  const items = await Promise.all(named.map(item));
  named.forEach((number, i) => (facts.items[number] = items[i] ? doorItem(items[i]) : null));
  // Unknown components are refused before any structure is read.
  if (items.some((i) => i === null)) return facts;

  let level = [...new Set(change.affectedItems.flatMap(incomingOf))];
  for (let depth = 0; level.length > 0 && depth < MAX_BOM_DEPTH; depth++) {
    const todo = level.filter((n) => !(n in facts.structure));
    const next = await Promise.all(
      todo.map(async (number) => {
        const found = await item(number);
        const revision = found?.sourcing === 'make' ? found.latestReleasedRevision : null;
        facts.structure[number] = revision ? (await plm.getBom(number, revision)).lines.map((l) => l.componentNumber) : [];
        return facts.structure[number];
      }),
    );
    level = [...new Set(next.flat())];
  }
  return facts;
}
