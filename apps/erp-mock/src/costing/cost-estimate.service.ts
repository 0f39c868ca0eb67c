import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { explodeBom } from '../bom/bom-structure';
import { keyLiteral, PayloadReader } from '../odata/payload';
import { parseQueryOptions } from '../odata/odata-query';
import { ODataReader } from '../odata/odata-reader.service';
import { parseODataDate, startOfUtcDay } from '../odata/odata-values';
import { SapError } from '../odata/sap-error';

const ESTIMATE_TYPE = 'API_PRODUCT_COST_ESTIMATE_SRV.A_ProductCostEstimateType';

interface CostEstimateInput {
  material: string;
  plant: string;
  changeDocument: string;
  revisionLevel: string;
  costingDate: Date;
}

interface Valuation {
  product: string;
  procurement_type: 'E' | 'F';
  price: string;
  conversion_cost: string;
  currency: string;
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
    private readonly reader: ODataReader,
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
    const plantRecord = await em.query('SELECT 1 FROM erp_mock.product_plants WHERE product = $1 AND plant = $2 FOR UPDATE', [input.material, input.plant]);
    if (plantRecord.length === 0) throw new SapError(400, 'CK/014', `Material ${input.material} is not maintained in plant ${input.plant}`);
    const same = await em.query('SELECT 1 FROM erp_mock.cost_estimates WHERE material = $1 AND plant = $2 AND change_document = $3', [
      input.material,
      input.plant,
      input.changeDocument,
    ]);
    if (same.length > 0) throw alreadyCosted(input);
    const day = input.costingDate.toISOString().slice(0, 10);
    const [bom]: Array<{ revision_level: string }> = await em.query(
      `SELECT revision_level FROM erp_mock.material_boms
        WHERE material = $1 AND plant = $2 AND variant = '1' AND valid_from <= $3 AND valid_to > $3`,
      [input.material, input.plant, input.costingDate],
    );
    if (!bom) throw new SapError(400, 'CK/380', `No BOM of material ${input.material} in plant ${input.plant} is valid on ${day}`);
    if (bom.revision_level !== input.revisionLevel) {
      throw new SapError(400, 'CK/381', `The BOM valid on ${day} has revision level ${bom.revision_level}, not ${input.revisionLevel}`);
    }
    const lines = await explodeBom(em, input.material, input.plant, input.costingDate);
    const materials = [...new Set([input.material, ...lines.map((l) => l.component)])];
    // Components at the price in force on the costing date; the previous price is today's.
    const rows: Valuation[] = await em.query(
      `SELECT v.product, pp.procurement_type, v.conversion_cost::text AS conversion_cost, v.currency,
              (CASE WHEN v.future_price_valid_from <= $3 THEN v.future_price ELSE v.standard_price END)::text AS price
         FROM erp_mock.product_valuations v
         JOIN erp_mock.product_plants pp ON pp.product = v.product AND pp.plant = v.valuation_area
        WHERE v.valuation_area = $1 AND v.product = ANY($2)`,
      [input.plant, materials, input.costingDate],
    );
    const valuations = new Map(rows.map((r) => [r.product, { make: r.procurement_type === 'E', price: Number(r.price), conversionCost: Number(r.conversion_cost) }]));
    const cost = rollUp(
      input.material,
      lines.map((l) => ({ parent: l.parent, component: l.component, quantity: Number(l.quantity) })),
      valuations,
    );
    const [current]: Array<{ price: string; currency: string }> = await em.query(
      `SELECT (CASE WHEN future_price_valid_from <= now() THEN future_price ELSE standard_price END)::text AS price, currency
         FROM erp_mock.product_valuations WHERE product = $1 AND valuation_area = $2`,
      [input.material, input.plant],
    );
    await em.query("SELECT pg_advisory_xact_lock(hashtext('erp_mock.cost_estimate_number'))");
    const [{ next }] = await em.query(`SELECT lpad((coalesce(max(cost_estimate::bigint), 100000) + 1)::text, 12, '0') AS next FROM erp_mock.cost_estimates`);
    await em.query(
      `INSERT INTO erp_mock.cost_estimates
         (cost_estimate, material, plant, change_document, revision_level, valuation_date, material_cost, conversion_cost, total_cost, previous_price, currency)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [next, input.material, input.plant, input.changeDocument, input.revisionLevel, input.costingDate, cost.materialCost, cost.conversionCost, cost.total, current.price, current.currency],
    );
    await em.query(
      'UPDATE erp_mock.product_valuations SET future_price = $3, future_price_valid_from = $4 WHERE product = $1 AND valuation_area = $2',
      [input.material, input.plant, cost.total, input.costingDate],
    );
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

/**
 * The conversion (activity and overhead) share of each made material: its standard price minus
 * the material cost of its first BOM version, the one the standard price was costed on.
 */
export async function deriveConversionCosts(em: EntityManager): Promise<void> {
  await em.query(`
    UPDATE erp_mock.product_valuations v SET conversion_cost = v.standard_price - m.material_cost
      FROM (
        SELECT b.material, b.plant, sum(i.quantity / b.base_quantity * cv.standard_price) AS material_cost
          FROM erp_mock.material_boms b
          JOIN erp_mock.material_bom_items i ON i.bom_id = b.id
          JOIN erp_mock.product_valuations cv ON cv.product = i.component AND cv.valuation_area = b.plant
         WHERE b.id IN (SELECT DISTINCT ON (material, plant) id FROM erp_mock.material_boms WHERE variant = '1' ORDER BY material, plant, valid_from)
         GROUP BY b.material, b.plant
      ) m
     WHERE m.material = v.product AND m.plant = v.valuation_area`);
}
