import { incomingComponent, LIST_LIMITS, OPEN_PURCHASE_ORDER_STATUSES, OPEN_WORK_ORDER_STATUSES } from '@threadline/canonical';
import type {
  AffectedItemDto,
  BomLineDto,
  CostDeltaDto,
  IncomingComponentImpactDto,
  InventoryPositionDto,
  ItemWhereUsedTotalsDto,
  JobDto,
  OutgoingComponentImpactDto,
  PlantImpactDto,
  PurchaseOrderDto,
  PurchaseOrderImpactDto,
  WhereUsedDto,
  WorkOrderDto,
} from '@threadline/canonical';

export interface ItemCost {
  standardCost: number | null;
  currency: string | null;
}

/** What is known about one plant when a change is assessed; gathered from the system APIs. */
export interface PlantImpactFacts {
  plant: string;
  effectiveFrom: string;
  affectedItems: AffectedItemDto[];
  /** The outgoing revision's BOM of each affected item (from PLM). */
  oldBoms: Record<string, BomLineDto[]>;
  workOrders: WorkOrderDto[];
  /** Stock of the outgoing and the incoming components. */
  inventory: InventoryPositionDto[];
  /** Purchase orders of the outgoing and the incoming components. */
  purchaseOrders: PurchaseOrderDto[];
  jobs: JobDto[];
  /** Why the plant's scheduler could not be read, when it could not: its jobs are then unknown, not none. */
  jobsUnavailable?: string;
  /** Multi-level where-used of the affected items in this plant's BOMs: every path, or the nearest ones when whereUsedTotal is given. */
  whereUsed: WhereUsedDto[];
  /** How many paths there are when ERP counted them and `whereUsed` holds only the nearest. */
  whereUsedTotal?: number;
  /** ERP's where-used totals per affected item, when it computed them. */
  whereUsedSummary?: ItemWhereUsedTotalsDto[];
  /** Standard cost per item in this plant; null when the plant's ERP does not know the item. */
  costs: Record<string, ItemCost | null>;
  now: Date;
}

const OPEN_WORK_ORDER = new Set<string>(OPEN_WORK_ORDER_STATUSES);
const OPEN_PURCHASE_ORDER = new Set<string>(OPEN_PURCHASE_ORDER_STATUSES);
const USABLE_STOCK = new Set(['unrestricted', 'quality-inspection']);
const DAY_MS = 86_400_000;

interface Outgoing {
  itemNumber: string;
  parent: AffectedItemDto;
  quantityPer: number;
  unit: string;
}

/** Components an item's change removes or replaces, with the quantity each parent unit consumed. */
export function outgoingComponents(affected: AffectedItemDto[], oldBoms: Record<string, BomLineDto[]>): Outgoing[] {
  const out: Outgoing[] = [];
  for (const item of affected) {
    for (const change of item.bomChanges) {
      if (change.action === 'add') continue;
      const lines = (oldBoms[item.itemNumber] ?? []).filter((l) => l.componentNumber === change.componentNumber);
      out.push({
        itemNumber: change.componentNumber,
        parent: item,
        quantityPer: lines.reduce((sum, l) => sum + l.quantity, 0),
        unit: lines[0]?.unit ?? change.unit ?? 'EA',
      });
    }
  }
  return out;
}

/**
 * The first `limit` of `items` in the order given, and how many there were. An impact's lists are
 * bounded (the documented maxItems) so a change to a widely used part cannot make an answer, or the
 * release that stores it, unboundedly large; each list's total says when it was cut.
 */
export function firstOf<T>(items: T[], limit: number): { items: T[]; total: number } {
  return { items: items.length > limit ? items.slice(0, limit) : items, total: items.length };
}

/** Nearest assemblies first: by level, then path, so the kept part of a cut list is the most direct use. */
function byLevelAndPath(a: WhereUsedDto, b: WhereUsedDto): number {
  if (a.level !== b.level) return a.level - b.level;
  const left = a.path.join('/');
  const right = b.path.join('/');
  return left < right ? -1 : left > right ? 1 : 0;
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Pure: the change's impact on one plant. */
export function assessPlantImpact(facts: PlantImpactFacts): PlantImpactDto {
  // The scheduler's absence comes first, so a cut list of warnings never loses it.
  const warnings: string[] = facts.jobsUnavailable !== undefined ? [`scheduled jobs not assessed: ${facts.jobsUnavailable}`] : [];
  const openOrders = facts.workOrders.filter(
    (wo) => OPEN_WORK_ORDER.has(wo.status) && facts.affectedItems.some((a) => a.itemNumber === wo.itemNumber && a.fromRevision === wo.revision),
  );
  const byStatus: Record<string, number> = {};
  for (const wo of openOrders) byStatus[wo.status] = (byStatus[wo.status] ?? 0) + 1;

  const outgoing = outgoingComponents(facts.affectedItems, facts.oldBoms);
  const components = outgoing.map((o) => assessComponent(o, openOrders, facts));
  const purchaseOrders = outgoing.flatMap((o) => suggestPurchaseOrders(o, openOrders, facts));
  const incomingList = firstOf(incomingComponentsOf(facts), LIST_LIMITS.impactOutgoingComponents);

  for (const item of facts.affectedItems) {
    for (const change of item.bomChanges) {
      const incoming = incomingComponent(change);
      if (incoming && !facts.costs[incoming]) warnings.push(`${incoming} is not set up in ERP plant ${facts.plant}`);
    }
  }
  const costDelta = facts.affectedItems.map((item) => costDeltaOf(item, facts, warnings));

  const whereUsed = firstOf([...facts.whereUsed].sort(byLevelAndPath), LIST_LIMITS.impactWhereUsed);
  const numbers = firstOf(openOrders.map((wo) => wo.number).sort(byCodePoint), LIST_LIMITS.impactWorkOrderNumbers);
  // Components in the change's order, purchase order lines by component then delivery date.
  const outgoingComponentList = firstOf(components, LIST_LIMITS.impactOutgoingComponents);
  const purchaseOrderList = firstOf(purchaseOrders, LIST_LIMITS.impactPurchaseOrders);
  const warningList = firstOf([...new Set(warnings)], LIST_LIMITS.impactWarnings);
  return {
    plant: facts.plant,
    effectiveFrom: facts.effectiveFrom,
    whereUsed: whereUsed.items,
    whereUsedTotal: facts.whereUsedTotal ?? whereUsed.total,
    ...(facts.whereUsedSummary ? { whereUsedSummary: facts.whereUsedSummary } : {}),
    workOrders: { total: openOrders.length, byStatus, numbers: numbers.items },
    outgoingComponents: outgoingComponentList.items,
    outgoingComponentsTotal: outgoingComponentList.total,
    purchaseOrders: purchaseOrderList.items,
    purchaseOrdersTotal: purchaseOrderList.total,
    scheduledJobs:
      facts.jobsUnavailable !== undefined
        ? null
        : facts.jobs.filter((j) => facts.affectedItems.some((a) => a.itemNumber === j.itemNumber) && !['completed', 'closed'].includes(j.status)).length,
    incomingComponents: incomingList.items,
    costDelta,
    warnings: warningList.items,
    warningsTotal: warningList.total,
  };
}

/**
 * An impact stored before the lists were capped, brought within the documented limits when it is
 * read back: the lists keep their first entries (in the order they were stored) and the totals
 * count them all. An impact within the limits comes back unchanged.
 */
export function withinImpactLimits(impact: PlantImpactDto): PlantImpactDto {
  const whereUsed = firstOf(impact.whereUsed, LIST_LIMITS.impactWhereUsed);
  const outgoing = firstOf(impact.outgoingComponents, LIST_LIMITS.impactOutgoingComponents);
  const purchaseOrders = firstOf(impact.purchaseOrders, LIST_LIMITS.impactPurchaseOrders);
  const warnings = firstOf(impact.warnings, LIST_LIMITS.impactWarnings);
  return {
    ...impact,
    whereUsed: whereUsed.items,
    whereUsedTotal: impact.whereUsedTotal ?? whereUsed.total,
    workOrders: { ...impact.workOrders, numbers: firstOf(impact.workOrders.numbers, LIST_LIMITS.impactWorkOrderNumbers).items },
    outgoingComponents: outgoing.items,
    outgoingComponentsTotal: impact.outgoingComponentsTotal ?? outgoing.total,
    purchaseOrders: purchaseOrders.items,
    purchaseOrdersTotal: impact.purchaseOrdersTotal ?? purchaseOrders.total,
    warnings: warnings.items,
    warningsTotal: impact.warningsTotal ?? warnings.total,
    ...(impact.incomingComponents ? { incomingComponents: firstOf(impact.incomingComponents, LIST_LIMITS.impactOutgoingComponents).items } : {}),
  };
}

function demandsOf(o: Outgoing, openOrders: WorkOrderDto[]): { at: number; quantity: number }[] {
  return openOrders
    .filter((wo) => wo.itemNumber === o.parent.itemNumber)
    .map((wo) => ({ at: Date.parse(wo.plannedStart), quantity: wo.quantity * o.quantityPer }))
    .sort((a, b) => a.at - b.at);
}

function openPurchaseLines(itemNumber: string, orders: PurchaseOrderDto[]) {
  return orders
    .filter((po) => OPEN_PURCHASE_ORDER.has(po.status))
    .flatMap((po) => po.lines.filter((l) => l.itemNumber === itemNumber).map((line) => ({ po, line, open: Math.max(line.quantity - line.receivedQuantity, 0) })))
    .filter((x) => x.open > 0)
    .sort((a, b) => a.line.deliveryDate.localeCompare(b.line.deliveryDate));
}

function assessComponent(o: Outgoing, openOrders: WorkOrderDto[], facts: PlantImpactFacts): OutgoingComponentImpactDto {
  const onHand = facts.inventory
    .filter((p) => p.itemNumber === o.itemNumber && USABLE_STOCK.has(p.stockType))
    .reduce((sum, p) => sum + p.quantity, 0);
  const demands = demandsOf(o, openOrders);
  const allocated = demands.reduce((sum, d) => sum + d.quantity, 0);
  const receipts = openPurchaseLines(o.itemNumber, facts.purchaseOrders).map((x) => ({ at: Date.parse(x.line.deliveryDate), quantity: x.open }));
  const onOrder = receipts.reduce((sum, r) => sum + r.quantity, 0);
  const cost = facts.costs[o.itemNumber];
  const disposition = o.parent.disposition;

  let useUpDate: string | null = null;
  if (disposition === 'use-up') useUpDate = runOutDate(onHand, demands, receipts, facts.now);
  const scrapQuantity = disposition === 'scrap' ? onHand : 0;
  const scrapValue = disposition === 'scrap' ? (cost?.standardCost != null ? round(onHand * cost.standardCost) : null) : 0;

  const actions: Record<string, string> = {
    'use-up': useUpDate
      ? `Consume ${onHand} ${o.unit} on hand and ${onOrder} on order; stock runs out on ${useUpDate.slice(0, 10)}, when the change becomes effective.`
      : `Consume ${onHand} ${o.unit} on hand; nothing open consumes it, so no run-out date is known.`,
    scrap: `Write off ${onHand} ${o.unit}${scrapValue != null ? ` (${scrapValue} ${cost?.currency ?? ''})` : ''} when the change takes effect.`,
    rework: `Rework ${onHand} ${o.unit} on hand to the new design.`,
    'return-to-supplier': `Return ${onHand} ${o.unit} to the supplier and cancel ${onOrder} on order.`,
    'use-as-is': `Keep using ${onHand} ${o.unit} as is.`,
  };
  return {
    itemNumber: o.itemNumber,
    disposition,
    unit: o.unit,
    onHand,
    allocated,
    onOrder,
    useUpDate,
    scrapQuantity,
    scrapValue,
    currency: cost?.currency ?? null,
    action: actions[disposition],
  };
}

/**
 * When stock of an outgoing component runs out: walking open demand in time order against stock
 * and scheduled receipts; if everything open is covered, the remainder runs out at the rate open
 * demand consumes it.
 */
export function runOutDate(
  onHand: number,
  demands: { at: number; quantity: number }[],
  receipts: { at: number; quantity: number }[],
  now: Date,
): string | null {
  if (demands.length === 0) return null;
  let consumed = 0;
  for (const demand of demands) {
    const supplied = onHand + receipts.filter((r) => r.at <= demand.at).reduce((sum, r) => sum + r.quantity, 0);
    consumed += demand.quantity;
    if (consumed > supplied) return new Date(Math.max(demand.at, now.getTime())).toISOString();
  }
  const remaining = onHand + receipts.reduce((sum, r) => sum + r.quantity, 0) - consumed;
  const last = demands[demands.length - 1].at;
  const spanDays = Math.max((last - now.getTime()) / DAY_MS, 1);
  const perDay = consumed / spanDays;
  return new Date(last + (remaining / perDay) * DAY_MS).toISOString();
}

/** An incoming component of one affected item: the part, what it replaces, and how many one unit of the item uses. */
interface Incoming {
  itemNumber: string;
  replaces: string | null;
  parent: AffectedItemDto;
  quantityPer: number;
  unit: string;
}

function incomingOf(affected: AffectedItemDto[], oldBoms: Record<string, BomLineDto[]>): Incoming[] {
  const incoming: Incoming[] = [];
  for (const item of affected) {
    for (const change of item.bomChanges) {
      const number = incomingComponent(change);
      if (!number) continue;
      // A replacement takes the old line's quantity unless the change gives one.
      const lines = change.action === 'replace' ? (oldBoms[item.itemNumber] ?? []).filter((l) => l.componentNumber === change.componentNumber) : [];
      const oldQuantity = lines.reduce((sum, l) => sum + l.quantity, 0);
      incoming.push({
        itemNumber: number,
        replaces: change.action === 'replace' ? change.componentNumber : null,
        parent: item,
        quantityPer: change.quantity ?? (lines.length > 0 ? oldQuantity : 1),
        unit: change.unit ?? lines[0]?.unit ?? 'EA',
      });
    }
  }
  return incoming;
}

/**
 * Whether the incoming components are there for the work that will build the new revision: open
 * work orders of the affected items that start on or after the plant's effective date consume the
 * new component (summed over every affected item that brings it in, against one stock); stock and
 * open purchase order lines (by delivery date) cover them in start order.
 */
function incomingComponentsOf(facts: PlantImpactFacts): IncomingComponentImpactDto[] {
  const effective = Date.parse(facts.effectiveFrom);
  const all = incomingOf(facts.affectedItems, facts.oldBoms);
  return [...new Set(all.map((c) => c.itemNumber))].map((itemNumber) => {
    const uses = all.filter((c) => c.itemNumber === itemNumber);
    const onHand = facts.inventory.filter((p) => p.itemNumber === itemNumber && USABLE_STOCK.has(p.stockType)).reduce((sum, p) => sum + p.quantity, 0);
    const lines = openPurchaseLines(itemNumber, facts.purchaseOrders);
    const demands = uses.flatMap((c) =>
      facts.workOrders
        .filter((wo) => OPEN_WORK_ORDER.has(wo.status) && wo.itemNumber === c.parent.itemNumber && Date.parse(wo.plannedStart) >= effective)
        .map((wo) => ({ at: Date.parse(wo.plannedStart), quantity: wo.quantity * c.quantityPer })),
    );
    const coverage = substituteCoverage(
      onHand,
      demands,
      lines.map((x) => ({ at: Date.parse(x.line.deliveryDate), quantity: x.open })),
    );
    return {
      itemNumber,
      replaces: [...new Set(uses.map((c) => c.replaces).filter((r): r is string => r !== null))],
      usedIn: [...new Set(uses.map((c) => c.parent.itemNumber))],
      unit: uses[0].unit,
      onHand,
      onOrder: lines.reduce((sum, x) => sum + x.open, 0),
      openSupply: firstOf(lines, LIST_LIMITS.impactPurchaseOrders).items.map(({ po, line, open }) => ({
        number: po.number,
        line: line.line,
        openQuantity: open,
        deliveryDate: line.deliveryDate,
      })),
      ...coverage,
    };
  });
}

/**
 * Pure: how far stock and scheduled receipts cover demands, in time order. Each demand is covered
 * when everything consumed so far fits into stock plus what has arrived by its date; the first
 * that does not ends the coverage (`coveredUntil` is its date), and later ones count as uncovered.
 */
export function substituteCoverage(
  onHand: number,
  demands: { at: number; quantity: number }[],
  receipts: { at: number; quantity: number }[],
): Pick<IncomingComponentImpactDto, 'demand' | 'coveredQuantity' | 'coveredUntil' | 'verdict'> {
  const sorted = [...demands].sort((a, b) => a.at - b.at);
  const demand = round(sorted.reduce((sum, d) => sum + d.quantity, 0));
  if (sorted.length === 0 || demand === 0) return { demand: 0, coveredQuantity: 0, coveredUntil: null, verdict: 'no-demand' };
  let consumed = 0;
  for (const d of sorted) {
    const supplied = onHand + receipts.filter((r) => r.at <= d.at).reduce((sum, r) => sum + r.quantity, 0);
    if (consumed + d.quantity > supplied) {
      return {
        demand,
        coveredQuantity: round(consumed),
        coveredUntil: new Date(d.at).toISOString(),
        verdict: consumed > 0 ? 'partly-covered' : 'not-covered',
      };
    }
    consumed += d.quantity;
  }
  return { demand, coveredQuantity: demand, coveredUntil: null, verdict: 'covered' };
}

function suggestPurchaseOrders(o: Outgoing, openOrders: WorkOrderDto[], facts: PlantImpactFacts): PurchaseOrderImpactDto[] {
  const onHand = facts.inventory.filter((p) => p.itemNumber === o.itemNumber && USABLE_STOCK.has(p.stockType)).reduce((s, p) => s + p.quantity, 0);
  // Only use-up still needs the old part: enough to finish the open work orders beyond stock.
  let stillNeeded = o.parent.disposition === 'use-up' ? Math.max(demandsOf(o, openOrders).reduce((s, d) => s + d.quantity, 0) - onHand, 0) : 0;
  return openPurchaseLines(o.itemNumber, facts.purchaseOrders).map(({ po, line, open }) => {
    const keep = Math.min(open, stillNeeded);
    stillNeeded -= keep;
    return {
      number: po.number,
      line: line.line,
      itemNumber: o.itemNumber,
      openQuantity: open,
      deliveryDate: line.deliveryDate,
      suggestion: keep === open ? 'keep' : keep === 0 ? 'cancel' : 'reduce',
      suggestedQuantity: keep,
    };
  });
}

function costDeltaOf(item: AffectedItemDto, facts: PlantImpactFacts, warnings: string[]): CostDeltaDto {
  let delta = 0;
  let currency: string | null = null;
  let known = true;
  const costOf = (n: string): number | null => {
    const c = facts.costs[n];
    if (c?.currency) currency = c.currency;
    return c?.standardCost ?? null;
  };
  for (const change of item.bomChanges) {
    const oldQty = (facts.oldBoms[item.itemNumber] ?? []).filter((l) => l.componentNumber === change.componentNumber).reduce((s, l) => s + l.quantity, 0);
    const qty = change.quantity ?? oldQty;
    const parts: [string | undefined, number][] =
      change.action === 'replace'
        ? [[change.replacementNumber, qty], [change.componentNumber, -oldQty]]
        : change.action === 'add'
          ? [[change.componentNumber, qty]]
          : [[change.componentNumber, -oldQty]];
    for (const [number, quantity] of parts) {
      if (!number) continue;
      const cost = costOf(number);
      if (cost === null) {
        known = false;
        warnings.push(`${number} has no standard cost in ${facts.plant}`);
      } else delta += cost * quantity;
    }
  }
  return { itemNumber: item.itemNumber, perUnit: known ? round(delta) : null, currency };
}

const round = (n: number): number => Math.round(n * 100) / 100;
