import { Inject, Injectable } from '@nestjs/common';
import type { EngineeringChangeDto } from '@threadline/canonical';
import { WaitForTurnError } from '@threadline/messaging';
import { GovernancePolicy } from '../../governance/governance-policy.config';
import { plantEffectiveFrom } from '../../governance/governance-policy';
import { GOVERNANCE_POLICY } from '../../governance/governance.tokens';
import { SystemApis } from '../../system-apis/system-apis.client';
import type { ComponentFacts, ReleaseBoms } from '../release.entities';
import { ReleaseRepository } from '../release.repository';
import { ValidationFacts, validateRelease } from '../release-rules';
import { RoutingFacts, itemsWithRoutingChanges, validateRoutings } from '../routing-rules';

/** How deep the cycle check follows released structures below the new BOM. */
const MAX_STRUCTURE_DEPTH = 12;

/**
 * Gathers the facts the validation rules need (PLM items and structures, each plant's ERP
 * revisions in force and latest, other releases of the same items, those still on their way to a
 * plant, the change's effective date per plant), then applies the pure rules.
 */
@Injectable()
export class ReleaseValidator {
  constructor(
    @Inject(ReleaseRepository) private readonly releases: ReleaseRepository,
    @Inject(SystemApis) private readonly systemApis: SystemApis,
    @Inject(GOVERNANCE_POLICY) private readonly policy: GovernancePolicy,
  ) {}

  /** The new revisions' BOMs, each with its components' item facts (unit, sourcing), read once. */
  async readBoms(change: EngineeringChangeDto): Promise<ReleaseBoms> {
    const boms: ReleaseBoms = {};
    for (const item of change.affectedItems) {
      const bom = await this.systemApis.getBom(item.itemNumber, item.toRevision);
      boms[item.itemNumber] = { revision: bom.revision, lines: bom.lines };
    }
    const numbers = [...new Set(Object.values(boms).flatMap((b) => b.lines.map((l) => l.componentNumber)))];
    const items = await Promise.all(numbers.map((n) => this.systemApis.getItem(n)));
    const facts = new Map(numbers.map((n, i): [string, ComponentFacts] => [n, items[i] ? { unit: items[i].unit, sourcing: items[i].sourcing } : null]));
    for (const bom of Object.values(boms)) bom.components = Object.fromEntries(bom.lines.map((l) => [l.componentNumber, facts.get(l.componentNumber)!]));
    return boms;
  }

  async validate(change: EngineeringChangeDto, boms: ReleaseBoms, now = new Date()): Promise<void> {
    const itemNumbers = change.affectedItems.map((a) => a.itemNumber);
    // Changes to one item are validated in the order they arrived: a change on a change may start
    // from what the earlier one brings, which is known only once that one is validated.
    // The other releases of these items, read together (one transaction, not three).
    const { unvalidated, otherReleases, inFlight } = await this.releases.validationReads(change.number, itemNumbers);
    if (unvalidated) throw new WaitForTurnError(`${change.number} waits for ${unvalidated} to be validated first`);
    const facts: ValidationFacts = {
      boms,
      components: {},
      structure: {},
      erpRevisions: {},
      erpLatestRevisions: {},
      inFlight: {},
      plantEffectiveFrom: Object.fromEntries(
        change.targetPlants.map((plant) => [plant, plantEffectiveFrom(this.policy, plant, change.effectivity.startDate, now)]),
      ),
      otherReleases,
      now,
      effectivityPastToleranceHours: this.policy.effectivityPastToleranceHours,
      effectivityMaxDaysAhead: this.policy.effectivityMaxDaysAhead,
    };
    const componentNumbers = [...new Set(Object.values(boms).flatMap((b) => b.lines.map((l) => l.componentNumber)))];
    // Read with the BOMs (readBoms); PLM is asked again only for a release recorded without them.
    const known = new Map(Object.values(boms).flatMap((b) => Object.entries(b.components ?? {})));
    const items = await Promise.all(componentNumbers.map((n) => (known.has(n) ? Promise.resolve(known.get(n)!) : this.systemApis.getItem(n))));
    componentNumbers.forEach((n, i) => (facts.components[n] = items[i] ? { unit: items[i].unit } : null));
    await this.readStructure(
      componentNumbers.filter((n, i) => items[i]?.sourcing === 'make'),
      facts.structure,
      0,
    );
    await Promise.all(
      change.targetPlants.map(async (plant) => {
        const heldItems = await this.systemApis.getPlantItems(plant, change.affectedItems.map((i) => i.itemNumber));
        for (const item of change.affectedItems) {
          const held = heldItems.get(item.itemNumber);
          facts.erpRevisions[`${plant}/${item.itemNumber}`] = held ? held.revision : null;
          if (held?.latestRevision) {
            facts.erpLatestRevisions[`${plant}/${item.itemNumber}`] = { revision: held.latestRevision, validFrom: held.latestRevisionValidFrom ?? null };
          }
        }
      }),
    );
    for (const r of inFlight) {
      (facts.inFlight[`${r.plant}/${r.itemNumber}`] ??= []).push({ changeNumber: r.changeNumber, toRevision: r.toRevision, effectiveFrom: r.effectiveFrom });
    }
    validateRelease(change, facts);
    validateRoutings(change, await this.routingFacts(change));
  }

  /** The new routings of the items whose routing the change alters, and the work centres of each target plant (none read when no routing changes). */
  private async routingFacts(change: EngineeringChangeDto): Promise<RoutingFacts> {
    const facts: RoutingFacts = { routings: {}, workCenters: {} };
    const items = itemsWithRoutingChanges(change);
    if (items.length === 0) return facts;
    for (const item of items) {
      const routing = await this.systemApis.routings.getRouting(item.itemNumber, item.toRevision);
      if (routing) facts.routings[item.itemNumber] = routing;
    }
    for (const plant of change.targetPlants) facts.workCenters[plant] = await this.systemApis.routings.workCenters(plant);
    return facts;
  }

  /** Single-level structures of released make items, breadth first, for the cycle check. */
  private async readStructure(items: string[], structure: Record<string, string[]>, depth: number): Promise<void> {
    const todo = items.filter((n) => !(n in structure));
    if (todo.length === 0 || depth >= MAX_STRUCTURE_DEPTH) return;
    const next: string[] = [];
    for (const number of todo) {
      const item = await this.systemApis.getItem(number);
      if (!item?.latestReleasedRevision) {
        structure[number] = [];
        continue;
      }
      const bom = await this.systemApis.getBom(number, item.latestReleasedRevision);
      structure[number] = bom.lines.map((l) => l.componentNumber);
      next.push(...structure[number]);
    }
    const makeItems = (await Promise.all(next.map((n) => this.systemApis.getItem(n)))).filter((i) => i?.sourcing === 'make').map((i) => i!.number);
    await this.readStructure(makeItems, structure, depth + 1);
  }
}
