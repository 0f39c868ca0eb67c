import { Inject, Injectable } from '@nestjs/common';
import { CostRollupDto, RunCostRollupDto } from '@threadline/canonical';
import { isBackendConflict } from '@threadline/platform';
import { ErpConnector } from '../connector/erp.connector';

/**
 * Rolls up an item's cost once per change number: a repeat finds the estimate the first run
 * marked and returns it unchanged. The ERP's refusal of a second estimate for the change (409)
 * is the backstop when two requests race.
 */
@Injectable()
export class RollUpCostService {
  constructor(@Inject(ErpConnector) private readonly erp: ErpConnector) {}

  async rollUp(plant: string, rollup: RunCostRollupDto): Promise<CostRollupDto> {
    const existing = await this.erp.findCostRollup(plant, rollup.itemNumber, rollup.changeNumber);
    if (existing) return existing;
    try {
      return await this.erp.runCostRollup(plant, rollup);
    } catch (error) {
      if (isBackendConflict(error)) {
        const raced = await this.erp.findCostRollup(plant, rollup.itemNumber, rollup.changeNumber);
        if (raced) return raced;
      }
      throw error;
    }
  }
}
