import {
  BomLineDto,
  EngineeringChangeDto,
  incomingComponents,
  InventoryPositionDto,
  NOT_STARTED_WORK_ORDER_STATUSES,
  OPEN_PURCHASE_ORDER_STATUSES,
  OPEN_WORK_ORDER_STATUSES,
  PurchaseOrderDto,
  WorkOrderDto,
} from '@threadline/canonical';

export interface ErpActions {
  /** Open work orders on the outgoing revision: flagged for engineering-change review. */
  flags: { number: string }[];
  /** Not-started orders of a change that writes stock off: held until someone decides. */
  holds: { number: string; reason: string }[];
  /** New components the orders building the new revision need, net of stock and open orders. */
  requisitions: { itemNumber: string; quantity: number; unit: string; needDate: string; reference: string }[];
}

const OPEN = new Set<string>(OPEN_WORK_ORDER_STATUSES);
const NOT_STARTED = new Set<string>(NOT_STARTED_WORK_ORDER_STATUSES);
const OPEN_PURCHASE_ORDER = new Set<string>(OPEN_PURCHASE_ORDER_STATUSES);
const WRITES_OFF = new Set(['scrap', 'rework', 'return-to-supplier']);

/** What `componentNeeds` reads: the change, its new BOMs, the plant's effective date and its open work orders. */
interface NeedsInput {
  change: EngineeringChangeDto;
  newBoms: Record<string, { lines: BomLineDto[] }>;
  effectiveFrom: string;
  workOrders: WorkOrderDto[];
}

/**
 * Pure: the new components the coming orders need, per component: orders not started yet that
 * start from the effective date build the new revision. Only these components' stock and open
 * purchase orders matter to the requisitions, so nothing else needs reading.
 */
export function componentNeeds(input: NeedsInput): Map<string, { quantity: number; unit: string; needDate: number }> {
  const effective = Date.parse(input.effectiveFrom);
  const needs = new Map<string, { quantity: number; unit: string; needDate: number }>();
  for (const item of input.change.affectedItems) {
    const incoming = incomingComponents([item]);
    const coming = input.workOrders.filter(
      (wo) => wo.itemNumber === item.itemNumber && OPEN.has(wo.status) && NOT_STARTED.has(wo.status) && Date.parse(wo.plannedStart) >= effective,
    );
    for (const wo of coming) {
      for (const line of input.newBoms[item.itemNumber]?.lines ?? []) {
        if (!incoming.includes(line.componentNumber)) continue;
        const need = needs.get(line.componentNumber) ?? { quantity: 0, unit: line.unit, needDate: Date.parse(wo.plannedStart) };
        need.quantity += wo.quantity * line.quantity;
        need.needDate = Math.min(need.needDate, Date.parse(wo.plannedStart));
        needs.set(line.componentNumber, need);
      }
    }
  }
  return needs;
}

/**
 * Pure: what applying a change means for one plant's open work and procurement, beyond the BOM.
 * Orders starting from the effective date build the new revision and need the new components;
 * `incomingStock` and `incomingOrders` need to hold only the components `componentNeeds` names.
 */
export function erpActionsFor(input: NeedsInput & { incomingStock: InventoryPositionDto[]; incomingOrders: PurchaseOrderDto[] }): ErpActions {
  const { change } = input;
  const actions: ErpActions = { flags: [], holds: [], requisitions: [] };
  for (const item of change.affectedItems) {
    const orders = input.workOrders.filter((wo) => wo.itemNumber === item.itemNumber && OPEN.has(wo.status));
    for (const wo of orders.filter((o) => o.revision === item.fromRevision)) {
      actions.flags.push({ number: wo.number });
      if (WRITES_OFF.has(item.disposition) && NOT_STARTED.has(wo.status)) {
        actions.holds.push({ number: wo.number, reason: `${change.number}: ${item.disposition} of outgoing material; review before building` });
      }
    }
  }
  for (const [itemNumber, need] of componentNeeds(input)) {
    const onHand = input.incomingStock.filter((s) => s.itemNumber === itemNumber && s.stockType === 'unrestricted').reduce((n, s) => n + s.quantity, 0);
    const onOrder = input.incomingOrders
      .filter((po) => OPEN_PURCHASE_ORDER.has(po.status))
      .flatMap((po) => po.lines.filter((l) => l.itemNumber === itemNumber))
      .reduce((n, l) => n + Math.max(l.quantity - l.receivedQuantity, 0), 0);
    const net = need.quantity - onHand - onOrder;
    if (net > 0) {
      actions.requisitions.push({ itemNumber, quantity: net, unit: need.unit, needDate: new Date(need.needDate).toISOString(), reference: change.number });
    }
  }
  return actions;
}
