import { Inject, Injectable } from '@nestjs/common';
import { ApplyProductionChangeDto, ApplyProductionChangeResultDto } from '@threadline/canonical';
import { SchedulerConnector } from '../connector/scheduler.connector';

/**
 * Pushes a production-effective change to one plant and re-plans. Repeating it is harmless: a
 * change the scheduler already holds is not written again, and the latest plan is returned
 * (re-planning only if the plant has never been planned since).
 */
@Injectable()
export class ApplyProductionChangeService {
  constructor(@Inject(SchedulerConnector) private readonly scheduler: SchedulerConnector) {}

  async apply(plant: string, change: ApplyProductionChangeDto): Promise<ApplyProductionChangeResultDto> {
    const applied = await this.scheduler.applyProductionChange(plant, change);
    if (applied.created) {
      return { change: applied.change, planRun: await this.scheduler.runPlan(plant, change.changeNumber), created: true };
    }
    const latest = (await this.scheduler.latestPlanRun(plant)) ?? (await this.scheduler.runPlan(plant, change.changeNumber));
    return { change: applied.change, planRun: latest, created: false };
  }
}
