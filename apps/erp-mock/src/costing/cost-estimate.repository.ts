import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ERP_MOCK_SCHEMA } from '../erp-mock.schema';

const COST_ESTIMATES = `${ERP_MOCK_SCHEMA}.cost_estimates`;
const NUMBER_LOCK = `${ERP_MOCK_SCHEMA}.cost_estimate_number`;

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

  /** Numbers the estimate under a lock held until the transaction ends, so concurrent estimates get distinct numbers; answers the number. */
  async insert(em: EntityManager, estimate: NewCostEstimate): Promise<string> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('${NUMBER_LOCK}'))`);
    const [{ next }]: Array<{ next: string }> = await em.query(
      `SELECT lpad((coalesce(max(cost_estimate::bigint), 100000) + 1)::text, 12, '0') AS next FROM ${COST_ESTIMATES}`,
    );
    await em.query(
      `INSERT INTO ${COST_ESTIMATES}
         (cost_estimate, material, plant, change_document, revision_level, valuation_date, material_cost, conversion_cost, total_cost, previous_price, currency)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        next,
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
