import type { EngineeringChangeDto } from '@threadline/canonical';
import type { SystemApis } from '../../system-apis/system-apis.client';
import { materialsNeeded, MissingMaterial } from '../new-materials.rules';
import type { ReleaseBoms } from '../release.entities';

/** How deep the search follows a missing make item's structure for components the plant lacks too. */
const MAX_DEPTH = 12;

/**
 * The items the change needs in the plant that the plant's ERP does not hold yet, with what PLM
 * says of them: the new items, the components the change brings into its new BOMs, and below a
 * missing make item the components of its structure. An item PLM does not know is left to the
 * BOM apply to refuse.
 */
export async function findMissingMaterials(systemApis: SystemApis, plant: string, change: EngineeringChangeDto, boms: ReleaseBoms): Promise<MissingMaterial[]> {
  const revisionOf = new Map((change.newItems ?? []).map((n) => [n.itemNumber, n.revision]));
  const missing: MissingMaterial[] = [];
  const seen = new Set<string>();
  let level = materialsNeeded(change, boms);
  for (let depth = 0; level.length > 0 && depth < MAX_DEPTH; depth++) {
    const next: string[] = [];
    const asked = [...new Set(level.filter((n) => !seen.has(n)))];
    // The level's items the plant holds, in one read.
    const held = asked.length > 0 ? await systemApis.getPlantItems(plant, asked) : new Map();
    for (const number of asked) {
      seen.add(number);
      if (held.has(number)) continue;
      const item = await systemApis.getItem(number);
      const revision = revisionOf.get(number) ?? item?.latestReleasedRevision ?? item?.revisions[item.revisions.length - 1]?.revision;
      if (!item || !revision) continue;
      const children = item.sourcing === 'make' ? (await systemApis.getBom(number, revision)).lines.map((l) => l.componentNumber) : [];
      missing.push({ item, revision, children });
      next.push(...children);
    }
    level = next;
  }
  return missing;
}
