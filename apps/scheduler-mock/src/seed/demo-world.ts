import { demoPlantCalendar, nextHolidayDate } from '@threadline/demo-world';
import { localToUtc } from '../planning/work-calendar';

/**
 * Each plant's frePPLe view of Threadline's shared demo world (same item numbers as PLM and
 * ERP): resources, calendars, routings, BOM consumption, stock and manufacturing orders.
 * Dates are relative to the seeding day so the demo stays current; built purely, stored by the seeder.
 */

export type Row = Record<string, unknown>;

export interface PlantSeed {
  plant: { code: string; name: string; timezone: string };
  calendar: Row[];
  calendarbucket: Row[];
  resource: Row[];
  item: Row[];
  buffer: Row[];
  operation: Row[];
  operationresource: Row[];
  operationmaterial: Row[];
  manufacturingorder: Row[];
}

/** Source of every record loaded at start-up; records a change writes carry its number. */
export const INITIAL_SOURCE = 'initial-load';
/** Source of the manufacturing orders loaded from ERP: their reference is the ERP order number. */
export const ERP_SOURCE = 'erp-load';

const PLANTS = [
  { code: 'P1', name: 'Leipzig', timezone: 'Europe/Berlin', shifts: 2, holiday: demoPlantCalendar('P1').holidays[0], sealStock: 300 },
  { code: 'P2', name: 'Brno', timezone: 'Europe/Prague', shifts: 1, holiday: demoPlantCalendar('P2').holidays[0], sealStock: 120 },
  { code: 'P3', name: 'Monterrey', timezone: 'America/Monterrey', shifts: 3, holiday: demoPlantCalendar('P3').holidays[0], sealStock: 200 },
] as const;

export const DEMO_PLANTS = PLANTS.map((p) => p.code);

const ITEMS: Array<[string, string, 'make' | 'buy']> = [
  ['PUMP-100', 'Centrifugal pump assembly', 'make'],
  ['HOUSING-110', 'Pump housing', 'make'],
  ['IMPELLER-120', 'Impeller', 'make'],
  ['SHAFT-130', 'Pump shaft', 'buy'],
  ['MOTOR-140', 'Electric motor 4 kW', 'buy'],
  ['CASTING-111', 'Housing casting', 'buy'],
  ['BLANK-121', 'Impeller blank', 'buy'],
  ['SEAL-200', 'Shaft seal, NBR', 'buy'],
  ['SEAL-210', 'Shaft seal, FKM', 'buy'],
  ['BOLT-M8', 'Hex bolt M8x25', 'buy'],
  ['VALVE-300', 'Gate valve DN50', 'make'],
  ['BODY-310', 'Valve body', 'make'],
  ['CASTING-311', 'Valve body casting', 'buy'],
  ['STEM-320', 'Valve stem', 'buy'],
];

export type WorkCentre = 'CNC' | 'ASSY' | 'TEST';

/** Routing steps: sequence, description, work centre, setup minutes, run minutes per unit. */
const ROUTINGS: Record<string, Array<[number, string, WorkCentre, number, number]>> = {
  'PUMP-100': [
    [10, 'assembly', 'ASSY', 30, 20],
    [20, 'test', 'TEST', 10, 15],
  ],
  'HOUSING-110': [
    [10, 'machining', 'CNC', 45, 12],
    [20, 'deburr', 'ASSY', 0, 5],
  ],
  'IMPELLER-120': [
    [10, 'machining', 'CNC', 30, 8],
    [20, 'balancing', 'TEST', 10, 6],
  ],
  'VALVE-300': [
    [10, 'assembly', 'ASSY', 20, 15],
    [20, 'pressure test', 'TEST', 10, 10],
  ],
  'BODY-310': [[10, 'machining', 'CNC', 40, 10]],
};

/** Revision A bills of materials: component and quantity per unit. */
const BOMS: Record<string, Array<[string, number]>> = {
  'PUMP-100': [
    ['HOUSING-110', 1],
    ['IMPELLER-120', 1],
    ['SHAFT-130', 1],
    ['SEAL-200', 2],
    ['MOTOR-140', 1],
    ['BOLT-M8', 8],
  ],
  'HOUSING-110': [
    ['CASTING-111', 1],
    ['BOLT-M8', 4],
  ],
  'IMPELLER-120': [['BLANK-121', 1]],
  'VALVE-300': [
    ['BODY-310', 1],
    ['SEAL-200', 1],
    ['STEM-320', 1],
    ['BOLT-M8', 4],
  ],
  'BODY-310': [['CASTING-311', 1]],
};

/**
 * The production orders ERP holds for each plant (apps/erp-mock's DEMO_PRODUCTION_ORDERS, numbered
 * plant by plant from 1000001 in the order P1, P2, P3): item, quantity, ERP state, start in days
 * from the seeding day, duration in days, priority. Loaded with the ERP number as `reference` and
 * source `erp-load`, so a job and its exceptions point back at the ERP work order.
 */
const ERP_ORDERS: Array<[string, number, 'created' | 'released' | 'in-progress' | 'completed', number, number, number]> = [
  ['PUMP-100', 20, 'completed', -12, 3, 3],
  ['PUMP-100', 25, 'in-progress', -1, 3, 1],
  ['PUMP-100', 30, 'released', 4, 3, 2],
  ['PUMP-100', 40, 'created', 15, 4, 4],
  ['VALVE-300', 50, 'released', 6, 2, 2],
  ['VALVE-300', 60, 'created', 20, 2, 4],
];
export const ERP_FIRST_ORDER_NUMBER = 1_000_001;

/** ERP's production order states in frePPLe's manufacturing order statuses. */
const FROM_ERP_STATE = { created: 'proposed', released: 'approved', 'in-progress': 'confirmed', completed: 'completed' } as const;

/**
 * Orders only the scheduler knows (sub-assemblies and the planner's own proposals), with MO-...
 * references: item, quantity, status, due in days from the seeding day, priority.
 */
const SCHEDULER_ORDERS: Array<[string, number, string, number, number]> = [
  ['VALVE-300', 8, 'completed', -3, 3],
  ['HOUSING-110', 20, 'confirmed', 1, 1],
  ['VALVE-300', 10, 'confirmed', 3, 1],
  ['IMPELLER-120', 20, 'approved', 3, 2],
  ['BODY-310', 10, 'approved', 4, 2],
  ['PUMP-100', 20, 'proposed', 7, 3],
  ['HOUSING-110', 15, 'proposed', 9, 5],
  ['VALVE-300', 6, 'proposed', 12, 4],
];

/** The ERP production order number of a plant's i-th ERP order (as erp-mock numbers them). */
export function erpOrderNumber(plant: string, index: number): string {
  const plantIndex = PLANTS.findIndex((p) => p.code === plant);
  if (plantIndex < 0) throw new Error(`no demo plant ${plant}`);
  return String(ERP_FIRST_ORDER_NUMBER + plantIndex * ERP_ORDERS.length + index);
}

const DAY = 86_400_000;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

function days(flags: string): Row {
  return Object.fromEntries(WEEKDAYS.map((d, i) => [d, flags[i] === 'x']));
}

/** The resources of each work-centre type in a plant, in the order a step tries them. */
export function plantMachines(code: string): Record<WorkCentre, string[]> {
  return {
    CNC: code === 'P3' ? ['P3-CNC-1', 'P3-CNC-2'] : [`${code}-CNC`],
    ASSY: [`${code}-ASSY`],
    TEST: [`${code}-TEST`],
  };
}

export function routingName(item: string, plant: string): string {
  return `${item} @ ${plant}`;
}

export function buildPlantSeed(code: string, today: Date): PlantSeed {
  const p = PLANTS.find((x) => x.code === code);
  if (!p) throw new Error(`no demo plant ${code}`);
  const calendarName = `${code}-${p.shifts}SHIFT`;
  const shiftBuckets: Row[] =
    p.shifts === 1
      ? [{ ...days('xxxxx..'), starttime: '06:00:00', endtime: '14:00:00' }]
      : p.shifts === 2
        ? [{ ...days('xxxxx..'), starttime: '06:00:00', endtime: '22:00:00' }]
        : [
            { ...days('xxxxx..'), starttime: '06:00:00', endtime: '23:59:59' },
            // The night shift runs past midnight, which a frePPLe bucket cannot: Tue-Sat 00:00-06:00.
            { ...days('.xxxxx.'), starttime: '00:00:00', endtime: '06:00:00' },
          ];
  // ERP's factory calendar holds the same holidays (@threadline/demo-world calendars).
  const holiday = nextHolidayDate(p.holiday, today);
  const holidayStart = localToUtc(holiday, 0, p.timezone);
  const holidayEnd = localToUtc(holiday, 1440, p.timezone);

  const machines = plantMachines(code);
  const resourceDescriptions: Record<WorkCentre, string> = { CNC: 'CNC machining centre', ASSY: 'Assembly line', TEST: 'Test bench' };

  const operation: Row[] = [];
  const operationresource: Row[] = [];
  for (const [item, steps] of Object.entries(ROUTINGS)) {
    const routing = routingName(item, code);
    operation.push({ name: routing, type: 'routing', item, location: code, priority: 1, description: `Routing of ${item}`, source: INITIAL_SOURCE });
    for (const [seq, description, wc, setup, run] of steps) {
      const name = `${routing} - ${seq} ${description}`;
      operation.push({
        name,
        type: 'time_per',
        item,
        location: code,
        owner: routing,
        priority: seq,
        duration: setup * 60,
        duration_per: run * 60,
        description,
        source: INITIAL_SOURCE,
      });
      machines[wc].forEach((resource, i) =>
        operationresource.push({ operation: name, resource, quantity: 1, name: wc, priority: i + 1, search: 'PRIORITY', source: INITIAL_SOURCE }),
      );
    }
  }

  const operationmaterial: Row[] = [];
  for (const [item, lines] of Object.entries(BOMS)) {
    const routing = routingName(item, code);
    for (const [component, quantity] of lines) {
      operationmaterial.push({ operation: routing, item: component, quantity: -quantity, type: 'start', revision: 'A', source: INITIAL_SOURCE });
    }
    operationmaterial.push({ operation: routing, item, quantity: 1, type: 'end', revision: 'A', source: INITIAL_SOURCE });
  }

  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const hours = (dayOffset: number, hour: number) => new Date(midnight + dayOffset * DAY + hour * 3_600_000);
  // ERP's planned start is 06:00 UTC on the start day, its planned end 14:00 UTC on the last day:
  // the end is the job's due date here.
  const fromErp: Row[] = ERP_ORDERS.map(([item, quantity, state, startDays, durationDays, priority], i) => {
    const done = state === 'completed';
    return {
      reference: erpOrderNumber(code, i),
      operation: routingName(item, code),
      item,
      quantity,
      status: FROM_ERP_STATE[state],
      priority,
      due: hours(startDays + durationDays, 14),
      startdate: done || state === 'in-progress' ? hours(startDays, 6) : null,
      enddate: done ? hours(startDays + durationDays, 14) : null,
      source: ERP_SOURCE,
    };
  });
  const schedulerOnly: Row[] = SCHEDULER_ORDERS.map(([item, quantity, status, dueDays, priority], i) => {
    const due = new Date(midnight + dueDays * DAY + 16 * 3_600_000);
    const done = status === 'completed';
    return {
      reference: `MO-${code}-${String(i + 1).padStart(4, '0')}`,
      operation: routingName(item, code),
      item,
      quantity,
      status,
      priority,
      due,
      startdate: done ? new Date(due.getTime() - 2 * DAY) : null,
      enddate: done ? new Date(due.getTime() - DAY) : null,
      source: INITIAL_SOURCE,
    };
  });
  const manufacturingorder = [...fromErp, ...schedulerOnly];

  return {
    plant: { code, name: p.name, timezone: p.timezone },
    calendar: [{ name: calendarName, description: `${p.name}: ${p.shifts} shift(s) Mon-Fri`, defaultvalue: 0, source: INITIAL_SOURCE }],
    calendarbucket: [
      ...shiftBuckets.map((b) => ({ calendar: calendarName, value: 1, priority: 10, source: INITIAL_SOURCE, ...b })),
      {
        calendar: calendarName,
        value: 0,
        priority: 1,
        startdate: new Date(holidayStart),
        enddate: new Date(holidayEnd),
        ...days('xxxxxxx'),
        starttime: '00:00:00',
        endtime: '23:59:59',
        source: INITIAL_SOURCE,
      },
    ],
    resource: (Object.keys(machines) as WorkCentre[]).flatMap((wc) =>
      machines[wc].map((name, i) => ({
        name,
        description: `${resourceDescriptions[wc]}${machines[wc].length > 1 ? ` ${i + 1}` : ''}`,
        location: code,
        type: 'default',
        maximum: 1,
        available: calendarName,
        source: INITIAL_SOURCE,
      })),
    ),
    item: ITEMS.map(([name, description, category]) => ({ name, description, category, type: 'make to stock', uom: 'EA', source: INITIAL_SOURCE })),
    buffer: ITEMS.filter(([name, , category]) => category === 'buy' && name !== 'SEAL-210').map(([item]) => ({
      item,
      location: code,
      // Bolts are bought by the thousand; the old seal is being used up, so it runs short first.
      onhand: item === 'SEAL-200' ? p.sealStock : item === 'BOLT-M8' ? 5000 : 500,
      source: INITIAL_SOURCE,
    })),
    operation,
    operationresource,
    operationmaterial,
    manufacturingorder,
  };
}
