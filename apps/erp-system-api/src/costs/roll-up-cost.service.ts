import { Inject, Injectable } from '@nestjs/common';
import { CostRollupDto, RunCostRollupDto } from '@threadline/canonical';
import { isBackendConflict } from '@threadline/platform';
import { ErpConnector } from '../connector/erp.connector';

/**
 * Rolls up an item's cost once per change number. The roll-up runs straight away: the ERP refuses
 * a second estimate for the change (409), and only then is the estimate the first run marked read
 * and returned unchanged (a repeat, or a request that lost a race). So the usual first roll-up
 * costs the ERP one call, not a read and a run.
 */
@Injectable()
export class RollUpCostService {
  constructor(@Inject(ErpConnector) private readonly erp: ErpConnector) {}

  async rollUp(plant: string, rollup: RunCostRollupDto): Promise<CostRollupDto> {
    try {
      return await this.erp.runCostRollup(plant, rollup);
    } catch (error) {
      if (isBackendConflict(error)) {
        const existing = await this.erp.findCostRollup(plant, rollup.itemNumber, rollup.changeNumber);
        if (existing) return existing;
      }
      throw error;
    }
  }
}
