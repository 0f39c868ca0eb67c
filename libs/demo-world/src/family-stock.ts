import { DemoFamily, partKind } from './demo-family';
import { DEMO_PLANTS, PlantCode, seededSequence } from './plants';

/**
 * Unrestricted stock of the family's bought parts per plant: ERP books it at storage location 0001,
 * the plant's scheduler holds it as the item's buffer on hand. A few parts per plant are out of
 * stock (ERP has open purchase orders for them), so the schedulers find some material shortages.
 */
export interface FamilyStock {
  plant: PlantCode;
  item: string;
  /** In the part's unit (ea, kg, m). */
  quantity: number;
}

/** Typical stock range by part kind. */
const RANGE: Record<string, [number, number]> = {
  BOLT: [1500, 5000],
  NUT: [1500, 5000],
  WASHER: [1500, 5000],
  ORING: [200, 800],
  BEARING: [80, 240],
  GASKET: [100, 400],
  MSEAL: [30, 120],
  MOTOR: [6, 24],
  VFD: [4, 16],
  BAR: [300, 1200],
  SHEET: [800, 3000],
  BEAM: [60, 240],
  PIPE: [40, 160],
  FLANGE: [40, 160],
  CABLE: [100, 500],
  COUPLING: [10, 40],
  CASTING: [20, 80],
  BLANK: [20, 80],
  ENCLOSURE: [2, 8],
};

/** Bought parts each plant has run out of. */
export const FAMILY_SHORTAGES: Record<PlantCode, string[]> = {
  P1: ['MSEAL-35', 'CASTING-2032'],
  P2: ['MSEAL-40', 'BLANK-2084'],
  P3: ['MOTOR-0300', 'ENCLOSURE-7551'],
};

export function buildFamilyStock(family: DemoFamily): FamilyStock[] {
  const stock: FamilyStock[] = [];
  for (const plant of DEMO_PLANTS) {
    const random = seededSequence(plant.seed * 7 + 1);
    for (const part of family.parts) {
      if (part.source !== 'buy') continue;
      const [min, max] = RANGE[partKind(part.number)];
      // Drawn for every part, so a shortage does not shift the quantities of the parts after it.
      const quantity = Math.round((min + random() * (max - min)) / (max >= 1000 ? 50 : max >= 100 ? 10 : 1)) * (max >= 1000 ? 50 : max >= 100 ? 10 : 1);
      if (FAMILY_SHORTAGES[plant.code].includes(part.number)) continue;
      stock.push({ plant: plant.code, item: part.number, quantity });
    }
  }
  return stock;
}
