import { buildFamilyRoutings } from '@threadline/demo-world';
import type { DemoFamily } from './demo-family';
import type { PlanOperation } from '../process-plans/process-plan.odata';

/**
 * The process plans of the demo world's make parts, as ERP's routings and the schedulers'
 * operations hold them today (same steps, work centre types, setup and run minutes), so that PLM
 * and the plants agree before any change. Work centres are plant-neutral resource codes (CNC,
 * ASSY, TEST); each plant maps them to its own work centres and machines.
 */
const ORIGINAL: Record<string, Array<[string, string, number, number]>> = {
  'PUMP-100': [
    ['Assembly', 'ASSY', 30, 20],
    ['Test', 'TEST', 10, 15],
  ],
  'HOUSING-110': [
    ['Machining', 'CNC', 45, 12],
    ['Deburr', 'ASSY', 0, 5],
  ],
  'IMPELLER-120': [
    ['Machining', 'CNC', 30, 8],
    ['Balancing', 'TEST', 10, 6],
  ],
  'VALVE-300': [
    ['Assembly', 'ASSY', 20, 15],
    ['Pressure test', 'TEST', 10, 10],
  ],
  'BODY-310': [['Machining', 'CNC', 40, 10]],
};

function operationNumber(sequence: number): string {
  return String(sequence).padStart(4, '0');
}

/** Every demo make part's plan operations, by part number. Pure. */
export function buildDemoProcessPlans(family: DemoFamily): Map<string, PlanOperation[]> {
  const plans = new Map<string, PlanOperation[]>();
  for (const [part, steps] of Object.entries(ORIGINAL)) {
    plans.set(
      part,
      steps.map(([label, workCenter, setupTime, runTime], i) => ({ operationNumber: operationNumber((i + 1) * 10), label, workCenter, setupTime, runTime })),
    );
  }
  for (const op of buildFamilyRoutings(family)) {
    const operations = plans.get(op.item) ?? [];
    operations.push({ operationNumber: operationNumber(op.sequence), label: op.description, workCenter: op.workCentreType, setupTime: op.setupMinutes, runTime: op.runMinutesPerUnit });
    plans.set(op.item, operations);
  }
  return plans;
}
