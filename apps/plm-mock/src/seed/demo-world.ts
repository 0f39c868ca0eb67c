/**
 * The shared demo world as the simulated Windchill holds it: design parts at revision A, released,
 * with their single-level structures. The other mocks seed the same item numbers in their own
 * dialects.
 */
export interface DemoPart {
  number: string;
  name: string;
  source: 'make' | 'buy';
  unit: string;
}

export interface DemoUse {
  parent: string;
  findNumber: number;
  child: string;
  quantity: number;
  referenceDesignators?: string;
  /** Default `ea`. */
  unit?: string;
}

export const DEMO_RELEASE_DATE = new Date('2025-06-02T08:00:00.000Z');

export const DEMO_PARTS: DemoPart[] = [
  { number: 'PUMP-100', name: 'Centrifugal pump assembly', source: 'make', unit: 'ea' },
  { number: 'HOUSING-110', name: 'Pump housing', source: 'make', unit: 'ea' },
  { number: 'CASTING-111', name: 'Pump housing casting, EN-GJL-250', source: 'buy', unit: 'ea' },
  { number: 'IMPELLER-120', name: 'Impeller, closed, 5 vanes', source: 'make', unit: 'ea' },
  { number: 'BLANK-121', name: 'Impeller blank, CuSn10', source: 'buy', unit: 'ea' },
  { number: 'SHAFT-130', name: 'Drive shaft, 1.4021', source: 'buy', unit: 'ea' },
  { number: 'MOTOR-140', name: 'Electric motor 5.5 kW IE3', source: 'buy', unit: 'ea' },
  { number: 'SEAL-200', name: 'Shaft seal, NBR', source: 'buy', unit: 'ea' },
  { number: 'SEAL-210', name: 'Shaft seal, FKM', source: 'buy', unit: 'ea' },
  { number: 'BOLT-M8', name: 'Hex bolt ISO 4017 M8x25, 8.8', source: 'buy', unit: 'ea' },
  { number: 'VALVE-300', name: 'Gate valve DN50', source: 'make', unit: 'ea' },
  { number: 'BODY-310', name: 'Valve body DN50', source: 'make', unit: 'ea' },
  { number: 'CASTING-311', name: 'Valve body casting, EN-GJS-400', source: 'buy', unit: 'ea' },
  { number: 'STEM-320', name: 'Valve stem, 1.4021', source: 'buy', unit: 'ea' },
];

export const DEMO_USES: DemoUse[] = [
  { parent: 'PUMP-100', findNumber: 10, child: 'HOUSING-110', quantity: 1 },
  { parent: 'PUMP-100', findNumber: 20, child: 'IMPELLER-120', quantity: 1 },
  { parent: 'PUMP-100', findNumber: 30, child: 'SHAFT-130', quantity: 1 },
  { parent: 'PUMP-100', findNumber: 40, child: 'SEAL-200', quantity: 2, referenceDesignators: 'S1,S2' },
  { parent: 'PUMP-100', findNumber: 50, child: 'MOTOR-140', quantity: 1 },
  { parent: 'PUMP-100', findNumber: 60, child: 'BOLT-M8', quantity: 8 },
  { parent: 'HOUSING-110', findNumber: 10, child: 'CASTING-111', quantity: 1 },
  { parent: 'HOUSING-110', findNumber: 20, child: 'BOLT-M8', quantity: 4 },
  { parent: 'IMPELLER-120', findNumber: 10, child: 'BLANK-121', quantity: 1 },
  { parent: 'VALVE-300', findNumber: 10, child: 'BODY-310', quantity: 1 },
  { parent: 'VALVE-300', findNumber: 20, child: 'SEAL-200', quantity: 1 },
  { parent: 'VALVE-300', findNumber: 30, child: 'STEM-320', quantity: 1 },
  { parent: 'VALVE-300', findNumber: 40, child: 'BOLT-M8', quantity: 4 },
  { parent: 'BODY-310', findNumber: 10, child: 'CASTING-311', quantity: 1 },
];
