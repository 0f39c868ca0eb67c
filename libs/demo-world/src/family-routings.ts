import { DemoFamily, partKind } from './demo-family';

/**
 * The work-centre types a routing step needs. Every demo plant has each of them (Monterrey has two
 * CNC machines); each mock maps a type to its own work centres or resources. Welding, cutting and
 * panel wiring run on the assembly (ASSY) and machining (CNC) work centres of the demo plants,
 * which keeps the plants' resources as they are.
 */
export type WorkCentreType = 'CNC' | 'ASSY' | 'TEST';

/** One step of a make part's routing: setup in minutes, run in minutes per unit. */
export interface FamilyOperation {
  item: string;
  /** 10, 20, ... */
  sequence: number;
  workCentreType: WorkCentreType;
  description: string;
  setupMinutes: number;
  runMinutesPerUnit: number;
}

type Step = [WorkCentreType, string, number, number];

/** Routing templates by part kind; run minutes grow with the model size (0..5). */
const TEMPLATES: Record<string, (size: number) => Step[]> = {
  PUMP: (s) => [
    ['ASSY', 'Pump assembly', 30, 25 + 3 * s],
    ['TEST', 'Performance test', 15, 12 + s],
  ],
  HOUSING: (s) => [
    ['CNC', 'Machining', 45, 14 + 2 * s],
    ['ASSY', 'Deburr and wash', 0, 5],
  ],
  IMPELLER: (s) => [
    ['CNC', 'Machining', 30, 9 + s],
    ['TEST', 'Balancing', 10, 6],
  ],
  ROTOR: (s) => [
    ['ASSY', 'Rotor assembly', 15, 10 + s],
    ['TEST', 'Run-out check', 5, 4],
  ],
  SHAFT: (s) => [
    ['CNC', 'Turning', 25, 8 + s],
    ['CNC', 'Keyway milling', 15, 4],
  ],
  BRGHSG: (s) => [['CNC', 'Machining', 35, 10 + s]],
  PUMPUNIT: () => [
    ['ASSY', 'Unit assembly and alignment', 20, 45],
    ['TEST', 'Run test', 10, 20],
  ],
  BASEPLATE: () => [
    ['CNC', 'Plasma cutting and drilling', 20, 25],
    ['ASSY', 'Welding', 10, 30],
  ],
  SKID: () => [
    ['ASSY', 'Skid assembly', 60, 180],
    ['TEST', 'Factory acceptance test', 30, 90],
  ],
  FRAME: () => [['ASSY', 'Frame assembly', 20, 40]],
  WELD: () => [
    ['CNC', 'Sawing and drilling', 20, 30],
    ['ASSY', 'Welding', 30, 90],
  ],
  MANIFOLD: () => [
    ['ASSY', 'Manifold assembly', 20, 45],
    ['TEST', 'Pressure test', 15, 30],
  ],
  SPOOL: () => [
    ['CNC', 'Cutting and bevelling', 15, 15],
    ['ASSY', 'Welding', 15, 40],
  ],
  PANEL: () => [
    ['ASSY', 'Panel wiring', 30, 120],
    ['TEST', 'Electrical test', 15, 30],
  ],
};

/** The model size a part's routing scales with: pump models 1-12 repeat sizes 0-5. */
function sizeOf(number: string): number {
  const match = /^[A-Z]+-2(\d\d)\d$/.exec(number);
  return match ? (Number(match[1]) - 1) % 6 : 0;
}

/** Every make part's routing, in part order, steps numbered 10, 20, ... */
export function buildFamilyRoutings(family: DemoFamily): FamilyOperation[] {
  const operations: FamilyOperation[] = [];
  for (const part of family.parts) {
    if (part.source !== 'make') continue;
    const template = TEMPLATES[partKind(part.number)];
    if (!template) throw new Error(`demo family: no routing template for ${part.number}`);
    template(sizeOf(part.number)).forEach(([workCentreType, description, setupMinutes, runMinutesPerUnit], i) =>
      operations.push({ item: part.number, sequence: (i + 1) * 10, workCentreType, description, setupMinutes, runMinutesPerUnit }),
    );
  }
  return operations;
}
