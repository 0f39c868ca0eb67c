import { DemoFamily, FamilyBomLine, FamilyOperation, FamilyPart, partKind } from '@threadline/demo-world';

/**
 * Standard prices of the product family in one plant: bought parts at a plausible purchase price
 * (EUR list price x the plant's purchasing factor, in the plant's currency), made parts rolled up
 * from their BOM (components at their own standard price) plus conversion cost from their routing
 * at the plant's labour rate. Pure; rounded to cents at every level, as a costing run stores them.
 */
export interface PlantCosting {
  /** Plant currency units per EUR. */
  rate: number;
  /** Purchasing factor on EUR list prices (local sourcing). */
  purchasing: number;
  /** Labour and machine rate in EUR per hour. */
  hourlyRateEur: number;
}

export interface FamilyPrice {
  standardPrice: number;
  /** What of the standard price is not material (activities, overhead). */
  conversionCost: number;
}

/** Costing lot: the setup of a routing step is spread over this many units. */
const COSTING_LOT = 10;

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** EUR list price per unit (piece, kg or m) of a bought family part. */
export function listPriceEur(part: FamilyPart): number {
  const n = (part.number.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  switch (partKind(part.number)) {
    case 'BOLT': {
      const [d, l] = /^BOLT-M(\d+)X(\d+)$/.exec(part.number)!.slice(1).map(Number);
      return round2(0.03 + d * d * l * 0.000025);
    }
    case 'NUT':
      return round2(0.02 + n[0] * n[0] * 0.0008);
    case 'WASHER':
      return round2(0.01 + n[0] * n[0] * 0.0003);
    case 'ORING':
      return round2(0.15 + n[0] * 0.01);
    case 'BEARING':
      return round2(4.2 + (n[0] - 6203) * 1.6);
    case 'GASKET':
      return round2(1.5 + n[0] * 0.04);
    case 'MSEAL':
      return round2(45 + n[0] * 1.8);
    case 'MOTOR':
      return round2(180 + (n[0] / 10) * 38);
    case 'VFD':
      return round2(150 + (n[0] / 10) * 30);
    case 'BAR':
      return 4.8;
    case 'SHEET':
      return 1.15;
    case 'BEAM':
      return round2(n[0] * 0.12);
    case 'PIPE':
      return round2(6 + n[0] * 0.18);
    case 'FLANGE':
      return round2(8 + n[0] * 0.35);
    case 'CABLE':
      return round2(1.2 + Number(/4G([\d.]+)$/.exec(part.number)![1]) * 1.1);
    case 'COUPLING':
      return round2(18 + n[0] * 1.5);
    case 'CASTING': {
      const size = (Math.floor(n[0] / 10) - 201) % 6;
      return n[0] % 10 === 2 ? 60 + size * 18 : 35 + size * 8;
    }
    case 'BLANK':
      return 25 + ((Math.floor(n[0] / 10) - 201) % 6) * 9;
    case 'ENCLOSURE':
      return 380 + (Math.floor(n[0] / 100) - 71) * 40;
    default:
      throw new Error(`demo family: no list price for ${part.number}`);
  }
}

/** Standard prices of every family part in one plant, in the plant's currency. */
export function familyPrices(family: DemoFamily, routings: FamilyOperation[], costing: PlantCosting, borrowed: Map<string, number>): Map<string, FamilyPrice> {
  const parts = new Map(family.parts.map((p) => [p.number, p]));
  const lines = new Map<string, FamilyBomLine[]>();
  for (const use of family.uses) lines.set(use.parent, [...(lines.get(use.parent) ?? []), use]);
  const steps = new Map<string, FamilyOperation[]>();
  for (const op of routings) steps.set(op.item, [...(steps.get(op.item) ?? []), op]);
  const prices = new Map<string, FamilyPrice>();

  const priceOf = (number: string): number => {
    const known = prices.get(number)?.standardPrice ?? borrowed.get(number);
    if (known !== undefined) return known;
    const part = parts.get(number);
    if (!part) throw new Error(`demo family: ${number} has no price`);
    if (part.source === 'buy') {
      const standardPrice = round2(listPriceEur(part) * costing.purchasing * costing.rate);
      prices.set(number, { standardPrice, conversionCost: 0 });
      return standardPrice;
    }
    const material = round2((lines.get(number) ?? []).reduce((sum, l) => sum + l.quantity * priceOf(l.child), 0));
    const minutes = (steps.get(number) ?? []).reduce((sum, s) => sum + s.setupMinutes / COSTING_LOT + s.runMinutesPerUnit, 0);
    const conversionCost = round2((minutes / 60) * costing.hourlyRateEur * costing.rate);
    const standardPrice = round2(material + conversionCost);
    // Stored so that the roll-up the mock's costing does (material at component prices + this) gives the same price.
    prices.set(number, { standardPrice, conversionCost: round2(standardPrice - material) });
    return standardPrice;
  };
  for (const part of family.parts) priceOf(part.number);
  return prices;
}
