import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ChangePointerRepository } from '../change-pointer/change-pointer.repository';
import { BomRepository } from '../bom/bom.repository';
import { MaterialRepository } from '../material/material.repository';
import { keyLiteral, PayloadReader } from '../odata/payload';
import { parseQueryOptions } from '../odata/odata-query';
import { ODataReader } from '../odata/odata-reader.service';
import { parseODataDate, startOfUtcDay } from '../odata/odata-values';
import { SapError } from '../odata/sap-error';
import { CostEstimateRepository } from './cost-estimate.repository';

const ESTIMATE_TYPE = 'API_PRODUCT_COST_ESTIMATE_SRV.A_ProductCostEstimateType';

interface CostEstimateInput {
  material: string;
  plant: string;
  changeDocument: string;
  revisionLevel: string;
  costingDate: Date;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The cost of `material` from the BOM lines valid on the costing date: bought components at their
 * standard price on that date, made components at their own roll-up (their BOM's material cost
 * plus their conversion share) or, without a BOM, at their standard price. Each level is
 * rounded to the currency's two places, as a costing run itemises it. Pure, for unit tests.
 */
export function rollUp(
  material: string,
  lines: Array<{ parent: string; component: string; quantity: number }>,
  valuations: Map<string, { make: boolean; price: number; conversionCost: number }>,
): { materialCost: number; conversionCost: number; total: number } {
  const byParent = new Map<string, Array<{ component: string; quantity: number }>>();
  for (const line of lines) byParent.set(line.parent, [...(byParent.get(line.parent) ?? []), line]);
  const valuation = (m: string) => {
    const v = valuations.get(m);
    if (!v) throw new SapError(400, 'CK/240', `Material ${m} has no valuation in the plant; costing not possible`);
    return v;
  };
  const materialCostOf = (m: string, path: string[]): number =>
    round2(
      (byParent.get(m) ?? []).reduce((sum, line) => {
        const v = valuation(line.component);
        const nested = v.make && byParent.has(line.component) && !path.includes(line.component);
        const unitCost = nested ? round2(materialCostOf(line.component, [...path, line.component]) + v.conversionCost) : v.price;
        return sum + line.quantity * unitCost;
      }, 0),
    );
  const materialCost = materialCostOf(material, [material]);
  const conversionCost = valuation(material).conversionCost;
  return { materialCost, conversionCost, total: round2(materialCost + conversionCost) };
}

/**
 * POST A_ProductCostEstimate: costs a material with the BOM valid on CostingDate (which must be
 * the revision level asked for) and marks the result as the material's future standard price
 * from that date (CK11N, then CK24 "mark"). One estimate per material, plant and change number:
 * the same change again is refused with 409, as the unique index guarantees.
 */
@Injectable()
export class CostEstimateService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly estimates: CostEstimateRepository,
    private readonly boms: BomRepository,
    private readonly materials: MaterialRepository,
    private readonly reader: ODataReader,
    private readonly changePointers: ChangePointerRepository,
  ) {}

  async create(body: unknown, serviceRoot: string, servicePath: string): Promise<{ entity: { d: unknown }; location: string }> {
    const input = parseCostEstimatePayload(body);
    try {
      return await this.dataSource.transaction((em) => this.createIn(em, input, serviceRoot, servicePath));
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw alreadyCosted(input);
      throw error;
    }
  }

  private async createIn(em: EntityManager, input: CostEstimateInput, serviceRoot: string, servicePath: string) {
    // Locking the plant record serialises costing runs of one material in one plant.
    if (!(await this.materials.findPlantRecord(em, input.material, input.plant, true))) {
      throw new SapError(400, 'CK/014', `Material ${input.material} is not maintained in plant ${input.plant}`);
    }
    if (await this.estimates.existsForChange(em, input.material, input.plant, input.changeDocument)) throw alreadyCosted(input);
    const day = input.costingDate.toISOString().slice(0, 10);
    const revisionLevel = await this.boms.revisionValidOn(em, input.material, input.plant, input.costingDate);
    if (!revisionLevel) throw new SapError(400, 'CK/380', `No BOM of material ${input.material} in plant ${input.plant} is valid on ${day}`);
    if (revisionLevel !== input.revisionLevel) {
      throw new SapError(400, 'CK/381', `The BOM valid on ${day} has revision level ${revisionLevel}, not ${input.revisionLevel}`);
    }
    const lines = await this.boms.explode(em, input.material, input.plant, input.costingDate);
    const materials = [...new Set([input.material, ...lines.map((l) => l.component)])];
    // Components at the price in force on the costing date; the previous price is today's.
    const rows = await this.materials.valuationsOn(em, input.plant, materials, input.costingDate);
    const valuations = new Map(rows.map((r) => [r.product, { make: r.procurement_type === 'E', price: Number(r.price), conversionCost: Number(r.conversion_cost) }]));
    const cost = rollUp(
      input.material,
      lines.map((l) => ({ parent: l.parent, component: l.component, quantity: Number(l.quantity) })),
      valuations,
    );
    const current = await this.materials.priceNow(em, input.material, input.plant);
    const next = await this.estimates.insert(em, {
      material: input.material,
      plant: input.plant,
      changeDocument: input.changeDocument,
      revisionLevel: input.revisionLevel,
      valuationDate: input.costingDate,
      materialCost: cost.materialCost,
      conversionCost: cost.conversionCost,
      totalCost: cost.total,
      previousPrice: current.price,
      currency: current.currency,
    });
    await this.materials.markFuturePrice(em, input.material, input.plant, cost.total, input.costingDate);
    await this.changePointers.record(em, 'MATERIAL', input.material, input.plant);
    const entity = await this.reader.read({ serviceRoot, servicePath, resource: `A_ProductCostEstimate(${keyLiteral(next)})`, options: parseQueryOptions({}) }, em);
    return { entity, location: (entity.d as { __metadata: { uri: string } }).__metadata.uri };
  }
}

export function parseCostEstimatePayload(body: unknown): CostEstimateInput {
  const payload = PayloadReader.of(body, 'CK', 'A_ProductCostEstimate').only(
    ['Product', 'Plant', 'EngineeringChangeDocument', 'BOMHeaderRevisionLevel', 'CostingDate'],
    ESTIMATE_TYPE,
  );
  if (payload.raw('CostingDate') === undefined) throw new SapError(400, 'CK/002', 'Property CostingDate is mandatory');
  const costingDate = parseODataDate(payload.raw('CostingDate'));
  if (!costingDate) throw new SapError(400, 'CK/003', 'Value for CostingDate is invalid');
  return {
    material: payload.text('Product', true),
    plant: payload.text('Plant', true, 4),
    changeDocument: payload.text('EngineeringChangeDocument', true),
    revisionLevel: payload.text('BOMHeaderRevisionLevel', true, 2),
    costingDate: startOfUtcDay(costingDate),
  };
}

function alreadyCosted(input: CostEstimateInput): SapError {
  return new SapError(409, 'CK/600', `A cost estimate of ${input.material} in plant ${input.plant} for change number ${input.changeDocument} already exists`);
}
