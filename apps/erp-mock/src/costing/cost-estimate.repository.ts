import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ERP_MOCK_SCHEMA } from '../erp-mock.schema';

const COST_ESTIMATES = `${ERP_MOCK_SCHEMA}.cost_estimates`;
const NUMBER_RANGE = `${ERP_MOCK_SCHEMA}.cost_estimate_number`;

export interface NewCostEstimate {
  material: string;
  plant: string;
  changeDocument: string;
  revisionLevel: string;
  valuationDate: Date;
  materialCost: number;
  conversionCost: number;
  totalCost: number;
  previousPrice: string;
  currency: string;
}

/** Cost estimates (CK11N), one per material, plant and change number, numbered from 000000100001. */
@Injectable()
export class CostEstimateRepository {
  async existsForChange(em: EntityManager, material: string, plant: string, changeDocument: string): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM ${COST_ESTIMATES} WHERE material = $1 AND plant = $2 AND change_document = $3`, [
      material,
      plant,
      changeDocument,
    ]);
    return rows.length > 0;
  }

  /** Numbers the estimate from its number range (a sequence: no lock held to the commit); answers the number. */
  async insert(em: EntityManager, estimate: NewCostEstimate): Promise<string> {
    const [{ next }]: Array<{ next: string }> = await em.query(
      `INSERT INTO ${COST_ESTIMATES}
         (cost_estimate, material, plant, change_document, revision_level, valuation_date, material_cost, conversion_cost, total_cost, previous_price, currency)
       VALUES (lpad(nextval('${NUMBER_RANGE}')::text, 12, '0'), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       RETURNING cost_estimate AS next`,
      [
        estimate.material,
        estimate.plant,
        estimate.changeDocument,
        estimate.revisionLevel,
        estimate.valuationDate,
        estimate.materialCost,
        estimate.conversionCost,
        estimate.totalCost,
        estimate.previousPrice,
        estimate.currency,
      ],
    );
    return next;
  }
}
