import { Inject, Injectable, Logger } from '@nestjs/common';
import { SchedulerConnector } from '../connector/scheduler.connector';
import { RaiseScheduleExceptionService } from '../exceptions/raise-schedule-exception.service';
import { SchedulingSystemApiConfig } from '../scheduling-system-api.config';

export interface PlantReconciliation {
  plant: string;
  /** `skipped`: the plant's scheduler did not answer; the next round tries again. */
  outcome: 'reconciled' | 'skipped';
  /** Current exceptions read from the scheduler. */
  checked: number;
  /** Those that had not been announced (their webhook never arrived): announced now. */
  announced: number;
  reason: string | null;
}

export interface ReconciliationRound {
  announced: number;
  plants: PlantReconciliation[];
}

/** frePPLe's output API serves up to 1000 problems a call; 200 keeps one page's transaction short. */
const PAGE_SIZE = 200;
/** Bounds one plant's share of a round (10,000 current problems); the next round reads them again. */
const MAX_PAGES = 50;

/**
 * Catches up on exceptions whose webhook never arrived (raised before this API subscribed, while
 * it was down, or after the scheduler gave up retrying): reads each plant's current exceptions and
 * announces those not announced yet, with the webhook path's deterministic event id, so an
 * exception both paths bring is one event. Stateless: the outbox is the record of what was
 * announced. A plant whose scheduler fails (down, or data that cannot be mapped) is skipped with
 * one log line until the next round; the others go on.
 */
@Injectable()
export class ExceptionReconciler {
  private readonly logger = new Logger(ExceptionReconciler.name);

  constructor(
    @Inject(SchedulerConnector) private readonly scheduler: SchedulerConnector,
    @Inject(RaiseScheduleExceptionService) private readonly raiser: RaiseScheduleExceptionService,
    @Inject(SchedulingSystemApiConfig) private readonly config: SchedulingSystemApiConfig,
  ) {}

  /** One round over every plant. Fails only when the plants cannot be listed (the scheduler is down). */
  async reconcile(): Promise<ReconciliationRound> {
    const plants = this.config.plants?.length ? this.config.plants : await this.scheduler.listPlants();
    const results: PlantReconciliation[] = [];
    for (const plant of plants) results.push(await this.reconcilePlant(plant));
    return { announced: results.reduce((sum, r) => sum + r.announced, 0), plants: results };
  }

  private async reconcilePlant(plant: string): Promise<PlantReconciliation> {
    let checked = 0;
    let announced = 0;
    try {
      let after: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const exceptions = await this.scheduler.listExceptions(plant, { after, limit: PAGE_SIZE });
        // Not `length < PAGE_SIZE`: the connector drops problem kinds it does not model, so a short page may not be the last.
        if (exceptions.length === 0) break;
        checked += exceptions.length;
        announced += (await this.raiser.raiseAll(exceptions)).length;
        after = exceptions[exceptions.length - 1].id;
      }
    } catch (error) {
      const reason = (error as Error).message;
      this.logger.warn(`${plant}: reconciliation skipped until the next round: ${reason}`);
      return { plant, outcome: 'skipped', checked, announced, reason };
    }
    if (announced > 0) this.logger.log(`${plant}: reconciliation announced ${announced} of ${checked} current exception(s) no webhook had delivered`);
    return { plant, outcome: 'reconciled', checked, announced, reason: null };
  }
}
