/**
 * The shared demo world (three plants, PUMP-100 and VALVE-300) as this S/4HANA holds it: SAP
 * units (PC for pieces), procurement types E (in-house) / F (external), 4-digit BOM item numbers.
 */

export interface DemoPlant {
  plant: string;
  name: string;
  city: string;
  country: string;
  timeZone: string;
  currency: string;
  /** Work centres by kind; Monterrey has two CNC machines. */
  workCenters: { CNC: string[]; ASSY: string; TEST: string };
}

export const DEMO_PLANTS: DemoPlant[] = [
  { plant: 'P1', name: 'Leipzig', city: 'Leipzig', country: 'DE', timeZone: 'Europe/Berlin', currency: 'EUR', workCenters: { CNC: ['P1-CNC'], ASSY: 'P1-ASSY', TEST: 'P1-TEST' } },
  { plant: 'P2', name: 'Brno', city: 'Brno', country: 'CZ', timeZone: 'Europe/Prague', currency: 'CZK', workCenters: { CNC: ['P2-CNC'], ASSY: 'P2-ASSY', TEST: 'P2-TEST' } },
  {
    plant: 'P3',
    name: 'Monterrey',
    city: 'Monterrey',
    country: 'MX',
    timeZone: 'America/Monterrey',
    currency: 'MXN',
    workCenters: { CNC: ['P3-CNC1', 'P3-CNC2'], ASSY: 'P3-ASSY', TEST: 'P3-TEST' },
  },
];

export interface DemoProduct {
  product: string;
  type: 'FERT' | 'HALB' | 'ROH';
  description: string;
  procurement: 'E' | 'F';
  /** Standard price in EUR; other plants convert at a fixed demo rate. */
  standardPriceEur: number;
}

export const DEMO_PRODUCTS: DemoProduct[] = [
  { product: 'PUMP-100', type: 'FERT', description: 'Centrifugal pump assembly', procurement: 'E', standardPriceEur: 412.5 },
  { product: 'HOUSING-110', type: 'HALB', description: 'Pump housing, machined', procurement: 'E', standardPriceEur: 86.4 },
  { product: 'IMPELLER-120', type: 'HALB', description: 'Impeller, balanced', procurement: 'E', standardPriceEur: 54.2 },
  { product: 'SHAFT-130', type: 'ROH', description: 'Pump shaft, stainless', procurement: 'F', standardPriceEur: 31.8 },
  { product: 'MOTOR-140', type: 'ROH', description: 'Electric motor 2.2 kW', procurement: 'F', standardPriceEur: 189.0 },
  { product: 'CASTING-111', type: 'ROH', description: 'Housing casting, grey iron', procurement: 'F', standardPriceEur: 42.0 },
  { product: 'BLANK-121', type: 'ROH', description: 'Impeller blank, bronze', procurement: 'F', standardPriceEur: 23.5 },
  { product: 'SEAL-200', type: 'ROH', description: 'Shaft seal, NBR', procurement: 'F', standardPriceEur: 4.1 },
  { product: 'SEAL-210', type: 'ROH', description: 'Shaft seal, FKM', procurement: 'F', standardPriceEur: 6.35 },
  { product: 'BOLT-M8', type: 'ROH', description: 'Hex bolt M8x30, 8.8', procurement: 'F', standardPriceEur: 0.12 },
  { product: 'VALVE-300', type: 'FERT', description: 'Gate valve DN50', procurement: 'E', standardPriceEur: 238.0 },
  { product: 'BODY-310', type: 'HALB', description: 'Valve body, machined', procurement: 'E', standardPriceEur: 97.6 },
  { product: 'CASTING-311', type: 'ROH', description: 'Valve body casting, ductile iron', procurement: 'F', standardPriceEur: 48.3 },
  { product: 'STEM-320', type: 'ROH', description: 'Valve stem, stainless', procurement: 'F', standardPriceEur: 18.9 },
];

/** Demo exchange rates for standard prices in the plants' currencies. */
export const DEMO_RATES: Record<string, number> = { EUR: 1, CZK: 25.2, MXN: 19.8 };

export interface DemoBom {
  material: string;
  items: Array<{ item: string; component: string; quantity: number }>;
}

/** Revision A BOMs, valid from 2026-01-01 in every plant. */
export const DEMO_BOMS: DemoBom[] = [
  {
    material: 'PUMP-100',
    items: [
      { item: '0010', component: 'HOUSING-110', quantity: 1 },
      { item: '0020', component: 'IMPELLER-120', quantity: 1 },
      { item: '0030', component: 'SHAFT-130', quantity: 1 },
      { item: '0040', component: 'SEAL-200', quantity: 2 },
      { item: '0050', component: 'MOTOR-140', quantity: 1 },
      { item: '0060', component: 'BOLT-M8', quantity: 8 },
    ],
  },
  {
    material: 'HOUSING-110',
    items: [
      { item: '0010', component: 'CASTING-111', quantity: 1 },
      { item: '0020', component: 'BOLT-M8', quantity: 4 },
    ],
  },
  { material: 'IMPELLER-120', items: [{ item: '0010', component: 'BLANK-121', quantity: 1 }] },
  {
    material: 'VALVE-300',
    items: [
      { item: '0010', component: 'BODY-310', quantity: 1 },
      { item: '0020', component: 'SEAL-200', quantity: 1 },
      { item: '0030', component: 'STEM-320', quantity: 1 },
      { item: '0040', component: 'BOLT-M8', quantity: 4 },
    ],
  },
  { material: 'BODY-310', items: [{ item: '0010', component: 'CASTING-311', quantity: 1 }] },
];

export const DEMO_BOM_VALID_FROM = new Date(Date.UTC(2026, 0, 1));

export interface DemoOperation {
  material: string;
  operation: string;
  kind: 'CNC' | 'ASSY' | 'TEST';
  text: string;
  setup: number;
  run: number;
}

export const DEMO_ROUTINGS: DemoOperation[] = [
  { material: 'PUMP-100', operation: '0010', kind: 'ASSY', text: 'Assembly', setup: 30, run: 20 },
  { material: 'PUMP-100', operation: '0020', kind: 'TEST', text: 'Test', setup: 10, run: 15 },
  { material: 'HOUSING-110', operation: '0010', kind: 'CNC', text: 'Machining', setup: 45, run: 12 },
  { material: 'HOUSING-110', operation: '0020', kind: 'ASSY', text: 'Deburr', setup: 0, run: 5 },
  { material: 'IMPELLER-120', operation: '0010', kind: 'CNC', text: 'Machining', setup: 30, run: 8 },
  { material: 'IMPELLER-120', operation: '0020', kind: 'TEST', text: 'Balancing', setup: 10, run: 6 },
  { material: 'VALVE-300', operation: '0010', kind: 'ASSY', text: 'Assembly', setup: 20, run: 15 },
  { material: 'VALVE-300', operation: '0020', kind: 'TEST', text: 'Pressure test', setup: 10, run: 10 },
  { material: 'BODY-310', operation: '0010', kind: 'CNC', text: 'Machining', setup: 40, run: 10 },
];

export interface DemoStock {
  material: string;
  plant: string;
  location: string;
  batch: string;
  /** 01 unrestricted, 02 quality inspection, 07 blocked. */
  stockType: '01' | '02' | '07';
  quantity: number;
}

export const DEMO_STOCK: DemoStock[] = [
  { material: 'SEAL-200', plant: 'P1', location: '0001', batch: 'B2026-10', stockType: '01', quantity: 140 },
  { material: 'SEAL-200', plant: 'P1', location: '0001', batch: 'B2026-11', stockType: '02', quantity: 20 },
  { material: 'SEAL-210', plant: 'P1', location: '0001', batch: 'F2026-11', stockType: '01', quantity: 60 },
  { material: 'BOLT-M8', plant: 'P1', location: '0001', batch: '', stockType: '01', quantity: 2400 },
  { material: 'SEAL-200', plant: 'P2', location: '0001', batch: 'B2026-09', stockType: '01', quantity: 320 },
  { material: 'SEAL-200', plant: 'P2', location: '0002', batch: 'B2026-09', stockType: '07', quantity: 12 },
  { material: 'BOLT-M8', plant: 'P2', location: '0001', batch: '', stockType: '01', quantity: 1800 },
  { material: 'SEAL-200', plant: 'P3', location: '0001', batch: 'B2026-08', stockType: '01', quantity: 90 },
  { material: 'BOLT-M8', plant: 'P3', location: '0001', batch: '', stockType: '01', quantity: 3000 },
];

export const DEMO_SUPPLIERS = [
  { supplier: '17300001', name: 'Dichtungstechnik Weber GmbH', country: 'DE' },
  { supplier: '17300002', name: 'Moravske sroubarny s.r.o.', country: 'CZ' },
  { supplier: '17300003', name: 'Motores del Norte S.A. de C.V.', country: 'MX' },
];

export interface DemoPurchaseOrder {
  purchaseOrder: string;
  supplier: string;
  plant: string;
  material: string;
  quantity: number;
  received: number;
  netPrice: number;
  orderedDaysAgo: number;
  deliveryInDays: number;
}

export const DEMO_PURCHASE_ORDERS: DemoPurchaseOrder[] = [
  { purchaseOrder: '4500000001', supplier: '17300001', plant: 'P2', material: 'SEAL-200', quantity: 500, received: 0, netPrice: 103.0, orderedDaysAgo: 5, deliveryInDays: 14 },
  { purchaseOrder: '4500000002', supplier: '17300001', plant: 'P1', material: 'SEAL-200', quantity: 400, received: 150, netPrice: 4.1, orderedDaysAgo: 20, deliveryInDays: 4 },
  { purchaseOrder: '4500000003', supplier: '17300002', plant: 'P3', material: 'BOLT-M8', quantity: 5000, received: 5000, netPrice: 2.4, orderedDaysAgo: 30, deliveryInDays: -10 },
];

export interface DemoProductionOrder {
  material: 'PUMP-100' | 'VALVE-300';
  quantity: number;
  state: 'created' | 'released' | 'in-progress' | 'completed';
  startInDays: number;
  durationDays: number;
}

/** The same order book in each plant; order numbers are assigned plant by plant. */
export const DEMO_PRODUCTION_ORDERS: DemoProductionOrder[] = [
  { material: 'PUMP-100', quantity: 20, state: 'completed', startInDays: -12, durationDays: 3 },
  { material: 'PUMP-100', quantity: 25, state: 'in-progress', startInDays: -1, durationDays: 3 },
  { material: 'PUMP-100', quantity: 30, state: 'released', startInDays: 4, durationDays: 3 },
  { material: 'PUMP-100', quantity: 40, state: 'created', startInDays: 15, durationDays: 4 },
  { material: 'VALVE-300', quantity: 50, state: 'released', startInDays: 6, durationDays: 2 },
  { material: 'VALVE-300', quantity: 60, state: 'created', startInDays: 20, durationDays: 2 },
];
