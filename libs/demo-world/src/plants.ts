/**
 * The three demo plants as every mock knows them (codes, names, currencies). Each mock keeps its
 * own richer plant data (time zones, work centres, resources, calendars) in its own seed; this is
 * what the shared family data needs: which plant builds which products.
 */
export type PlantCode = 'P1' | 'P2' | 'P3';

export interface DemoPlant {
  code: PlantCode;
  name: string;
  currency: 'EUR' | 'CZK' | 'MXN';
  /** Series-2000 pump models (1-12) this plant builds. */
  pumpModels: number[];
  /** Booster skids (1-6) this plant builds. */
  skids: number[];
  /** Lot sizes relative to the standard lots: Brno works one shift and builds in smaller lots. */
  lotFactor: number;
  /** Seed of the plant's random sequence (order quantities, dates, stock). */
  seed: number;
}

export const DEMO_PLANTS: DemoPlant[] = [
  { code: 'P1', name: 'Leipzig', currency: 'EUR', pumpModels: [1, 2, 3, 4, 5, 6], skids: [1, 2, 3], lotFactor: 1, seed: 11 },
  { code: 'P2', name: 'Brno', currency: 'CZK', pumpModels: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], skids: [], lotFactor: 0.5, seed: 23 },
  { code: 'P3', name: 'Monterrey', currency: 'MXN', pumpModels: [7, 8, 9, 10, 11, 12], skids: [4, 5, 6], lotFactor: 1, seed: 37 },
];

export function demoPlant(code: string): DemoPlant {
  const plant = DEMO_PLANTS.find((p) => p.code === code);
  if (!plant) throw new Error(`no demo plant ${code}`);
  return plant;
}

/** A small deterministic PRNG (mulberry32): the same seed gives the same demo data everywhere. */
export function seededSequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
