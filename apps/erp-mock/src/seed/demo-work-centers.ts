import { DEMO_PLANTS } from './demo-world';

const DESCRIPTIONS = { CNC: 'CNC machining', ASSY: 'Assembly', TEST: 'Test bench' } as const;

/** Each plant's work centres (the ones its routings use), with the plant-neutral kind engineering plans with. Pure. */
export function demoWorkCenters(): Array<{ workCenter: string; plant: string; description: string; resourceType: string }> {
  return DEMO_PLANTS.flatMap((p) => [
    ...p.workCenters.CNC.map((workCenter) => ({ workCenter, plant: p.plant, description: DESCRIPTIONS.CNC, resourceType: 'CNC' })),
    { workCenter: p.workCenters.ASSY, plant: p.plant, description: DESCRIPTIONS.ASSY, resourceType: 'ASSY' },
    { workCenter: p.workCenters.TEST, plant: p.plant, description: DESCRIPTIONS.TEST, resourceType: 'TEST' },
  ]);
}
