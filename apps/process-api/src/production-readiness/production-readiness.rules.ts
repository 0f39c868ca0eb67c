import type { ComponentAvailabilityDto, InventoryPositionDto, NonWorkingDayDto, PlantWorkCalendarDto, PurchaseOrderDto } from '@threadline/canonical';

/** Purchase orders still to deliver something. */
const OPEN_ORDER_STATUSES: ReadonlyArray<PurchaseOrderDto['status']> = ['OPEN', 'PARTIALLY_RECEIVED'];

/** A calendar date ('2026-12-10') as the instant its day starts, UTC: what a scheduler plans with. */
function startOfDay(date: string): string {
  return new Date(`${date.slice(0, 10)}T00:00:00.000Z`).toISOString();
}

/**
 * What a plant has of one component, as ERP says: unrestricted stock on hand (quality inspection
 * and blocked stock cannot be used) and each open purchase order line's open quantity from its
 * delivery date, earliest first. Pure.
 */
export function componentAvailability(itemNumber: string, inventory: InventoryPositionDto[], purchaseOrders: PurchaseOrderDto[]): ComponentAvailabilityDto {
  const onHand = inventory.filter((p) => p.itemNumber === itemNumber && p.stockType === 'unrestricted').reduce((sum, p) => sum + p.quantity, 0);
  const supplies = purchaseOrders
    .filter((po) => OPEN_ORDER_STATUSES.includes(po.status))
    .flatMap((po) =>
      po.lines
        .filter((line) => line.itemNumber === itemNumber && line.quantity - line.receivedQuantity > 0)
        .map((line) => ({ reference: `${po.number}/${line.line}`, quantity: line.quantity - line.receivedQuantity, availableFrom: startOfDay(line.deliveryDate) })),
    )
    .sort((a, b) => a.availableFrom.localeCompare(b.availableFrom) || a.reference.localeCompare(b.reference));
  return { componentNumber: itemNumber, onHand, supplies };
}

/** Every component the plant has stock or open supply of, by number. Pure. */
export function plantAvailability(inventory: InventoryPositionDto[], purchaseOrders: PurchaseOrderDto[]): ComponentAvailabilityDto[] {
  const items = new Set<string>([...inventory.map((p) => p.itemNumber), ...purchaseOrders.flatMap((po) => po.lines.map((l) => l.itemNumber))]);
  return [...items].sort().map((item) => componentAvailability(item, inventory, purchaseOrders));
}

/**
 * The non-working days a plant's scheduler gets from ERP's calendar: each date once (the first
 * name given), in date order, and only from yesterday on (a past holiday changes no plan; a day
 * back covers the plants west of UTC). Pure.
 */
export function workCalendarDays(calendar: PlantWorkCalendarDto, now = new Date()): NonWorkingDayDto[] {
  const from = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
  const byDate = new Map<string, NonWorkingDayDto>();
  for (const day of calendar.nonWorkingDays) if (day.date >= from && !byDate.has(day.date)) byDate.set(day.date, { date: day.date, name: day.name });
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}
