import type { InventoryPositionDto, PlantWorkCalendarDto, PurchaseOrderDto } from '@threadline/canonical';
import { componentAvailability, plantAvailability, workCalendarDays } from './production-readiness.rules';

const stock = (itemNumber: string, quantity: number, stockType: InventoryPositionDto['stockType'] = 'unrestricted'): InventoryPositionDto => ({
  plant: 'P1',
  itemNumber,
  location: '0001',
  lot: null,
  stockType,
  quantity,
  unit: 'EA',
});

const order = (number: string, status: PurchaseOrderDto['status'], lines: Array<[number, string, number, number, string]>): PurchaseOrderDto => ({
  number,
  plant: 'P1',
  supplierId: '17300001',
  status,
  lines: lines.map(([line, itemNumber, quantity, receivedQuantity, deliveryDate]) => ({ line, itemNumber, quantity, unit: 'EA', deliveryDate, receivedQuantity })),
});

describe('componentAvailability', () => {
  it('counts unrestricted stock only, over every location and lot', () => {
    const availability = componentAvailability('SEAL-200', [stock('SEAL-200', 140), stock('SEAL-200', 20, 'quality-inspection'), stock('SEAL-200', 5), stock('BOLT-M8', 99)], []);
    expect(availability).toEqual({ componentNumber: 'SEAL-200', onHand: 145, supplies: [] });
  });

  it("takes each open line's open quantity from the start of its delivery day, earliest first; received, cancelled and other items' lines are no supply", () => {
    const orders = [
      order('4500000009', 'OPEN', [
        [10, 'SEAL-200', 100, 0, '2027-01-20'],
        [20, 'BOLT-M8', 500, 0, '2026-12-01'],
      ]),
      order('4500000002', 'PARTIALLY_RECEIVED', [[10, 'SEAL-200', 400, 150, '2027-01-15']]),
      order('4500000003', 'RECEIVED', [[10, 'SEAL-200', 50, 50, '2026-11-01']]),
      order('4500000004', 'CANCELLED', [[10, 'SEAL-200', 70, 0, '2026-12-10']]),
    ];
    expect(componentAvailability('SEAL-200', [], orders).supplies).toEqual([
      { reference: '4500000002/10', quantity: 250, availableFrom: '2027-01-15T00:00:00.000Z' },
      { reference: '4500000009/10', quantity: 100, availableFrom: '2027-01-20T00:00:00.000Z' },
    ]);
  });
});

describe('plantAvailability', () => {
  it('gives every item with stock or supply in the plant, by number, with no stock as 0 on hand', () => {
    const result = plantAvailability([stock('SEAL-200', 140)], [order('4500000001', 'OPEN', [[10, 'MSEAL-35', 40, 0, '2026-12-20']])]);
    expect(result.map((c) => [c.componentNumber, c.onHand, c.supplies.length])).toEqual([
      ['MSEAL-35', 0, 1],
      ['SEAL-200', 140, 0],
    ]);
  });
});

describe('work calendar days for the scheduler', () => {
  const calendar = (days: Array<[string, string]>): PlantWorkCalendarDto => ({
    plant: 'P1',
    calendarId: 'DE',
    timeZone: 'Europe/Berlin',
    workingWeekdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
    nonWorkingDays: days.map(([date, name]) => ({ date, name })),
    lastChangedAt: null,
  });

  it("gives ERP's non-working days from yesterday on, each date once, in date order", () => {
    const now = new Date('2026-12-06T10:00:00Z');
    const days = workCalendarDays(
      calendar([
        ['2027-12-25', 'Christmas Day'],
        ['2026-12-25', 'Christmas Day'],
        ['2026-12-05', 'Yesterday'],
        ['2026-12-04', 'Past'],
        ['2026-12-25', 'Again'],
      ]),
      now,
    );
    expect(days).toEqual([
      { date: '2026-12-05', name: 'Yesterday' },
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2027-12-25', name: 'Christmas Day' },
    ]);
  });

  it('gives none for a calendar without non-working days (the synced days are then removed)', () => {
    expect(workCalendarDays(calendar([]))).toEqual([]);
  });
});
