import type { AffectedItemDto } from '@threadline/canonical';
import { incomingComponent } from '@threadline/canonical';
import { ChangeRefusedError } from './engineering-change.errors';

/** What PLM holds of one item the change names. */
export interface DoorItem {
  /** Every revision, in PLM's order, in any state. */
  revisions: string[];
  /** The latest released revision, or (an item never released, such as a new part in work) its latest one. */
  currentRevision: string | null;
}

/** What the door checks read from PLM, gathered by gatherDoorFacts. */
export interface DoorFacts {
  /** Every item the change names, by number; null when PLM does not know it. */
  items: Record<string, DoorItem | null>;
  /** Single-level BOMs of the latest released revision of make items below the incoming components, by item. */
  structure: Record<string, string[]>;
}

type DoorChange = {
  affectedItems: Pick<AffectedItemDto, 'itemNumber' | 'fromRevision' | 'toRevision' | 'bomChanges'>[];
  /** New parts whose first revision the change releases: created in PLM before, so PLM must hold them too. */
  newItems?: { itemNumber: string; revision: string }[];
};

/** Every item the change names: affected items first, then the components of its BOM changes, then its new items, each once. */
export function namedItems(change: DoorChange): string[] {
  const numbers = change.affectedItems.flatMap((a) => [
    a.itemNumber,
    ...a.bomChanges.flatMap((c) => [c.componentNumber, c.replacementNumber].filter((n): n is string => !!n)),
  ]);
  return [...new Set([...numbers, ...(change.newItems ?? []).map((n) => n.itemNumber)])];
}

/** The components the change brings into each affected item (added, or replacing another), each once. */
export function incomingOf(item: Pick<AffectedItemDto, 'bomChanges'>): string[] {
  return [...new Set(item.bomChanges.map(incomingComponent).filter((n): n is string => !!n))];
}

/**
 * Pure: whether PLM can take the change as it stands, in order: every item it names is known,
 * every affected item starts from its current revision towards one PLM does not hold yet, every
 * new part is there at the revision the change names, and no
 * incoming component contains the item through released structures. Throws ChangeRefusedError.
 */
export function checkChangeAtDoor(change: DoorChange, facts: DoorFacts): void {
  for (const number of namedItems(change)) {
    if (!facts.items[number]) {
      throw new ChangeRefusedError('COMPONENT_UNKNOWN', `PLM does not know ${number}`, { object: number });
    }
  }
  for (const affected of change.affectedItems) {
    const item = facts.items[affected.itemNumber]!;
    const conflict = { object: affected.itemNumber, currentRevision: item.currentRevision, fromRevision: affected.fromRevision, toRevision: affected.toRevision };
    if (affected.fromRevision !== item.currentRevision) {
      throw new ChangeRefusedError(
        'REVISION_CONFLICT',
        `${affected.itemNumber} is at revision ${item.currentRevision ?? '(none)'} in PLM; the change starts from ${affected.fromRevision}`,
        conflict,
      );
    }
    if (item.revisions.includes(affected.toRevision)) {
      throw new ChangeRefusedError(
        'REVISION_CONFLICT',
        `${affected.itemNumber} revision ${affected.toRevision} exists already in PLM (current revision ${item.currentRevision})`,
        conflict,
      );
    }
  }
  for (const created of change.newItems ?? []) {
    const item = facts.items[created.itemNumber]!;
    if (!item.revisions.includes(created.revision)) {
      throw new ChangeRefusedError('REVISION_CONFLICT', `PLM holds no revision ${created.revision} of the new part ${created.itemNumber} (its revision: ${item.currentRevision})`, {
        object: created.itemNumber,
        currentRevision: item.currentRevision,
      });
    }
  }
  for (const affected of change.affectedItems) {
    const path = findCycle(affected.itemNumber, incomingOf(affected), facts.structure);
    if (path) throw new ChangeRefusedError('BOM_CYCLE', `${affected.itemNumber} would contain itself: ${path.join(' > ')}`, { object: affected.itemNumber, path });
  }
}

/** Depth first from the incoming components down the released structures, back to the root: the path, or null. */
export function findCycle(root: string, incoming: string[], structure: Record<string, string[]>): string[] | null {
  const seen = new Set<string>();
  const visit = (node: string, path: string[]): string[] | null => {
    if (node === root) return [...path, node];
    if (seen.has(node)) return null;
    seen.add(node);
    for (const child of structure[node] ?? []) {
      const found = visit(child, [...path, node]);
      if (found) return found;
    }
    return null;
  };
  for (const component of incoming) {
    const found = visit(component, [root]);
    if (found) return found;
  }
  return null;
}
