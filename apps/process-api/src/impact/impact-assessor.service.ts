import { Inject, Injectable } from '@nestjs/common';
import { AffectedItemDto, BomLineDto, incomingComponents, LIST_LIMITS, PlantImpactDto, RoutingStepDto } from '@threadline/canonical';
import { describeBackendFailure } from '@threadline/platform';
import { GovernancePolicy } from '../governance/governance-policy.config';
import { plantEffectiveFrom } from '../governance/governance-policy';
import { GOVERNANCE_POLICY } from '../governance/governance.tokens';
import { SystemApis } from '../system-apis/system-apis.client';
import { assessPlantImpact, ItemCost, outgoingComponents } from './impact-rules';
import { routingChangedJobs } from './routing-impact.rules';

/** Where-used paths an impact lists: one page of ERP's (the most a system API page holds); the totals count them all. */
const WHERE_USED_FIRST_PAGE = LIST_LIMITS.page;

export interface ChangeToAssess {
  targetPlants: string[];
  effectivity: { startDate: string };
  affectedItems: AffectedItemDto[];
}

/**
 * Gathers, per target plant and in parallel, what the impact rules need from the system APIs, then
 * applies them. Every read starts at once (the old BOMs from PLM too), so an assessment takes about
 * as long as its slowest read. Reads only: an assessment never changes anything.
 */
@Injectable()
export class ImpactAssessor {
  constructor(
    @Inject(SystemApis) private readonly systemApis: SystemApis,
    @Inject(GOVERNANCE_POLICY) private readonly policy: GovernancePolicy,
  ) {}

  async assess(change: ChangeToAssess, now = new Date()): Promise<PlantImpactDto[]> {
    // Nothing a plant reads depends on the old BOMs (outgoing component numbers come from the
    // change itself), so PLM is asked while the plants are read, not before.
    const oldBoms = this.oldBoms(change);
    // A plant that fails first leaves this promise unawaited; its failure is reported by that plant.
    oldBoms.catch(() => undefined);
    const oldRoutings = this.oldRoutings(change);
    oldRoutings.catch(() => undefined);
    return Promise.all(change.targetPlants.map((plant) => this.assessPlant(plant, change, oldBoms, now, oldRoutings)));
  }

  /** The old revision's routing (PLM) of each item the change alters the routing of; read only then. */
  private async oldRoutings(change: ChangeToAssess): Promise<Record<string, RoutingStepDto[]>> {
    const items = change.affectedItems.filter((a) => (a.operationChanges ?? []).length > 0);
    const routings = await Promise.all(items.map((a) => this.systemApis.routings.getRouting(a.itemNumber, a.fromRevision)));
    return Object.fromEntries(items.map((a, i) => [a.itemNumber, routings[i]?.operations ?? []]));
  }

  private async oldBoms(change: ChangeToAssess): Promise<Record<string, BomLineDto[]>> {
    const boms = await Promise.all(change.affectedItems.map((item) => this.systemApis.getBom(item.itemNumber, item.fromRevision)));
    return Object.fromEntries(change.affectedItems.map((item, i) => [item.itemNumber, boms[i].lines]));
  }

  private async assessPlant(
    plant: string,
    change: ChangeToAssess,
    oldBomsRead: Promise<Record<string, BomLineDto[]>>,
    now: Date,
    oldRoutings: Promise<Record<string, RoutingStepDto[]>>,
  ): Promise<PlantImpactDto> {
    const parents = change.affectedItems.map((a) => a.itemNumber);
    const outgoing = [...new Set(outgoingComponents(change.affectedItems, {}).map((o) => o.itemNumber))];
    const incoming = incomingComponents(change.affectedItems);
    const components = [...new Set([...outgoing, ...incoming])];
    const [whereUsed, workOrders, inventory, purchaseOrders, jobs, costs, oldBoms] = await Promise.all([
      // ERP totals the where-used and sends only the nearest paths: the impact lists no more than that.
      this.systemApis.whereUsedSummary(plant, [...new Set(parents)], now.toISOString(), WHERE_USED_FIRST_PAGE),
      // One call each for all the items, filtered in ERP: the rules look only at open orders (the
      // work orders' revision tells the old revision's), and at each component's own order lines.
      this.systemApis.openWorkOrders(plant, parents),
      // Stock and supply of the incoming components too: whether the substitute covers the new revision's demand.
      this.systemApis.itemInventory(plant, components),
      this.systemApis.openPurchaseOrders(plant, components),
      // A scheduler that is down must not hold up the other plants (or this plant's ERP side): the
      // jobs stay unknown, with a warning, and the rollout catches the scheduler up later.
      Promise.all(parents.map((p) => this.systemApis.jobs(plant, p))).then(
        (x) => x.flat(),
        (error: unknown) => ({ unavailable: describeBackendFailure(error) }),
      ),
      this.costs(plant, [...new Set([...outgoing, ...incoming])]),
      oldBomsRead,
    ]);
    const jobsKnown = Array.isArray(jobs);
    const impact = assessPlantImpact({
      plant,
      effectiveFrom: plantEffectiveFrom(this.policy, plant, change.effectivity.startDate, now),
      affectedItems: change.affectedItems,
      oldBoms,
      workOrders,
      inventory,
      purchaseOrders,
      jobs: jobsKnown ? jobs : [],
      jobsUnavailable: jobsKnown ? undefined : jobs.unavailable,
      whereUsed: whereUsed.paths.items,
      whereUsedTotal: whereUsed.paths.total,
      whereUsedSummary: whereUsed.items,
      costs,
      now,
    });
    // Routing changes (issue 12 item 2): the jobs whose operations change; absent when the change alters no routing.
    const routingChanged = routingChangedJobs({ affectedItems: change.affectedItems, oldRoutings: await oldRoutings, effectiveFrom: impact.effectiveFrom, jobs: jobsKnown ? jobs : [] });
    return routingChanged ? { ...impact, routingChangedJobs: routingChanged } : impact;
  }

  private async costs(plant: string, items: string[]): Promise<Record<string, ItemCost | null>> {
    const held = await this.systemApis.getPlantItems(plant, items);
    return Object.fromEntries(
      items.map((n) => {
        const item = held.get(n);
        return [n, item ? { standardCost: item.standardCost, currency: item.currency } : null] as const;
      }),
    );
  }
}
