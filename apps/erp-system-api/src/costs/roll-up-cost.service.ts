import { Inject, Injectable } from '@nestjs/common';
import { CostRollupDto, RunCostRollupDto } from '@threadline/canonical';
import { AppError } from '@threadline/platform';
import { ErpConnector } from '../connector/erp.connector';

/**
 * Rolls up an item's cost once per change number: a repeat finds the estimate the first run
 * marked and returns it unchanged. The ERP's refusal of a second estimate for the change (409)
 * is the backstop when two requests race.
 */
@Injectable()
export class RollUpCostService {
  constructor(@Inject(ErpConnector) private readonly erp: ErpConnector) {}

  async rollUp(plant: string, rollup: RunCostRollupDto, correlationId?: string): Promise<CostRollupDto> {
    const existing = await this.erp.findCostRollup(plant, rollup.itemNumber, rollup.changeNumber, correlationId);
    if (existing) return existing;
    try {
      return await this.erp.runCostRollup(plant, rollup, correlationId);
    } catch (error) {
      if (error instanceof AppError && error.status === 409) {
        const raced = await this.erp.findCostRollup(plant, rollup.itemNumber, rollup.changeNumber, correlationId);
        if (raced) return raced;
      }
      throw error;
    }
  }
}
